"""The one settings module. Everything that differs between machines comes from the
environment (see README, "Productie"); nothing secret is committed.

Production is "DEBUG off": then a SECRET_KEY is required, cookies are secure, HTTPS is
enforced and the demo accounts lose their MFA exemption.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from coalition.env import env_bool, env_int, env_list, env_str, env_url, fail

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
PRODUCTION = not DEBUG


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        # No key in production: the web process refuses to start (coalition/wsgi.py),
        # `check` reports an error and Django refuses anything that signs. Commands that
        # need no key (migrate, makemigrations) still run.
        return ""
    # Development: generate once and keep it in an ignored file beside the project.
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
SECRET_KEY_MISSING = not SECRET_KEY
MISSING_SECRET_KEY_MESSAGE = (
    "SECRET_KEY ontbreekt; zonder DEBUG=1 start het platform niet zonder sleutel"
)

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_url("SITE_URL", {"http", "https"}, "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "coalition",
    "practices",
    "practices.visits",
    "training",
    "surveys",
    "surveys.report",
    "content",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # the rest
    "django_tables2",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coalition.login_required.PublicAwareLoginRequiredMiddleware",
    "coalition.public_cache.PublicPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coalition.middleware.IdleTimeoutMiddleware",
    "coalition.middleware.RequireMFAMiddleware",
    "coalition.middleware.AdminAccessMiddleware",
    "coalition.middleware.MalformedPostMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "coalition.audit.AuditMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "coalition.urls"
WSGI_APPLICATION = "coalition.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "coalition" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coalition.context_processors.platform",
            ],
        },
    },
]
# Django's form templates, with the select and input widgets written in Python (every
# list's filter form; coalition/form_renderer.py).
FORM_RENDERER = "coalition.form_renderer.FastWidgetRenderer"

# --- database -------------------------------------------------------------------------
_database_url = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    _db = dj_database_url.parse(
        _database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60)
    )
except ValueError:
    fail("DATABASE_URL is geen geldige database-URL (bijv. postgres://user@host/naam)")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db.setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    _db["OPTIONS"]["timeout"] = 20
    _db["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL;"
DATABASES = {"default": _db}
USING_POSTGRES = _db["ENGINE"].startswith("django.db.backends.postgresql")
if USING_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
    # No JIT compilation: the planner's cost estimates of EXISTS tests and report
    # aggregates pass jit_above_cost, and compiling took 0.8 s for a count that runs
    # in 2 ms (the training coverage page at national scale, issue 15). A web
    # request's queries are short; JIT pays off only for long analytical scans.
    # Added to whatever DATABASE_URL's ?options= sets (a statement_timeout, say).
    _options = _db.setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache (rate limits need one shared cache in production) --------------------------
_cache_url = env_url("CACHE_URL", {"redis", "rediss", "locmem"})
if _cache_url and not _cache_url.startswith("locmem"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages as an anonymous visitor sees them are kept this long (coalition/
# public_cache.py); 0 renders every request, as development does by default (a template
# edit shows at once).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 0 if DEBUG else 60, minimum=0)

# --- accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "coalition.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "coalition:start"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "coalition.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Failed logins: 5 per account per client address ("key", see coalition.adapters), and
# 30 per address over all accounts (password spraying). The second step (TOTP) counts
# under the same action per user. The client address comes from X-Forwarded-For only as
# far as our own proxies wrote it (TRUSTED_PROXY_COUNT).
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_RATE_LIMIT", "5/5m/key,30/5m/ip"),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
TRUSTED_PROXY_COUNT = env_int(
    "TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_PROXY", False) else 0, minimum=0
)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Coalitieplatform")
# Roles that must have TOTP before they reach any page.
MFA_REQUIRED_ROLES = {"lead", "trainer", "office", "vendor"}
# Demo accounts may skip MFA on a development machine, never in production.
MFA_EXEMPT_DEMO_USERS = env_bool("MFA_EXEMPT_DEMO_USERS", DEBUG)
if PRODUCTION and MFA_EXEMPT_DEMO_USERS:
    fail("MFA_EXEMPT_DEMO_USERS mag niet aan staan zonder DEBUG=1 (productie)")

# Sessions: a new key at every login (Django's login()), ended everywhere when the
# password changes (the session auth hash) or the account is deactivated (the backend
# refuses inactive users); idle for SESSION_IDLE_MINUTES and the session is over
# (coalition.middleware.IdleTimeoutMiddleware); never longer than SESSION_MAX_HOURS.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = env_int("SESSION_MAX_HOURS", 12, minimum=1) * 3600

# --- i18n -----------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in one Dutch style: 6 dec. 2026 in text, 6-12-2026 (13:30) in tables.
FORMAT_MODULE_PATH = ["coalition.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded images are public files: a web server in front may serve MEDIA_ROOT's image
# folders (original_images/, images/) and nothing else. Where there is none,
# SERVE_MEDIA=1 lets Django serve those folders. Documents are never served from media:
# only through Wagtail's view (WAGTAILDOCS_SERVE_METHOD below), which checks who may
# have them, and they are stored under unguessable folders (content.storage).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
PUBLIC_MEDIA_DIRS = ("original_images", "images")
STORAGES = {
    "default": {"BACKEND": "content.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", PRODUCTION)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", PRODUCTION)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- e-mail ---------------------------------------------------------------------------
# Django 6.1's MAILERS replaces EMAIL_BACKEND/EMAIL_HOST; console unless SMTP is set.
_smtp_host = env_str("EMAIL_HOST")
if _smtp_host:
    MAILERS = {
        "default": {
            # Django's, telling the outbox when a message is handed over.
            "BACKEND": "coalition.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env_int("EMAIL_PORT", 587, minimum=1),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Coalitieplatform <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", {"redis", "rediss", "amqp", "memory"})
# Without a broker, tasks run in-process at once: the embedded default of `make run`.
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360, minimum=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down costs a request a few seconds, not minutes: the outbox row
# waits and the beat's sweeper queues it again (coalition.tasks.enqueue).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_TIMEZONE = TIME_ZONE
# The beat schedule lives here (django-celery-beat caps Django below 6.1).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "retry-unsent-email": {
        "task": "coalition.tasks.retry_unsent_email",
        "schedule": 15 * 60,
    },
    # The visits' tasks live in practices/visits/tasks.py and keep their first names.
    "visits-weekly-digest": {
        "task": "practices.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "visits-action-reminders": {
        "task": "practices.tasks.send_action_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    "training-session-reminders": {
        "task": "training.tasks.send_session_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "audit-log-purge": {
        "task": "coalition.tasks.purge_audit_log",
        "schedule": crontab(hour=3, minute=30),
    },
    "surveys-reminders": {
        "task": "surveys.tasks.send_due_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "delete-stale-import-uploads": {
        "task": "practices.tasks.delete_stale_import_uploads",
        "schedule": crontab(minute=20),
    },
    "purge-report-exports": {
        "task": "surveys.report.tasks.purge_report_exports",
        "schedule": crontab(minute=40),
    },
}

# --- security -------------------------------------------------------------------------
# Where to report a security problem (/.well-known/security.txt, RFC 9116).
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "security@example.invalid")
# The audit log is kept this long (NEN 7513 asks for at least five years).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 1826, minimum=1)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# Load balancers probe the health check over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Wagtail's editor previews pages in a frame of the same origin, so SAMEORIGIN rather than
# DENY; the CSP's frame-ancestors 'self' says the same to modern browsers.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # No inline styles: classes in files, or a <style>/<script> with the nonce.
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
}
# Wagtail's admin (/cms/, editors only; coalition.middleware): scripts as everywhere,
# from files or with the nonce (its few inline scripts get it: the templates in
# content/templates/wagtailadmin/). Inline styles stay allowed there and nowhere else:
# Wagtail's templates carry style attributes and its scripts insert markup with them
# (Draftail, the chooser modals, the minimap), and attributes cannot carry a nonce.
SECURE_CSP_CMS = {
    **SECURE_CSP,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Coalitieplatform online inzage")
WAGTAILADMIN_BASE_URL = SITE_URL
# Always through the view with its privacy check, never a redirect to a media URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "txt",
    "csv",
    "zip",
    "mp4",
]
# Uploads over the limit, or whose content does not match their extension, are refused
# with a message (content.forms.DocumentForm).
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int(
    "WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024, minimum=1
)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "content.forms.DocumentForm"
# Only PDF opens in the browser; everything else is a download, never rendered inline
# from our origin. Markup types are served as opaque bytes should one ever be stored.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_CONTENT_TYPES = dict.fromkeys(
    ["html", "htm", "xhtml", "shtml", "svg", "svgz", "xml", "xsl", "js", "mjs"],
    "application/octet-stream",
)
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Wagtail's database backend: PostgreSQL full text search with the Dutch configuration
# (stemming, stop words); on SQLite the same backend with Dutch stemming and prefix
# matching added by content.search_backend.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "content.search_backend", "SEARCH_CONFIG": "dutch"}
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Gravatar is an outside server (and the CSP blocks it): initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_COMMENTS_ENABLED = False

# --- reports ----------------------------------------------------------------------------
# A count of practices below this is shown as "<5" in anything that leaves a coalition.
REPORT_MIN_CELL = env_int("REPORT_MIN_CELL", 5, minimum=1)

# --- tables ---------------------------------------------------------------------------
DJANGO_TABLES2_TEMPLATE = "tables/bootstrap5-responsive.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        # Wagtail logs every page edit and background task at INFO: too chatty for
        # the console of `make run` and the demo.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
