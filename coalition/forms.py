from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coalition import access
from coalition.models import Coalition, Role


def bootstrap(form: forms.BaseForm, *, small: bool = False) -> None:
    """Bootstrap classes on every widget of `form`, for `coalition/includes/form.html`:
    check inputs, selects and the rest (a class set by the form itself is kept).
    `small`: the compact controls of filter forms."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select form-select-sm" if small else "form-select"
        else:
            css = "form-control form-control-sm" if small else "form-control"
        widget.attrs.setdefault("class", css)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names where the
    form has that field, else on the form as a whole."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[c for c in Role.choices if c[0] != Role.OFFICE],
    )
    coalition = forms.ModelChoiceField(
        label=_("Coalitie"),
        queryset=Coalition.objects.none(),
        empty_label=None,
        required=False,
    )
    practice = forms.ModelChoiceField(
        label=_("Praktijk"),
        queryset=None,
        required=False,
        help_text=_("Alleen voor een praktijkgebruiker."),
    )
    vendor = forms.ModelChoiceField(
        label=_("Leverancier"),
        queryset=None,
        required=False,
        help_text=_("Alleen voor een gebruiker van een leverancier."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = access.managed_coalitions(user)
        # Issue 16: a vendor's people, invited by a lead (vendors their coalition works
        # with) or by the programme office (any vendor, and nothing else).
        self.fields["vendor"].queryset = access.visible_vendors(user).order_by("name")
        self.fields["practice"].queryset = (
            access.visible_practices(user)
            .filter(coalition__in=access.managed_coalitions(user))
            .order_by("name")
        )
        if not access.scope(user).lead_coalitions:
            self.fields["role"].choices = [(Role.VENDOR, Role.VENDOR.label)]
            del self.fields["coalition"]
            del self.fields["practice"]

    def clean(self):
        data = super().clean()
        role, practice, coalition = (
            data.get("role"),
            data.get("practice"),
            data.get("coalition"),
        )
        if role == Role.PRACTICE and practice is None:
            self.add_error(
                "practice", _("Kies de praktijk van deze praktijkgebruiker.")
            )
        if role != Role.PRACTICE and practice is not None:
            self.add_error(
                "practice", _("Alleen een praktijkgebruiker hoort bij een praktijk.")
            )
        if role == Role.VENDOR and data.get("vendor") is None:
            self.add_error("vendor", _("Kies de leverancier van deze gebruiker."))
        if role != Role.VENDOR and data.get("vendor") is not None:
            self.add_error(
                "vendor", _("Alleen een gebruiker van een leverancier hoort daarbij.")
            )
        if role != Role.VENDOR and coalition is None and "coalition" in self.fields:
            self.add_error("coalition", _("Kies de coalitie."))
        if practice and coalition and practice.coalition_id != coalition.pk:
            self.add_error(
                "practice", _("Deze praktijk hoort niet bij de gekozen coalitie.")
            )
        return data
