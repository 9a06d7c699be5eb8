"""A frozen edition of a regional report: its figures as they were, never recomputed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportEdition(models.Model):
    questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.PROTECT,
        related_name="report_editions",
        verbose_name=_("vragenlijst"),
    )
    title = models.CharField(
        _("titel"), max_length=120, help_text=_("Bijvoorbeeld ‘Jaarrapportage 2025’.")
    )
    data = models.JSONField(_("cijfers"), editable=False)
    """The full (coalition) report as computed at the moment of freezing."""
    frozen_at = models.DateTimeField(_("bevroren op"), editable=False)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("bevroren door"),
        editable=False,
    )
    frozen_by_name = models.CharField(
        _("bevroren door (naam)"), max_length=200, editable=False
    )

    class Meta:
        verbose_name = _("editie van een rapport")
        verbose_name_plural = _("edities van rapporten")
        ordering = ["questionnaire", "-frozen_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "title"],
                name="report_edition_unique_title",
                violation_error_message=_(
                    "Er is al een editie met deze titel voor deze vragenlijst."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk).exists():
            raise ValueError("A frozen edition never changes.")
        super().save(*args, **kwargs)
