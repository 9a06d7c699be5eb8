"""`make load`'s settings: the test settings (plain HTTP on 127.0.0.1, cookies without
the Secure flag, static files without a manifest) with production's caching."""

from coalition.test_settings import *  # noqa: F403

PUBLIC_CACHE_SECONDS = 60  # production's default (coalition/settings.py)
