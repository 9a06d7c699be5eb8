"""Typed reading of environment variables.

A malformed value stops start-up with one line that names the variable, instead of a
traceback from deep inside Django.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

TRUE = {"1", "true", "yes", "on", "ja"}
FALSE = {"0", "false", "no", "off", "nee", ""}


def fail(message: str) -> NoReturn:
    """Print one line and stop the process (used by settings at import time)."""
    sys.stderr.write(f"Configuratiefout: {message}\n")
    raise SystemExit(2)


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    fail(f"{name} moet true of false zijn (1/0, yes/no), niet {value!r}")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    value = _raw(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        fail(f"{name} moet een geheel getal zijn, niet {value!r}")
    if minimum is not None and number < minimum:
        fail(f"{name} moet minstens {minimum} zijn, niet {number}")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value in (None, ""):
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, schemes: set[str], default: str | None = None) -> str | None:
    value = env_str(name, default)
    if value is None:
        return None
    scheme, sep, rest = value.partition("://")
    if not sep or not rest or scheme.lower() not in schemes:
        allowed = ", ".join(sorted(schemes))
        fail(f"{name} moet een URL zijn die begint met {allowed}://")
    return value
