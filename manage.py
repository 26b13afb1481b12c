#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qontak_broadcast.settings")
    # Read .env as the server's settings do, so DEBUG and SECRET_KEY there count.
    import environ

    environ.Env.read_env(Path(__file__).resolve().parent / ".env", overwrite=False)
    # A checkout without configuration is a developer's: commands run in
    # development mode. Where SECRET_KEY is set (a server), nothing changes.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
