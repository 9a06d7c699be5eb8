"""Forms of the training pages; the services do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition import access
from coalition.models import StaffRole
from coalition.validators import validate_plausible_date
from training.models import (
    AUDIENCE_FIELDS,
    Course,
    Registration,
    Session,
    SessionMessage,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class BootstrapMixin:
    """Bootstrap classes and aria-describedby on errors, so the shared form include
    renders every field accessibly."""

    def _style(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = ""
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs.setdefault("class", css)
            if self.is_bound and name in self.errors:
                widget.attrs["class"] = (
                    widget.attrs.get("class", "") + " is-invalid"
                ).strip()
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"id_{name}_error"

    def full_clean(self):
        super().full_clean()
        self._style()


class CourseForm(BootstrapMixin, forms.ModelForm):
    field_order = [
        "coalition",
        "title",
        "description",
        "audience",
        "duration_hours",
        "accreditation_points",
        "is_required_module",
    ]
    audience = forms.MultipleChoiceField(
        label=_("Doelgroep"),
        choices=StaffRole.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Course
        fields = (
            "coalition",
            "title",
            "description",
            "duration_hours",
            "accreditation_points",
            "is_required_module",
        )
        # Dutch decimals: "2,5" uur.
        localized_fields = ("duration_hours", "accreditation_points")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = access.training_coalitions(user)
        self.fields["coalition"].empty_label = None
        self.fields["description"].widget.attrs["rows"] = 4
        self.initial.setdefault(
            "audience",
            self.instance.audience if self.instance.pk else list(AUDIENCE_FIELDS),
        )
        self._style()

    def clean(self):
        data = super().clean()
        for code, field in AUDIENCE_FIELDS.items():
            setattr(self.instance, field, code in data.get("audience", []))
        return data


class SessionForm(BootstrapMixin, forms.ModelForm):
    registration_deadline = forms.DateTimeField(
        label=_("Aanmelden kan tot"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Leeg laten: aanmelden kan tot het begin van de sessie."),
        validators=[validate_plausible_date],
    )

    class Meta:
        model = Session
        fields = (
            "course",
            "trainers",
            "starts_at",
            "ends_at",
            "mode",
            "address",
            "online_url",
            "capacity",
            "registration_deadline",
        )
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "trainers": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        coalitions = access.training_coalitions(user)
        self.fields["course"].queryset = Course.objects.filter(
            coalition__in=coalitions
        ).order_by("title")
        self.fields["trainers"].queryset = access.trainers_of(coalitions).order_by(
            "last_name", "email"
        )
        self.fields["trainers"].required = False
        self.fields["trainers"].help_text = _(
            "Een trainer die de sessie aanmaakt, staat er zelf altijd bij."
        )
        for name in ("starts_at", "ends_at"):
            self.fields[name].validators.append(validate_plausible_date)
        self._style()

    def clean(self):
        data = super().clean()
        if not data.get("registration_deadline") and data.get("starts_at"):
            data["registration_deadline"] = data["starts_at"]
        return data


class RegistrationForm(BootstrapMixin, forms.Form):
    practice = forms.ModelChoiceField(
        label=_("Praktijk"), queryset=None, empty_label=None
    )
    name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    role = forms.ChoiceField(label=_("Functie"), choices=StaffRole.choices)

    def __init__(self, *args, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = practices
        self._style()


class AttendanceForm(BootstrapMixin, forms.Form):
    """Attendance and a note for each confirmed registration of a session."""

    CHOICES = [
        (Registration.Attendance.ATTENDED, Registration.Attendance.ATTENDED.label),
        (Registration.Attendance.NO_SHOW, Registration.Attendance.NO_SHOW.label),
    ]

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        self.rows = []
        for r in self.registrations:
            att, notes = f"attendance_{r.pk}", f"notes_{r.pk}"
            self.fields[att] = forms.ChoiceField(
                label=_("Aanwezigheid van %(name)s") % {"name": r.name},
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=r.attendance if r.attendance != r.Attendance.UNKNOWN else None,
            )
            # The template lays the options out as Bootstrap's inline form-checks.
            self.fields[att].widget.attrs["class"] = "form-check-input"
            self.fields[notes] = forms.CharField(
                label=_("Notitie bij %(name)s") % {"name": r.name},
                required=False,
                initial=r.notes,
                max_length=2000,
            )
        self._style()
        self.rows = [
            (r, self[f"attendance_{r.pk}"], self[f"notes_{r.pk}"])
            for r in self.registrations
        ]

    def clean(self):
        """A note is kept with an attendance; without one it would be dropped unseen."""
        cleaned = super().clean()
        for r in self.registrations:
            att = f"attendance_{r.pk}"
            if cleaned.get(f"notes_{r.pk}", "").strip() and not cleaned.get(att):
                self.add_error(
                    att,
                    _(
                        "Kies aanwezig of niet verschenen: zonder keuze wordt de "
                        "notitie niet bewaard."
                    ),
                )
        return cleaned


class SessionMessageForm(BootstrapMixin, forms.Form):
    """A message to the session's people; `key` makes a double submit send once."""

    audience = forms.ChoiceField(
        label=_("Aan"),
        choices=SessionMessage.Audience.choices,
        initial=SessionMessage.Audience.CONFIRMED,
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(
        label=_("Bericht"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
