"""What the coalition administration pages share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django_tables2 import SingleTableView

from coalition import access
from coalition.exports import ExportMixin
from coalition.models import Role
from coalition.views import RoleRequiredMixin

LEAD_ONLY = frozenset({Role.LEAD})


OFFICE_ONLY = frozenset({Role.OFFICE})


def _form_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where it names one that the
    form has, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class LeadListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    """A list of the lead's coalitions' records; a Coalitie column only for a lead of
    several."""

    allowed_roles = LEAD_ONLY
    table_pagination = {"per_page": 50}

    def several(self) -> bool:
        return len(access.scope(self.request.user).lead_coalitions) > 1

    def get_table_kwargs(self):
        return {"exclude": () if self.several() else ("coalition",)}
