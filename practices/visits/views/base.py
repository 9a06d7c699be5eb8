"""What the visit pages share: roles, list-page mixins, the coalition column."""

from __future__ import annotations

from django.urls import reverse
from django_tables2 import SingleTableMixin

from coalition import access
from coalition.exports import ExportMixin
from coalition.models import Role

READERS = frozenset({Role.LEAD, Role.OFFICE, Role.PRACTICE})


STAFF = frozenset({Role.LEAD, Role.OFFICE})


LEADS = frozenset({Role.LEAD})


def visit_url(pk: int) -> str:
    return reverse("visits:visit_detail", kwargs={"pk": pk})


class ListPageMixin(ExportMixin, SingleTableMixin):
    """A filtered table with an xlsx download of exactly its columns and rows."""

    table_pagination = {"per_page": 50}


class CoalitionColumnMixin:
    """A coalition column and filter on a list, when the viewer sees more than one
    coalition (access decides, not the role)."""

    def several_coalitions(self) -> bool:
        if not hasattr(self, "_several"):
            self._several = access.sees_several_visit_coalitions(self.request.user)
        return self._several

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if self.several_coalitions():
            kwargs["coalitions"] = access.visit_coalitions(self.request.user).order_by(
                "name"
            )
        return kwargs

    def get(self, request, *args, **kwargs):
        # The same table for the screen and the xlsx download: without the column
        # when everything shown belongs to one coalition.
        if not self.several_coalitions():
            self.table_class = _without_coalition(type(self).table_class)
        return super().get(request, *args, **kwargs)


_WITHOUT_COALITION: dict[type, type] = {}


def _without_coalition(table_class: type) -> type:
    if table_class not in _WITHOUT_COALITION:
        meta = type("Meta", (table_class.Meta,), {"exclude": ("coalition",)})
        _WITHOUT_COALITION[table_class] = type(
            table_class.__name__, (table_class,), {"Meta": meta}
        )
    return _WITHOUT_COALITION[table_class]
