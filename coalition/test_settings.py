"""Test override: fast hashing, in-memory e-mail. Everything else is the real settings."""

import os
import re

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-" + "x" * 40)


def _own_redis_database(name: str, worker: str) -> None:
    """Under pytest-xdist each worker gets its own Redis databases: a test's cache.clear()
    (FLUSHDB) or a queued task must never reach the other worker's tests. gw0 keeps the
    configured number, gwN adds 8×N (Redis has 16 databases by default)."""
    url = os.environ.get(name, "")
    match = re.fullmatch(r"(rediss?://[^/]+)/(\d+)", url)
    if match and worker.startswith("gw"):
        number = int(match.group(2)) + 8 * int(worker[2:])
        os.environ[name] = f"{match.group(1)}/{number % 16}"


for _name in ("CACHE_URL", "CELERY_BROKER_URL"):
    _own_redis_database(_name, os.environ.get("PYTEST_XDIST_WORKER", ""))

from coalition.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MFA_EXEMPT_DEMO_USERS = False
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_USE_FINDERS = True
# Every test sees its pages rendered; tests/coalition/test_public_cache.py switches the
# public page cache on, and `make load` runs with the production value.
PUBLIC_CACHE_SECONDS = 0
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Tasks run in-process in tests, also when a broker is configured (CI's second pass); the
# tests that prove the real path start a worker and switch this off themselves.
CELERY_TASK_ALWAYS_EAGER = True
# Wagtail's editor pings the server every 10 s (its concurrent-editing notice, not under
# test here). In a browser journey a ping that is still being served when the test ends
# raced the database flush of the in-memory SQLite the live server shares ("cannot start
# a transaction within a transaction"), and the tests after it on that worker lost their
# writes. Once in ten minutes keeps the editor's pages quiet for the length of a journey.
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10 * 60 * 1000
