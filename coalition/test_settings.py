"""Test override: fast hashing, in-memory e-mail. Everything else is the real settings."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-" + "x" * 40)

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
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Tasks run in-process in tests, also when a broker is configured (CI's second pass); the
# tests that prove the real path start a worker and switch this off themselves.
CELERY_TASK_ALWAYS_EAGER = True
