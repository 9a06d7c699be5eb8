"""Commands print what a person needs, no noise: the shell starts clean (issue 10.25),
the demo prints one line per step (issue 10.26)."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def test_shell_starts_without_import_errors(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="coalition.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'shell.sqlite3'}",
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "print(1)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert "could not be automatically imported" not in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "1"


@pytest.mark.django_db
def test_demo_prints_one_line_per_step(caplog):
    caplog.set_level(logging.NOTSET)
    out = io.StringIO()
    call_command("demo", "--quiet-logins", stdout=out)
    lines = out.getvalue().splitlines()
    steps = [line for line in lines if " … " in line and line.endswith(" s")]
    assert [line.split(" … ")[0] for line in steps] == [
        "Coalities",
        "Praktijken",
        "Gebruikers",
        "Scholing",
        "Vragenlijsten",
        "Bezoeken",
        "Website",
        "Publieke praktijkpagina's",
    ]
    assert len(lines) <= 2 * len(steps), lines
    chatter = [
        r.getMessage()
        for r in caplog.records
        if r.levelno < logging.WARNING
        and r.name.startswith(("django_tasks", "django.tasks", "celery", "wagtail"))
    ]
    assert chatter == [], chatter[:5]
