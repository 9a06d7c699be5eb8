from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalition.forms import bootstrap
from surveys.models import Question, Questionnaire


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BootstrapMixin:
    """The platform's form look: Bootstrap classes on every widget, for the shared
    `coalition/includes/form.html`, and a readable empty choice instead of '---------'."""

    empty_choice = _("— kies —")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self) -> None:
        bootstrap(self)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == "---------":
                    field.empty_label = self.empty_choice
            elif isinstance(field, forms.ChoiceField):
                field.choices = [
                    (value, self.empty_choice if label == "---------" else label)
                    for value, label in field.choices
                ]


def parse_days(text: str) -> list[int]:
    parts = [p for p in re.split(r"[,;\s]+", text or "") if p]
    try:
        days = [int(p) for p in parts]
    except ValueError:
        raise ValidationError(
            _("Geef hele getallen, gescheiden door komma's (bijv. 14, 7, 1).")
        ) from None
    if any(d < 0 or d > 365 for d in days):
        raise ValidationError(_("Elk getal ligt tussen 0 en 365."))
    return sorted(set(days), reverse=True)


class QuestionnaireCreateForm(BootstrapMixin, forms.Form):
    class Start(models.TextChoices):
        STANDARD = "standard", _("de standaardvragenlijst")
        COPY = "copy", _("een kopie van een eerdere vragenlijst")
        EMPTY = "empty", _("een lege vragenlijst")

    coalition = forms.ModelChoiceField(label=_("Coalitie"), queryset=None)
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Kwartaal"),
        choices=[("", _("— hele jaar —")), (1, "K1"), (2, "K2"), (3, "K3"), (4, "K4")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    start = forms.ChoiceField(
        label=_("Begin met"), choices=Start.choices, initial=Start.STANDARD
    )
    copy_from = forms.ModelChoiceField(
        label=_("Kopie van"), queryset=None, required=False
    )
    opens = forms.DateField(label=_("Open vanaf"), widget=DateInput())
    closes = forms.DateField(label=_("Sluit op"), widget=DateInput())

    def __init__(self, *args, coalitions, questionnaires, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = coalitions
        self.fields["copy_from"].queryset = questionnaires
        if coalitions.count() == 1:
            self.fields["coalition"].initial = coalitions.first()

    def clean(self):
        data = super().clean()
        if data.get("start") == self.Start.COPY:
            source = data.get("copy_from")
            if source is None:
                self.add_error("copy_from", _("Kies de vragenlijst om te kopiëren."))
            elif data.get("coalition") and source.coalition_id != data["coalition"].pk:
                self.add_error(
                    "copy_from", _("Deze vragenlijst hoort bij een andere coalitie.")
                )
        if data.get("opens") and data.get("closes") and data["closes"] < data["opens"]:
            self.add_error("closes", _("De sluitingsdatum ligt vóór de opening."))
        return data


class QuestionnaireEditForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    intro = forms.CharField(
        label=_("Toelichting voor de praktijken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens = forms.DateField(label=_("Open vanaf"), widget=DateInput())
    closes = forms.DateField(label=_("Sluit op"), widget=DateInput())
    reminder_days = forms.CharField(
        label=_("Herinneringen: dagen vóór sluiting"),
        required=False,
        help_text=_(
            "Bijvoorbeeld ‘14, 7, 1’. Praktijken die nog niet instuurden krijgen op die "
            "dagen een herinnering; nooit twee op één dag."
        ),
    )

    def clean_reminder_days(self):
        return parse_days(self.cleaned_data["reminder_days"])

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] < data["opens"]:
            self.add_error("closes", _("De sluitingsdatum ligt vóór de opening."))
        return data


class QuestionForm(BootstrapMixin, forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Keuzes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel, als ‘waarde = omschrijving’."),
    )

    class Meta:
        model = Question
        fields = [
            "section",
            "code",
            "text",
            "help",
            "kind",
            "unit",
            "required",
            "min_value",
            "max_value",
            "show_if",
            "order",
        ]
        widgets = {"help": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.questionnaire = questionnaire
        self.fields["section"].queryset = questionnaire.sections.all()
        others = questionnaire.questions.filter(kind=Question.Kind.YES_NO)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["show_if"].queryset = others
        if self.instance.choices:
            self.fields["choices_text"].initial = "\n".join(
                f"{v} = {label}" for v, label in self.instance.choices
            )
        self.fields["show_if"].empty_label = _("— altijd tonen —")

    def clean_choices_text(self):
        out = []
        for line in self.cleaned_data["choices_text"].splitlines():
            if not line.strip():
                continue
            value, _sep, label = line.partition("=")
            out.append([value.strip(), (label or value).strip()])
        return out

    def _post_clean(self):
        self.instance.choices = self.cleaned_data.get("choices_text", [])
        super()._post_clean()


class ReopenForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden om te heropenen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "De praktijk en latere lezers zien waarom dit antwoord weer open is."
        ),
    )


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Bestand (xlsx)"),
        help_text=_(
            "Eerste tabblad; kop ‘agb_code’, eventueel ‘status’ (ingestuurd of "
            "concept), en dan de vraagcodes; één rij per praktijk. Ja/nee als ja, nee, "
            "1 of 0. Een lege cel is geen antwoord."
        ),
    )

    submit_drafts = forms.BooleanField(
        label=_("Ook de concepten insturen"),
        required=False,
        help_text=_(
            "Alleen als de praktijken dat zelf zo willen: rijen met status ‘concept’ "
            "blijven anders een concept. Een bestand zonder statuskolom geldt als uw "
            "eigen invoer en wordt helemaal ingestuurd."
        ),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise ValidationError(_("Kies een xlsx-bestand."))
        if f.size > 20 * 1024 * 1024:
            raise ValidationError(_("Het bestand is groter dan 20 MB."))
        return f
