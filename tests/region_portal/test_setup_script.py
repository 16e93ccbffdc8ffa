"""``make run`` serves on ``PORT`` (default 8000) and says so clearly when the port is taken,
before minutes of set-up (issue 13: it always used 8000 and failed after set-up)."""

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_make(*args, **variables):
    return subprocess.run(
        ["make", "-s", *args],
        cwd=ROOT,
        env={**os.environ, **variables},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def busy_port():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make がありません")
def test_make_run_refuses_a_busy_port_at_once_and_names_another(busy_port):
    result = run_make("run", f"PORT={busy_port}")
    assert result.returncode != 0
    assert f"ポート {busy_port} はほかのプログラムが使っています" in result.stderr
    assert f"make run PORT={busy_port + 1}" in result.stderr
    # Refused before the set-up: no database step, no server.
    assert "データベース" not in result.stdout
    assert "起動します" not in result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make がありません")
def test_the_port_may_also_come_from_the_environment(busy_port):
    result = run_make("run", PORT=str(busy_port))
    assert f"ポート {busy_port} はほかのプログラムが使っています" in result.stderr


@pytest.mark.parametrize("port", ["abc", "80", "70000", " "])
def test_a_port_that_is_not_a_usable_number_is_refused(port):
    result = subprocess.run(
        ["bash", "scripts/setup.sh"],
        cwd=ROOT,
        env={**os.environ, "PORT": port},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "ポート番号を指定してください" in result.stderr


def test_setup_serves_on_the_port_and_gives_links_for_it():
    script = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert 'runserver "127.0.0.1:$PORT"' in script
    assert 'PORTAL_BASE_URL="http://127.0.0.1:$PORT"' in script
    assert "manage.py load_demo_users" in script
