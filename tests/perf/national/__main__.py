"""`python -m tests.perf.national [--scale 0.1] [--force]`: build the data set in the
database DATABASE_URL names."""

from __future__ import annotations

import sys

import tests.perf.national as national


def main(argv: list[str]) -> int:
    import argparse
    import os

    parser = argparse.ArgumentParser(
        prog="python -m tests.perf.national",
        description=national.__doc__.splitlines()[0],
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
    import django

    django.setup()
    world = national.build(scale=args.scale, force=args.force)
    print(f"{world.n_practices} praktijken, {world.counts}, {world.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
