"""Forms of visits, actions and bottlenecks. They parse and check input; the services
write. Choices are limited to what the user may see (via coalition.access)."""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition import access
from coalition.forms import bootstrap
from coalition.validators import validate_plausible_date
from practices import selectors as practice_selectors
from practices.visits import selectors
from practices.visits.dates import month_start, parse_month
from practices.visits.models import Bottleneck, CoalitionReply, FollowUpAction, Visit

if TYPE_CHECKING:
    from practices.models import Practice


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class BootstrapMixin:
    """Bootstrap classes on every widget, so the shared form include renders them."""

    def _style(self) -> None:
        bootstrap(self)


def new_form_token() -> str:
    return uuid.uuid4().hex


class OnceTokenMixin:
    """A hidden one-time token: the service makes one row per token, so the same form
    posted twice (a double click, a resubmitted page) saves once."""

    def _add_form_token(self) -> None:
        self.fields["form_token"] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            max_length=64,
            initial=new_form_token,
        )

    def clean(self):
        data = super().clean()
        if "form_token" in self.errors:
            # A hidden field has no place to show its error: say it above the form.
            self.add_error(
                None, _("Het formulier is verlopen: laad de pagina opnieuw.")
            )
        return data

    def clean_form_token(self) -> str | None:
        value = (self.cleaned_data.get("form_token") or "").strip()
        if value and not re.fullmatch(r"[0-9a-f]{32}", value):
            raise forms.ValidationError(
                _("Het formulier is verlopen: laad de pagina opnieuw.")
            )
        return value or None


class VisitForm(OnceTokenMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Visit
        fields = [
            "practice",
            "planned_on",
            "held_on",
            "visitors",
            "progress",
            "going_well",
            "challenges",
            "support_needed",
            "feedback",
        ]
        widgets = {
            "planned_on": DateInput(),
            "held_on": DateInput(),
            "progress": forms.Textarea(attrs={"rows": 3}),
            "going_well": forms.Textarea(attrs={"rows": 3}),
            "challenges": forms.Textarea(attrs={"rows": 3}),
            "support_needed": forms.Textarea(attrs={"rows": 3}),
            "feedback": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "held_on": _("Leeg laten zolang het bezoek nog moet plaatsvinden."),
            "feedback": _(
                "Wat de praktijk te lezen krijgt zodra u de terugkoppeling deelt."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        s = access.scope(user)
        self.fields["practice"].queryset = (
            access.visible_practices(user)
            .filter(coalition__in=s.lead_coalitions, is_active=True)
            .order_by("name")
        )
        self.fields["visitors"].queryset = selectors.lead_users(s.lead_coalitions)
        self.fields["visitors"].widget.attrs["size"] = 4
        if self.instance.pk:
            del self.fields["practice"]
            # The version the form was opened at: a save over someone else's newer
            # one is refused (optimistic locking in services.visit_update).
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.version, min_value=1
            )
        else:
            self._add_form_token()
        self._style()

    def clean(self):
        data = super().clean()
        if "version" in self.errors:
            # A hidden field has no place to show its error: say it above the form.
            self.add_error(
                None, _("Het formulier is verlopen: laad de pagina opnieuw.")
            )
        practice = data.get("practice") or (
            self.instance.practice if self.instance.pk else None
        )
        if practice and data.get("visitors"):
            allowed = set(
                selectors.lead_users([practice.coalition_id]).values_list(
                    "pk", flat=True
                )
            )
            if any(v.pk not in allowed for v in data["visitors"]):
                self.add_error(
                    "visitors",
                    _(
                        "Alleen projectleiders van de coalitie van deze praktijk "
                        "kunnen bezoeken."
                    ),
                )
        if self.instance.pk and self.instance.is_shared:
            if not (data.get("feedback") or "").strip():
                self.add_error(
                    "feedback",
                    _(
                        "Deze terugkoppeling is al gedeeld met de praktijk en kan niet "
                        "leeg worden."
                    ),
                )
        return data


class ActionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner", "owner_user", "due_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due_on": DateInput(),
        }
        labels = {"owner_user": _("Projectleider (als die eigenaar is)")}

    def __init__(self, *args, visit: Visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.visit = visit
        self.fields["owner_user"].queryset = selectors.lead_users(
            [visit.practice.coalition_id]
        )
        self.fields["owner_user"].help_text = _("Leeg laten: dan bent u het zelf.")
        self._style()


class ReplyForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("Uw reactie"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class BottleneckForm(OnceTokenMixin, BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Bottleneck
        fields = ["practice", "category", "vendor", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "vendor": _("De leverancier van het portaal of HIS waar het om gaat.")
        }

    def __init__(self, *args, user, practice: Practice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        s = access.scope(user)
        practices = access.visible_practices(user).filter(
            Q(coalition__in=s.lead_coalitions) | Q(pk__in=s.practice_ids),
            is_active=True,
        )
        if practice is not None:
            del self.fields["practice"]
            self.instance.practice = practice
            practices = practice_selectors.coalition_practices(
                practice.coalition_id
            ).filter(pk=practice.pk)
        else:
            self.fields["practice"].queryset = practices.order_by("name")
            if practices.count() == 1:
                self.fields["practice"].initial = practices.first()
        self.fields["vendor"].queryset = selectors.vendor_choices(practices).order_by(
            "name"
        )
        if not self.instance.pk:
            self._add_form_token()
        self._style()


class PassOnForm(BootstrapMixin, forms.Form):
    to = forms.ChoiceField(
        label=_("Doorgeven aan"),
        choices=Bottleneck.PassedTo.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Toelichting (gaat mee in de e-mail)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, office: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if office:
            # What reached the office's inbox goes on to the vendor, not back to it.
            self.fields["to"].choices = [
                (Bottleneck.PassedTo.VENDOR, Bottleneck.PassedTo.VENDOR.label)
            ]
            self.fields["to"].initial = Bottleneck.PassedTo.VENDOR
        self._style()
        self.fields["to"].widget.attrs["class"] = "form-check-input"


class ResolveForm(BootstrapMixin, forms.Form):
    resolution = forms.CharField(
        label=_("Hoe is het opgelost?"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class CoalitionReplyForm(BootstrapMixin, forms.Form):
    """The lead's reply to the vendor in a bottleneck's thread (issue 16)."""

    text = forms.CharField(
        label=_("Uw reactie aan de leverancier"),
        max_length=CoalitionReply.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "De leverancier leest uw reactie zonder namen, telefoonnummers, "
            "e-mailadressen, datums en postcodes."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class BulkPlanForm(BootstrapMixin, forms.Form):
    """Visitor and month for a set of practices picked in the yearly-rule list."""

    visitor = forms.ModelChoiceField(label=_("Bezoeker"), queryset=None)
    month = forms.CharField(
        label=_("Maand"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("De bezoeken worden over de werkdagen van die maand verdeeld."),
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Praktijken"),
        queryset=None,
        required=False,
        widget=forms.MultipleHiddenInput,
    )
    all_filtered = forms.BooleanField(
        label=_("Alle praktijken van deze selectie, ook op de volgende pagina's"),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        s = access.scope(user)
        self.fields["visitor"].queryset = selectors.lead_users(s.lead_coalitions)
        self.fields["practices"].queryset = access.visible_practices(user).filter(
            coalition__in=s.lead_coalitions, is_active=True
        )
        if not self.is_bound:
            self.fields["month"].initial = timezone.localdate().strftime("%Y-%m")
            if user.pk in set(
                self.fields["visitor"].queryset.values_list("pk", flat=True)
            ):
                self.fields["visitor"].initial = user.pk
        self._style()

    def clean(self):
        data = super().clean()
        if not data.get("all_filtered") and not data.get("practices"):
            raise forms.ValidationError(_("Kies minstens één praktijk om te plannen."))
        return data

    def clean_month(self):
        month = parse_month(self.cleaned_data["month"])
        if month is None:
            raise forms.ValidationError(_("Kies een maand, bijvoorbeeld 2026-12."))
        validate_plausible_date(month)
        if month < month_start(timezone.localdate()):
            raise forms.ValidationError(
                _("Deze maand is voorbij: kies deze maand of een latere.")
            )
        return month


class VendorAnswerForm(BootstrapMixin, forms.Form):
    """A vendor's answer to a bottleneck; the version comes from its own product list."""

    kind = forms.ChoiceField(label=_("Uw antwoord"), choices=())
    fixed_in = forms.ModelChoiceField(
        label=_("Opgelost in versie"),
        queryset=None,
        required=False,
        help_text=_('Alleen bij "opgelost in versie".'),
    )
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'Verplicht bij "niet te reproduceren" (uw vraag aan de coalitie) en bij '
            '"wordt niet opgelost" (de reden). Zet er geen persoonsgegevens in.'
        ),
    )

    def __init__(self, *args, user, **kwargs):
        from practices.visits.models import VendorAnswer

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *VendorAnswer.Kind.choices]
        self.fields["fixed_in"].queryset = access.vendor_product_versions(
            user
        ).order_by("product", "version")
        self._style()

    def clean(self):
        from practices.visits.models import VendorAnswer

        data = super().clean()
        kind = data.get("kind")
        if kind == VendorAnswer.Kind.FIXED and not data.get("fixed_in"):
            self.add_error("fixed_in", _("Kies de versie waarin het is opgelost."))
        if kind != VendorAnswer.Kind.FIXED:
            data["fixed_in"] = None
        return data
