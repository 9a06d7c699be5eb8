"""Commands print what a person needs, no noise: the shell starts clean (issue 10.25);
the demo's one line per step (issue 10.26) is checked in test_demo.py, on its one load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
