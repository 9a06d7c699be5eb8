"""What the vendor administration pages share."""

from __future__ import annotations

from coalition.models import Role

LEAD_OR_OFFICE = frozenset({Role.LEAD, Role.OFFICE})
