"""Forms of the coalition administration (issue 11, parts 1, 3 and 8); the writes are
coalition.services_orgs'."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coalition.forms import bootstrap
from coalition.models import (
    Coalition,
    Funder,
    MemberOrganisation,
    ProductVersion,
    Vendor,
)
from coalition.validators import validate_plausible_date


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        validators=[validate_plausible_date],
        help_text=help_text,
    )


class EuroField(forms.CharField):
    """An amount in euros as a Dutch user types it: 1.415.000, 1415000,50, € 120.000."""

    default_error_messages = {
        "invalid": _("Vul een bedrag in euro's in, bijvoorbeeld 125.000 of 1250,50.")
    }

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        text = re.sub(r"[€\s]", "", text)
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?|\d+(,\d{1,2})?", text) is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            amount = Decimal(text.replace(".", "").replace(",", "."))
        except InvalidOperation:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None
        return amount.quantize(Decimal("0.01"))

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            whole, _sep, cents = f"{value:.2f}".partition(".")
            grouped = f"{int(whole):,}".replace(",", ".")
            return grouped if cents == "00" else f"{grouped},{cents}"
        return value


class CoalitionChoiceForm(forms.Form):
    """A `coalition` field for a lead of several coalitions; gone for a lead of one."""

    def __init__(self, *args, coalitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.coalitions = coalitions
        if len(coalitions) > 1:
            self.fields = {
                "coalition": forms.ModelChoiceField(
                    label=_("Coalitie"),
                    queryset=Coalition.objects.filter(
                        pk__in=[c.pk for c in coalitions]
                    ),
                    empty_label=None,
                ),
                **self.fields,
            }

    def chosen_coalition(self) -> Coalition:
        return self.cleaned_data.get("coalition") or self.coalitions[0]


class MemberOrganisationForm(CoalitionChoiceForm):
    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort"), choices=MemberOrganisation.Kind.choices)
    contact_name = forms.CharField(
        label=_("Contactpersoon"), max_length=200, required=False
    )
    contact_email = forms.EmailField(label=_("E-mail contactpersoon"), required=False)
    contact_phone = forms.CharField(
        label=_("Telefoon contactpersoon"), max_length=40, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class MemberOrganisationEndForm(forms.Form):
    ended_on = _date_field(
        _("Lid tot en met"),
        help_text=_("De laatste dag dat de organisatie lid is van de coalitie."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class CheckList(forms.CheckboxSelectMultiple):
    """Checkboxes in Bootstrap's form-check markup, each with its own label."""

    template_name = "coalition/orgs/includes/check_list.html"
    option_template_name = "coalition/orgs/includes/check_option.html"


class ProductChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ProductVersion) -> str:
        return f"{obj.vendor.name}: {obj.product} {obj.version}"


class FrameworkAgreementForm(CoalitionChoiceForm):
    vendor = forms.ModelChoiceField(
        label=_("Leverancier"), queryset=Vendor.objects.order_by("name")
    )
    starts = _date_field(_("Ingangsdatum"))
    ends = _date_field(
        _("Einddatum"), required=False, help_text=_("Leeg: voor onbepaalde tijd.")
    )
    products = ProductChoiceField(
        label=_("Producten"),
        queryset=ProductVersion.objects.select_related("vendor").order_by(
            "vendor__name", "product", "version"
        ),
        required=False,
        widget=CheckList,
        help_text=_("De productversies van deze leverancier die de overeenkomst dekt."),
    )
    notes = forms.CharField(
        label=_("Opmerkingen"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("De einddatum ligt vóór de ingangsdatum."))
        vendor = data.get("vendor")
        foreign = (
            [p for p in data.get("products") or [] if p.vendor_id != vendor.pk]
            if vendor
            else []
        )
        if foreign:
            self.add_error(
                "products",
                _("Kies alleen producten van %(vendor)s.") % {"vendor": vendor.name},
            )
        return data


class GrantForm(CoalitionChoiceForm):
    funder = forms.ModelChoiceField(
        label=_("Financier"),
        queryset=Funder.objects.order_by("name"),
        required=False,
        empty_label=_("— een nieuwe financier —"),
    )
    new_funder = forms.CharField(
        label=_("Naam nieuwe financier"),
        max_length=200,
        required=False,
        help_text=_("Alleen als de financier nog niet in de lijst staat."),
    )
    reference = forms.CharField(label=_("Kenmerk"), max_length=60, required=False)
    amount = EuroField(label=_("Bedrag (€)"))
    starts = _date_field(_("Begin"))
    ends = _date_field(_("Einde"))
    committed_practices = forms.IntegerField(
        label=_("Toegezegde praktijken"), min_value=0, max_value=10_000
    )
    committed_patients = forms.IntegerField(
        label=_("Toegezegde patiënten"), min_value=0, max_value=20_000_000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("Het einde ligt vóór het begin."))
        if data.get("funder") is None and not (data.get("new_funder") or "").strip():
            self.add_error("funder", _("Kies een financier of vul een naam in."))
        if data.get("funder") is not None and (data.get("new_funder") or "").strip():
            self.add_error(
                "new_funder",
                _("Kies een financier uit de lijst óf vul een nieuwe naam in."),
            )
        amount = data.get("amount")
        if amount is not None and amount >= Decimal("10000000000"):
            self.add_error("amount", _("Dit bedrag is te groot."))
        return data


# --- the programme office (part 8) ----------------------------------------------------


class CoalitionForm(forms.ModelForm):
    class Meta:
        model = Coalition
        fields = (
            "name",
            "slug",
            "region",
            "province",
            "contact_email",
            "vendors_see_practice_names",
        )
        help_texts = {
            "slug": _(
                "Kleine letters, cijfers en streepjes; staat in adressen en "
                "kan later niet meer veranderen."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]
        else:  # a new coalition starts with counts only; its lead decides later
            del self.fields["vendors_see_practice_names"]
        bootstrap(self)


class VendorPracticeNamesForm(forms.Form):
    """The lead's switch on the vendors page (issue 16)."""

    vendors_see_practice_names = forms.BooleanField(
        label=_("Leveranciers mogen praktijknamen zien"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class LeadForm(forms.Form):
    lead_email = forms.EmailField(label=_("E-mailadres projectleider"))
    lead_first_name = forms.CharField(
        label=_("Voornaam projectleider"), max_length=150, required=False
    )
    lead_last_name = forms.CharField(
        label=_("Achternaam projectleider"), max_length=150, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class FoundingMemberForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", "—"), *MemberOrganisation.Kind.choices],
        required=False,
    )
    contact_name = forms.CharField(
        label=_("Contactpersoon"), max_length=200, required=False
    )
    contact_email = forms.EmailField(label=_("E-mail contactpersoon"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault(
                "class",
                "form-select form-select-sm"
                if is_select
                else "form-control form-control-sm",
            )

    def clean(self):
        data = super().clean()
        if (data.get("name") or "").strip() and not data.get("kind"):
            self.add_error("kind", _("Kies de soort organisatie."))
        return data


class BaseFoundingMemberFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        named = [f.cleaned_data for f in self.forms if f.cleaned_data.get("name")]
        if len(named) < Coalition.MIN_MEMBER_ORGANISATIONS:
            raise ValidationError(
                _("Een coalitie bestaat uit minstens twee lidorganisaties.")
            )


FoundingMemberFormSet = forms.formset_factory(
    FoundingMemberForm, formset=BaseFoundingMemberFormSet, extra=4, max_num=10
)
