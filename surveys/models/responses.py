"""A practice's response to a questionnaire, its events and its answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from surveys.models.questionnaires import Question, Questionnaire


class ResponseQuerySet(models.QuerySet["Response"]):
    def submitted(self) -> ResponseQuerySet:
        return self.filter(status=Response.Status.SUBMITTED)


class Response(models.Model):
    """A practice's answers to one questionnaire; exists from the invitation on."""

    class Status(models.TextChoices):
        INVITED = "invited", _("uitgenodigd")
        DRAFT = "draft", _("begonnen")
        SUBMITTED = "submitted", _("ingestuurd")

    class Source(models.TextChoices):
        FORM = "form", _("formulier")
        IMPORT = "import", _("import")

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("vragenlijst"),
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.CASCADE,
        related_name="survey_responses",
        verbose_name=_("praktijk"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    source = models.CharField(
        _("bron"), max_length=10, choices=Source.choices, default=Source.FORM
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("ingestuurd op"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingestuurd door"),
    )
    updated = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord van een praktijk")
        verbose_name_plural = _("antwoorden van praktijken")
        ordering = ["questionnaire", "practice__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "practice"], name="response_unique_practice"
            )
        ]
        indexes = [models.Index(fields=["questionnaire", "status"])]

    def __str__(self) -> str:
        return f"{self.practice} — {self.questionnaire}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class ResponseEvent(models.Model):
    """The history of a response: invited, submitted, imported, reopened (with why)."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("uitgenodigd")
        SUBMITTED = "submitted", _("ingestuurd")
        IMPORTED = "imported", _("geïmporteerd")
        REOPENED = "reopened", _("heropend")

    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("antwoord"),
    )
    kind = models.CharField(_("gebeurtenis"), max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"))
    reason = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["response", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class Answer(models.Model):
    """One answer, kept in the column of its kind so the database can aggregate it."""

    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("antwoord van een praktijk"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("vraag"),
    )
    number = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    boolean = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    updated = models.DateTimeField(auto_now=True)
    # Every change keeps the previous value, who made it and when (NEN 7513; the audit
    # log records the access, never the content). Imports write in bulk and are their
    # own record.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_unique_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.code} = {self.value!r}"

    @property
    def value(self):
        return answer_value(self.question.kind, self)

    def set_value(self, kind: str, value) -> None:
        self.number = None
        self.boolean = None
        self.text = ""
        self.date = None
        self.choices = []
        if kind in Question.NUMERIC:
            self.number = value
        elif kind == Question.Kind.YES_NO:
            self.boolean = value
        elif kind == Question.Kind.DATE:
            self.date = value
        elif kind == Question.Kind.SINGLE:
            self.text = value
        elif kind == Question.Kind.MULTIPLE:
            self.choices = list(value)
        else:
            self.text = value


def answer_version(answer: Answer | None) -> str:
    """Which stored answer a save started from: a save based on another is refused."""
    if answer is None or answer.updated is None:
        return ""
    return answer.updated.isoformat()


def answer_value(kind: str, answer: Answer):
    if kind in Question.NUMERIC:
        return answer.number
    if kind == Question.Kind.YES_NO:
        return answer.boolean
    if kind == Question.Kind.DATE:
        return answer.date
    if kind == Question.Kind.MULTIPLE:
        return list(answer.choices or [])
    return answer.text
