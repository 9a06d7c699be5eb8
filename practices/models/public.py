"""What the public practice pages keep: a counter per practice per day, nothing else.

No address, no cookie, no user agent: a visit only raises the day's number, so the
counter says how many times patients looked, never who looked.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from practices.models.registry import Practice


class PublicPageViews(models.Model):
    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="public_page_views",
        verbose_name=_("praktijk"),
    )
    day = models.DateField(_("dag"))
    views = models.PositiveIntegerField(_("keer bekeken"), default=0)

    class Meta:
        verbose_name = _("bezoeken publieke pagina")
        verbose_name_plural = _("bezoeken publieke pagina")
        ordering = ["practice", "-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "day"], name="public_page_views_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.practice_id} · {self.day}: {self.views}"
