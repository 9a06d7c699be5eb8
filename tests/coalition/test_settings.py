"""Settings come from the environment; bad values stop start-up with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-" + "k7Qx9" * 10,
    "ALLOWED_HOSTS": "platform.example.nl",
    "SITE_URL": "https://platform.example.nl",
    "DATABASE_URL": "sqlite:////tmp/coalition-deploy-check.sqlite3",
    "EMAIL_HOST": "smtp.example.nl",
}
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
    "s.CELERY_TASK_ALWAYS_EAGER, s.MAILERS['default']['BACKEND'], s.SECURE_SSL_REDIRECT)"
)


def run(code: str | None = None, args: list[str] | None = None, **env: str):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "CACHE_URL",
            "ALLOWED_HOSTS",
            "EMAIL_HOST",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests in this process
        }
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="coalition.settings")
    cmd = [sys.executable, *(["-c", code] if code else ["manage.py", *args])]
    return subprocess.run(
        cmd, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_development_defaults():
    out = run(PRINT_SETTINGS, DEBUG="1")
    assert out.returncode == 0, out.stderr
    debug, engine, name, eager, mail, ssl = out.stdout.split()
    assert debug == "True"
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "db.sqlite3"
    assert eager == "True"  # no broker: tasks run in-process
    assert mail.endswith("console.EmailBackend")
    assert ssl == "False"


def test_postgresql_connections_run_without_jit_beside_the_urls_own_options():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['OPTIONS']['options'])"
    )
    plain = run(code, DEBUG="1", DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.strip() == "-c jit=off"
    url = "postgres://u@127.0.0.1:5432/x?options=-c%20statement_timeout%3D5000"
    given = run(code, DEBUG="1", DATABASE_URL=url)
    assert given.returncode == 0, given.stderr
    assert given.stdout.strip() == "-c statement_timeout=5000 -c jit=off"


def test_production_mode_is_the_default_and_needs_a_secret_key():
    # The web process refuses to start, with one line that names the variable.
    out = run("import coalition.wsgi")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0, out.stderr
    assert "SECRET_KEY" in out.stderr
    assert "Traceback" not in out.stderr
    # `check --deploy` reports it as an error.
    out = run(args=["check", "--deploy"])
    assert out.returncode != 0
    assert "coalition.E001" in out.stderr and "SECRET_KEY" in out.stderr
    # Commands that need no key still run, e.g. the migration check.
    out = run(args=["makemigrations", "--check", "--dry-run"])
    assert out.returncode == 0, out.stderr
    # Production mode: DEBUG off.
    out = run(
        "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG)"
    )
    assert out.stdout.strip() == "False"


def test_production_with_variables():
    out = run(
        PRINT_SETTINGS, **PRODUCTION, CELERY_BROKER_URL="redis://127.0.0.1:6379/0"
    )
    assert out.returncode == 0, out.stderr
    debug, _engine, _name, eager, _mail, ssl = out.stdout.split()
    assert (debug, eager, ssl) == ("False", "False", "True")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "misschien"),
        ("DATABASE_URL", "not-a-url"),
        ("CELERY_BROKER_URL", "ftp://broker"),
        ("EMAIL_PORT", "vijf"),
    ],
)
def test_malformed_variable_stops_with_one_line(name, value):
    env = {"DEBUG": "1", name: value}
    if name == "EMAIL_PORT":
        env["EMAIL_HOST"] = "smtp.example.nl"
    out = run(PRINT_SETTINGS, **env)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert name in lines[0]


def test_demo_mfa_exemption_is_refused_in_production():
    out = run(PRINT_SETTINGS, **PRODUCTION, MFA_EXEMPT_DEMO_USERS="1")
    assert out.returncode == 2
    assert "MFA_EXEMPT_DEMO_USERS" in out.stderr


def test_check_deploy_is_clean_with_production_variables():
    out = run(args=["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "System check identified no issues" in out.stdout
