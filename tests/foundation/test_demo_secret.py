"""Demo mode keeps one secret key per install, shared by every process of that install."""

import os
import stat
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import read_or_create_secret
from tests.conftest import REPO


def test_the_first_call_makes_a_private_key_and_later_calls_read_it(tmp_path):
    path = tmp_path / "var" / "secret_key"
    first = read_or_create_secret(path)
    assert len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_or_create_secret(path) == first
    assert list(path.parent.iterdir()) == [path], "no temporary files are left behind"


def test_processes_starting_together_agree_on_one_key(tmp_path):
    path = tmp_path / "secret_key"
    code = "import sys; from config.env import read_or_create_secret as r; print(r(__import__('pathlib').Path(sys.argv[1])))"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True
        )
        for _ in range(8)
    ]
    keys = {proc.communicate(timeout=120)[0].strip() for proc in procs}
    assert all(proc.returncode == 0 for proc in procs)
    assert keys == {path.read_text().strip()}


def test_a_damaged_key_file_is_refused_with_a_way_out(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("short")
    with pytest.raises(ImproperlyConfigured, match="delete it"):
        read_or_create_secret(path)


def test_demo_settings_sign_with_the_install_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(WORKBENCH_DEMO="true", WORKBENCH_VAR_DIR=str(tmp_path))
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    keys = {
        subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=REPO,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for _ in range(2)
    }
    assert keys == {(tmp_path / "secret_key").read_text().strip()}
