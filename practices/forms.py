"""Forms of the registry and the go-live tracking; writes go through practices.services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from coalition import access
from coalition.forms import bootstrap
from coalition.models import Coalition, ProductVersion, Service, Vendor
from coalition.validators import (
    normalize_agb,
    normalize_postcode,
    validate_plausible_date,
)
from practices.imports import MAX_BYTES
from practices.models import Practice, PracticeContact, Reason, Step


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RolloutChangeForm(forms.Form):
    service = forms.ChoiceField(label=_("Dienst"), choices=Service.choices)
    step = forms.TypedChoiceField(label=_("Stap"), choices=Step.choices, coerce=int)
    planned_date = forms.DateField(
        label=_("Geplande livegang"),
        required=False,
        widget=DateInput(),
        validators=[validate_plausible_date],
    )
    live_date = forms.DateField(
        label=_("Live sinds"),
        required=False,
        widget=DateInput(),
        validators=[validate_plausible_date],
        help_text=_("Leeg laten bij ‘live’: dan geldt vandaag."),
    )
    reason = forms.ChoiceField(
        label=_("Reden (als niet live)"),
        choices=[("", "—"), *Reason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, fixed_service: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_service:
            self.fields["service"].widget = forms.HiddenInput()
        bootstrap(self)


class BulkStepForm(forms.Form):
    pk = forms.ModelMultipleChoiceField(
        queryset=Practice.objects.none(),
        error_messages={"required": _("Selecteer eerst een of meer praktijken.")},
    )
    service = forms.ChoiceField(label=_("Dienst"), choices=Service.choices)
    step = forms.TypedChoiceField(
        label=_("Nieuwe stap"), choices=Step.choices, coerce=int
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=2000)

    def __init__(self, *args, practices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if practices is not None:
            self.fields["pk"].queryset = practices
        bootstrap(self)


class PracticeForm(forms.ModelForm):
    """The registry data of one practice; the fields shown depend on who edits."""

    class Meta:
        model = Practice
        # Every field a lead may edit; __init__ drops those the user may not.
        fields = list(access.PRACTICE_LEAD_FIELDS)
        widgets = {"left_on": DateInput()}

    def __init__(self, *args, editable: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in editable:
                del self.fields[name]
        p = self.instance
        if "member_organisation" in self.fields:
            # An ended member takes no new practices (issue 11.1).
            self.fields[
                "member_organisation"
            ].queryset = p.coalition.member_organisations.filter(
                Q(ended_on__isnull=True) | Q(pk=p.member_organisation_id)
            )
        if "his_vendor" in self.fields:
            self.fields["his_vendor"].queryset = Vendor.objects.filter(
                kind__in=[Vendor.Kind.HIS, Vendor.Kind.BOTH]
            )
        if "portal_vendor" in self.fields:
            self.fields["portal_vendor"].queryset = Vendor.objects.filter(
                kind__in=[Vendor.Kind.PORTAL, Vendor.Kind.BOTH]
            )
        if "his_version" in self.fields:
            self.fields["his_version"].queryset = ProductVersion.objects.filter(
                vendor__kind__in=[Vendor.Kind.HIS, Vendor.Kind.BOTH]
            ).select_related("vendor")
        bootstrap(self)
        if "postcode" in self.fields:
            # Accept 3011ab or 3011 ab as typed; the model stores 3011 AB.
            self.fields["postcode"].validators = []

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        if not value:
            return value
        try:
            return normalize_postcode(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


class PracticeCreateForm(PracticeForm):
    """A new practice registered by hand (the xlsx import does the same in bulk)."""

    class Meta(PracticeForm.Meta):
        fields = ["agb_code", *PracticeForm.Meta.fields]

    def __init__(self, *args, editable: tuple[str, ...], **kwargs):
        super().__init__(*args, editable=("agb_code", *editable), **kwargs)
        self.fields["agb_code"].validators = []
        self.fields["agb_code"].max_length = 12
        self.fields["agb_code"].widget.attrs["maxlength"] = 12

    def clean_agb_code(self):
        try:
            return normalize_agb(self.cleaned_data.get("agb_code"))
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


ContactFormSet = inlineformset_factory(
    Practice,
    PracticeContact,
    fields=["name", "email", "function", "is_primary"],
    extra=1,
    can_delete=True,
)


class RegistryUploadForm(forms.Form):
    coalition = forms.ModelChoiceField(
        label=_("Coalitie"), queryset=Coalition.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Bestand (xlsx)"),
        help_text=_("Eerste werkblad, kopregel met de kolomnamen; hooguit 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, coalitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = coalitions
        bootstrap(self)

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 10 MB; splits het op.")
            )
        return f


class ServiceDeadlineForm(forms.Form):
    service = forms.CharField(widget=forms.HiddenInput)
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=DateInput(),
        required=False,
        validators=[validate_plausible_date],
    )
    target_pct = forms.IntegerField(
        label=_("Doel (%)"), min_value=1, max_value=100, initial=95
    )
    stuck_weeks = forms.IntegerField(
        label=_("Risico na (weken in één stap)"), min_value=1, max_value=104, initial=8
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


ServiceDeadlineFormSet = forms.formset_factory(ServiceDeadlineForm, extra=0)


class ChangeProposalForm(forms.ModelForm):
    """A practice user's proposal for the fields the lead owns (practices.proposals);
    filled with the registry's values, the practice user changes what is wrong."""

    note = forms.CharField(
        label=_("Toelichting voor de projectleider"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Practice
        fields = list(access.PRACTICE_PROPOSAL_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["his_vendor"].queryset = Vendor.objects.filter(
            kind__in=[Vendor.Kind.HIS, Vendor.Kind.BOTH]
        )
        self.fields["portal_vendor"].queryset = Vendor.objects.filter(
            kind__in=[Vendor.Kind.PORTAL, Vendor.Kind.BOTH]
        )
        bootstrap(self)

    def _post_clean(self):
        """Nothing is written to the practice here: the lead decides (no instance
        validation on the registry row)."""


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Overnemen")), ("reject", _("Afwijzen"))]
    )
    reason = forms.CharField(
        label=_("Reden (bij afwijzen)"), required=False, max_length=2000
    )
