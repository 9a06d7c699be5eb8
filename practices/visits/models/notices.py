"""The record of digests, reminders and notices that went out, once per key."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VisitNotice(models.Model):
    """A digest or reminder that went out, once per key: the record of what was sent.

    The key names recipient and period (`digest:<user>:<iso week>`,
    `reminder:<action>:<due date>`), so a second run on the same day finds it and
    sends nothing.
    """

    class Kind(models.TextChoices):
        DIGEST = "digest", _("wekelijks overzicht")
        REMINDER = "reminder", _("herinnering aan actie")
        PASSED_ON = "passed_on", _("knelpunt doorgegeven")
        SHARED = "shared", _("terugkoppeling gedeeld")
        VENDOR_ANSWER = "answer", _("antwoord van de leverancier")
        COALITION_REPLY = "reply_vnd", _("reactie van de coalitie aan de leverancier")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    to = models.EmailField(_("aan"))
    day = models.DateField(_("dag"))
    summary = models.JSONField(_("inhoud"), default=dict, blank=True)
    coalition = models.ForeignKey(
        "coalition.Coalition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.ForeignKey(
        "coalition.EmailMessage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "practices_visitnotice"
        verbose_name = _("verzonden bericht")
        verbose_name_plural = _("verzonden berichten")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to} ({self.day:%d-%m-%Y})"
