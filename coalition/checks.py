"""System checks of the platform's own configuration."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def secret_key_present(app_configs, **kwargs):
    """`check --deploy` names a missing SECRET_KEY (the WSGI process refuses to start)."""
    if getattr(settings, "SECRET_KEY_MISSING", False):
        return [
            checks.Error(
                settings.MISSING_SECRET_KEY_MESSAGE,
                hint="Zet SECRET_KEY in de omgeving (of DEBUG=1 op een ontwikkelmachine).",
                id="coalition.E001",
            )
        ]
    return []
