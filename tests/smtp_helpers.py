"""Real SMTP listeners for the mail tests (no mocks).

- ``SmtpListener``: aiosmtpd (tests/smtp_server.py, its own process) on 127.0.0.1 at a fixed
  port; ``stop()`` closes the port (a connection is then refused) and ``start()`` opens it
  again on the same port. ``received`` lists the messages (``rcpt_tos``, ``content``).
- ``StallingListener``: accepts every connection and never says a word (not even the
  greeting), as a hung mail server does.
"""

import json
import socket
import subprocess
import sys
import tempfile
import threading
from email import message_from_string
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from types import SimpleNamespace

SERVER = Path(__file__).resolve().parent / "smtp_server.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpListener:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self._file = Path(tempfile.mkstemp(prefix="smtp-", suffix=".jsonl")[1])
        self._process = None

    def start(self):
        self._process = subprocess.Popen(
            [sys.executable, "-I", str(SERVER), str(self.port), str(self._file)],
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self._process.stdout.readline()
        if line.strip() != "ready":
            self.stop()
            raise RuntimeError(f"SMTP サーバーが起動しませんでした（ポート {self.port}）")
        return self

    def stop(self):
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process.stdout.close()
            self._process = None

    @property
    def received(self) -> list:
        lines = self._file.read_text(encoding="utf-8").splitlines()
        return [SimpleNamespace(**json.loads(line)) for line in lines]

    def messages(self) -> list[EmailMessage]:
        """The messages received, parsed (``m["Subject"]`` decoded, ``m.get_content()``)."""
        return [message_from_string(e.content, policy=default) for e in self.received]


class StallingListener:
    """Accepts and then holds every connection open in silence until ``stop()``."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self.accepted = 0
        self._held = []
        self._running = True
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _serve(self):
        while self._running:
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            self._held.append(connection)

    def stop(self):
        self._running = False
        self._thread.join(timeout=5)
        for connection in self._held:
            connection.close()
        self._socket.close()


def smtp_mailer(port: int, timeout: float) -> dict:
    """A MAILERS entry for the listener on ``port`` with the given SMTP timeout (seconds)."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }
