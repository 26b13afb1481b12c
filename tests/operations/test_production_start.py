"""Starting the product as an operator would in production: real processes, DEBUG off."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "production-like-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
NO_SMTP = "No SMTP server is configured"


def _run(args, env, cwd=ROOT):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DEBUG", "SECRET_KEY", "DJANGO_"))}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env={**clean, "ALLOWED_HOSTS": "broadcast.example.com", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_smtp_a_production_start_stops_with_a_clear_message():
    result = _run(["check", "--deploy"], {"DEBUG": "false", "SECRET_KEY": SECRET})
    assert result.returncode != 0
    assert NO_SMTP in result.stderr and "EMAIL_URL" in result.stderr


def test_with_smtp_a_production_start_passes_the_deploy_check_with_no_mailbox_and_the_back_off_on():
    env = {"DEBUG": "false", "SECRET_KEY": SECRET, "EMAIL_URL": "smtp+tls://mailer:pw@smtp.example.com:587"}
    check = _run(["check", "--deploy"], env)
    assert check.returncode == 0, check.stderr
    shown = _run(
        [
            "shell",
            "-v",
            "0",
            "-c",
            "from django.conf import settings as s; "
            "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.DEV_MAILBOX_ENABLED, s.OTP_THROTTLE_FACTOR)",
        ],
        env,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.com", "False", "1"]


@pytest.fixture
def checkout_with_env(tmp_path):
    """A copy of the checkout's entry point beside its packages, with its own .env file."""
    for name in (
        "accounts",
        "otp",
        "security_settings",
        "team",
        "templates_app",
        "qontak_broadcast",
        "templates",
        "static",
    ):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    return tmp_path


def test_manage_py_reads_debug_and_secret_key_from_dot_env_like_the_server(checkout_with_env):
    # Production values only in .env: manage.py must not switch to development mode.
    (checkout_with_env / ".env").write_text(f"SECRET_KEY={SECRET}\nDEBUG=false\n")
    result = _run(["check"], {}, cwd=checkout_with_env)
    assert result.returncode != 0
    assert NO_SMTP in result.stderr

    (checkout_with_env / ".env").write_text(f"SECRET_KEY={SECRET}\nDEBUG=true\n")
    result = _run(
        ["shell", "-v", "0", "-c", "from django.conf import settings as s; print(s.DEBUG)"], {}, cwd=checkout_with_env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_a_bare_checkout_still_runs_commands_in_development_mode(checkout_with_env):
    result = _run(
        ["shell", "-v", "0", "-c", "from django.conf import settings as s; print(s.DEBUG, s.DEV_MAILBOX_ENABLED)"],
        {},
        cwd=checkout_with_env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
