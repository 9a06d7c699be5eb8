"""The audit log's row (NEN 7513): who looked at or changed which health-related record,
when, from where, and with what outcome. Never the content itself.

Rows are written once and never changed: `save` refuses an update and `delete` refuses;
only the retention purge (`coalition.audit.audit_purge`) removes old rows, in bulk.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogImmutable(Exception):
    """An attempt to change or delete an audit row through the application."""


class AuditEvent(models.Model):
    class Event(models.TextChoices):
        VIEW = "view", _("inzien")
        CHANGE = "change", _("wijzigen")
        EXPORT = "export", _("exporteren")
        SEARCH = "search", _("zoeken")

    class Outcome(models.TextChoices):
        OK = "ok", _("toegestaan")
        DENIED = "denied", _("geweigerd")
        FAILED = "failed", _("mislukt")

    created = models.DateTimeField(_("tijdstip (UTC)"), default=timezone.now)
    event = models.CharField(_("gebeurtenis"), max_length=10, choices=Event.choices)
    user = models.ForeignKey(
        "coalition.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    # Kept beside the key: the row must still say who it was after the account is gone.
    user_email = models.CharField(_("e-mail gebruiker"), max_length=254, blank=True)
    role = models.CharField(_("rol"), max_length=60, blank=True)
    organisation = models.CharField(_("namens"), max_length=200, blank=True)
    coalition = models.ForeignKey(
        "coalition.Coalition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coalitie"),
    )
    client_address = models.GenericIPAddressField(
        _("adres van de gebruiker"), null=True, blank=True
    )
    object_type = models.CharField(_("soort gegeven"), max_length=60)
    object_id = models.CharField(_("nummer"), max_length=40, blank=True)
    url_name = models.CharField(_("pagina"), max_length=100, blank=True)
    method = models.CharField(_("methode"), max_length=10, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices)
    status_code = models.PositiveSmallIntegerField(
        _("antwoordcode"), null=True, blank=True
    )
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["coalition", "-created"]),
            models.Index(fields=["created"]),
        ]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.event} {self.object_type}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AuditLogImmutable("Een auditregel wordt nooit gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogImmutable("Een auditregel wordt nooit verwijderd.")
