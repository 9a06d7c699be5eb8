"""`check --deploy` is clean for the production set-up the README documents (issue
14.10): the test reads the README's `export` line, so the two cannot drift apart."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.coalition.test_settings import run

ROOT = Path(__file__).resolve().parents[2]
# What the README leaves as "…" (secrets and addresses of one's own servers).
PLACEHOLDERS = {
    "SECRET_KEY": "a-long-random-production-secret-" + "k7Qx9" * 10,
    "DATABASE_URL": "postgres://coalition@db.internal:5432/coalition",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "CACHE_URL": "redis://redis.internal:6379/1",
}


def documented_production_env() -> dict[str, str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Production", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(export .*?)\n(?!\s)", section, re.S)
    assert block, "the README's production section has no export example"
    words = shlex.split(block.group(1).replace("\\\n", " "))
    env = {}
    for word in words[1:]:
        name, _sep, value = word.partition("=")
        env[name] = PLACEHOLDERS.get(name, value) if "…" in value else value
    return env


def test_the_readme_documents_smtp_and_the_secret():
    env = documented_production_env()
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_HOST"} <= set(env)


def test_check_deploy_is_clean_for_the_documented_production_setup():
    out = run(
        args=["check", "--deploy", "--fail-level", "WARNING"],
        **documented_production_env(),
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "System check identified no issues" in out.stdout


def test_without_smtp_the_deploy_check_says_so():
    env = documented_production_env()
    del env["EMAIL_HOST"]
    out = run(args=["check", "--deploy", "--fail-level", "WARNING"], **env)
    assert out.returncode != 0
    assert "mail.E001" in out.stderr


def test_production_csp_allows_no_inline_style_or_script():
    out = run(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_CSP['style-src'], s.SECURE_CSP['script-src'])",
        **documented_production_env(),
    )
    assert out.returncode == 0, out.stderr
    assert "unsafe-inline" not in out.stdout
    assert out.stdout.count("CSP.NONCE") == 2


def test_the_web_process_freezes_its_start_up_heap():
    """wsgi.py takes what start-up built (every view module included) out of the
    garbage collector's full collections (coalition/heap.py)."""
    out = run(
        "import gc, sys, coalition.wsgi; "
        "print(gc.get_freeze_count(), 'practices.views' in sys.modules, "
        "coalition.wsgi.application.__qualname__)",
        DEBUG="1",
    )
    assert out.returncode == 0, out.stderr
    frozen, views_loaded, application = out.stdout.split()
    assert int(frozen) > 100_000
    assert views_loaded == "True"
    # and runs each request in a stack chunk of its own (the test below)
    assert application == "in_own_stack_chunk.<locals>.application"


def _recurse(depth: int) -> int:
    return 0 if depth == 0 else _recurse(depth - 1) + 1


def _loop_over_depths(environ, start_response) -> list[bytes]:
    """Calls to every depth up to 400 frames, 20 times each: on a CPython that frees a
    stack chunk when its last frame returns, each call past a chunk's edge maps a fresh
    chunk and faults its pages in."""
    for depth in range(400):
        for _ in range(20):
            _recurse(depth)
    start_response("200 OK", [])
    return [b"ok"]


def test_the_web_process_runs_each_request_in_a_stack_chunk_of_its_own():
    """wsgi.py's application runs in one large frame (coalition/heap.py), so a request
    looping at a stack chunk's edge touches no fresh memory (python/cpython#142183)."""
    import resource

    from coalition.heap import in_own_stack_chunk

    app = in_own_stack_chunk(_loop_over_depths)
    app({}, lambda *a: None)  # the chunk's first pages are faulted in once per call
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    assert app({}, lambda status, headers: None) == [b"ok"]
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    # 8,000 calls; on an affected CPython without the large frame this is thousands.
    assert faults < 50
