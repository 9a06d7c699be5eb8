"""A practice user's proposal to change registry fields that the project lead owns.

The lead accepts or rejects it; an accepted proposal is applied to the practice through
practices.proposals, and both names stay on this row and in the practice's history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practices.models.registry import Practice


class ChangeProposal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op beoordeling")
        ACCEPTED = "accepted", _("overgenomen")
        REJECTED = "rejected", _("afgewezen")

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="change_proposals",
        verbose_name=_("praktijk"),
    )
    # {field: value}: the proposed value (a vendor by its pk), and the value at the
    # time of proposing, so the lead sees what would change.
    changes = models.JSONField(_("voorgestelde wijzigingen"), default=dict)
    previous = models.JSONField(_("oude waarden"), default=dict)
    note = models.TextField(_("toelichting"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decision_note = models.TextField(_("reden"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("wijzigingsvoorstel")
        verbose_name_plural = _("wijzigingsvoorstellen")
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["practice", "status"])]

    def __str__(self) -> str:
        return f"{self.practice_id} · {self.get_status_display()}"
