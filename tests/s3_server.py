"""An S3-compatible server for the object storage tests (ADR 0103), and its fixtures.

``python tests/s3_server.py`` runs moto's S3 server (``moto[server]``: the real S3 HTTP API,
in memory) on 127.0.0.1 on a port the system chooses, prints ``port N`` and serves until
SIGTERM or until its stdin closes (the test process ended). It runs in a process of its own: the portal's boto3 (django-storages) talks to it
over HTTP exactly as to AWS S3, MinIO or R2, and nothing of moto is imported into the test
process (its mock hooks included).

Fixtures (``tests/conftest.py`` loads this module as a plugin):

- ``s3_server``: one server for each test process (each pytest-xdist worker has its own),
  started on first use and stopped when the process ends.
- ``object_storage``: a new, empty bucket on it for one test, and ``STORAGES["default"]``
  pointed at it through the portal's own reader of the environment
  (``region_portal.env.default_storage_from_env``, with ``S3_*`` variables set for the test).
"""

import os
import select
import signal
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REGION = "ap-northeast-1"
KEY_ID, SECRET = "portal-test-key", "portal-test-secret"


def main() -> None:
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line for every request

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    print(f"port {server.get_host_and_port()[1]}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # The test process holds the other end of stdin: when it ends, even killed, so does this.
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    server.stop()


@dataclass
class S3Server:
    endpoint: str
    process: subprocess.Popen = field(repr=False)

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=KEY_ID,
            aws_secret_access_key=SECRET,
        )

    def create_bucket(self) -> str:
        name = f"portal-test-{uuid.uuid4().hex[:16]}"
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return name


@dataclass
class Bucket:
    """One test's bucket: its name, the key prefix the portal writes under, and the
    ``S3_*``/``AWS_*`` variables that point a process (a gunicorn) at it."""

    server: S3Server
    name: str
    prefix: str

    @property
    def environment(self) -> dict[str, str]:
        return {
            "S3_BUCKET": self.name,
            "S3_ENDPOINT_URL": self.server.endpoint,
            "S3_REGION": REGION,
            "S3_PREFIX": self.prefix,
            "S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET,
        }

    def objects(self) -> dict[str, bytes]:
        """Every object of the bucket, key → bytes, read with a client of its own."""
        client = self.server.client()
        listed = client.list_objects_v2(Bucket=self.name).get("Contents", [])
        return {
            item["Key"]: client.get_object(Bucket=self.name, Key=item["Key"])["Body"].read()
            for item in listed
        }

    def put(self, key: str, data: bytes) -> None:
        self.server.client().put_object(Bucket=self.name, Key=key, Body=data)

    def delete(self, key: str) -> None:
        self.server.client().delete_object(Bucket=self.name, Key=key)


def start_server(timeout: float = 30) -> S3Server:
    process = subprocess.Popen(
        [sys.executable, "-I", str(Path(__file__).resolve())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    line = process.stdout.readline() if ready else ""
    if not line.startswith("port "):
        stop_server(process)
        pytest.fail(
            f"S3 互換のサーバー（moto）が {timeout:.0f} 秒以内に起動しませんでした: {line!r}。"
            'pip install -e ".[dev]" で moto[server] を入れてください。'
        )
    return S3Server(endpoint=f"http://127.0.0.1:{int(line.split()[1])}", process=process)


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def s3_server():
    server = start_server()
    yield server
    stop_server(server.process)


@pytest.fixture
def object_storage(s3_server, settings, monkeypatch) -> Bucket:
    from region_portal.env import OBJECT_STORAGE, default_storage_from_env

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    bucket = Bucket(server=s3_server, name=s3_server.create_bucket(), prefix=f"portal/{worker}")
    for name, value in bucket.environment.items():
        monkeypatch.setenv(name, value)
    storage = default_storage_from_env()
    assert storage["BACKEND"] == OBJECT_STORAGE
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return bucket


if __name__ == "__main__":
    main()
