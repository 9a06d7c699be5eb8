"""Dutch date formats: Django's, with the abbreviated month in running text."""

from django.conf.locale.nl.formats import *  # noqa: F403

DATE_FORMAT = "j N Y"  # 6 dec. 2026
DATETIME_FORMAT = "j N Y H:i"  # 6 dec. 2026 13:30
SHORT_DATE_FORMAT = "j-n-Y"  # 6-12-2026
SHORT_DATETIME_FORMAT = "j-n-Y H:i"  # 6-12-2026 13:30
