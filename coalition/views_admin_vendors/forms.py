"""The vendor administration's forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from coalition import access
from coalition import services_vendors as services
from coalition.forms import bootstrap
from coalition.models import (
    Coalition,
    ProductVersion,
    Service,
    Standard,
    Vendor,
    VendorContact,
)
from coalition.validators import validate_plausible_date


class _CoalitionChoice(forms.Form):
    """A lead of several coalitions says for which one; the field goes when one."""

    coalition = forms.ModelChoiceField(
        label=gettext_lazy("Coalitie"),
        queryset=Coalition.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        coalitions = access.managed_coalitions(user)
        self.fields["coalition"].queryset = coalitions
        if coalitions.count() == 1:
            self.fields["coalition"].widget = forms.HiddenInput()
            self.fields["coalition"].initial = coalitions.first()
        bootstrap(self)


class VendorForm(forms.ModelForm):
    class Meta:
        model = Vendor
        fields = services.VENDOR_SHARED_FIELDS
        labels = {"contact_name": gettext_lazy("Algemene contactpersoon")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class VendorContactForm(forms.ModelForm):
    class Meta:
        model = VendorContact
        fields = services.CONTACT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class VendorCreateForm(VendorForm):
    """The vendor and the coalition's own contact at it, in one form."""

    our_contact_name = forms.CharField(
        label=gettext_lazy("Onze contactpersoon"), max_length=200
    )
    our_contact_email = forms.EmailField(
        label=gettext_lazy("E-mail van onze contactpersoon"), required=False
    )
    our_contact_phone = forms.CharField(
        label=gettext_lazy("Telefoon van onze contactpersoon"),
        max_length=40,
        required=False,
    )
    coalition = forms.ModelChoiceField(
        label=gettext_lazy("Coalitie"),
        queryset=Coalition.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        coalitions = access.managed_coalitions(user)
        self.fields["coalition"].queryset = coalitions
        if coalitions.count() == 1:
            self.fields["coalition"].widget = forms.HiddenInput()
            self.fields["coalition"].initial = coalitions.first()
        bootstrap(self)


class ProductVersionForm(forms.ModelForm):
    services = forms.MultipleChoiceField(
        label=gettext_lazy("Ondersteunde diensten"),
        choices=Service.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProductVersion
        fields = services.VERSION_FIELDS
        widgets = {"released": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class CertificationProposeForm(forms.Form):
    product_version = forms.ModelChoiceField(
        label=gettext_lazy("Productversie"), queryset=ProductVersion.objects.none()
    )
    standard = forms.ChoiceField(
        label=gettext_lazy("Eis (standaard)"), choices=Standard.choices
    )
    since = forms.DateField(
        label=gettext_lazy("Gecertificeerd sinds"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_plausible_date],
    )
    source = forms.CharField(
        label=gettext_lazy("Bron"),
        max_length=300,
        help_text=gettext_lazy(
            "Waar de certificering staat: een link of de naam van het besluit."
        ),
    )
    coalition = forms.ModelChoiceField(
        label=gettext_lazy("Coalitie"),
        queryset=Coalition.objects.none(),
        empty_label=None,
        required=False,
    )

    def __init__(self, *args, user, vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_version"].queryset = vendor.product_versions.all()
        coalitions = access.managed_coalitions(user)
        if access.can_decide_certification(user) or coalitions.count() <= 1:
            self.fields["coalition"].widget = forms.HiddenInput()
            self.fields["coalition"].initial = coalitions.first()
        self.fields["coalition"].queryset = coalitions
        bootstrap(self)


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Waarom vervalt deze certificering?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
