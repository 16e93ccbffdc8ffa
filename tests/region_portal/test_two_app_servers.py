"""Two app servers sharing everything (issue 14, ADR 0100 and 0103): two gunicorn processes on
two ports, with the same PostgreSQL database (this test's), the same Redis (database 9 of
127.0.0.1:6379, under a key prefix of this run) and the same bucket (tests/s3_server.py).
Nothing lives on either server: a publication is seen on both at once, a frozen PDF made
elsewhere is served by both, a session opened on one is valid on the other.

The publications go through the real services in this test process, which shares the same
database, Redis and bucket: a third app process, as the reviewer's admin request would be.

Marked ``live`` (it starts servers): CI runs it on PostgreSQL. On SQLite it is skipped, since
the test database of SQLite is in this process's memory.
"""

import hashlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import RegionRole
from declarations.models import Region
from documents.models import Kind
from documents.services import freeze_documents, frozen_documents
from tests.factories import UserFactory
from tests.public_data import (
    change_region,
    generated_filing,
    main_text,
    publish_region,
    setouchi_change,
    skip_pdfs,
    valid_filing,
)

pytestmark = [
    pytest.mark.live,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="2 台のアプリサーバーは PostgreSQL のデータベースを共有して試す（DATABASE_URL）。",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/9"
PASSWORD = "two-servers-pass-2026"


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode()

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for value in self.headers.get_all("Set-Cookie") or []:
            jar.load(value)
        return {name: morsel.value for name, morsel in jar.items()}


@dataclass
class AppServer:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    def request(self, method, path, *, cookies=None, body=None, headers=None) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = dict(headers or {})
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start(name: str, environment: dict, folder: Path) -> AppServer:
    port = free_port()
    log = folder / f"gunicorn-{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "region_portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "2",
            ],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return AppServer(name, port, process, log)


def wait_ready(server: AppServer, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            if server.get("/about/").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn {server.name} が起動しませんでした:\n{server.log.read_text()[-3000:]}")


def stop(server: AppServer) -> None:
    if server.process.poll() is None:
        os.killpg(server.process.pid, 15)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, 9)
            server.process.wait()


@pytest.fixture
def shared_cache(settings):
    """This process's caches on the Redis the app servers use, under a prefix of this run."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(
            f"Redis が {REDIS_URL} で応答しません（{error}）。.ci/run のように redis-server を"
            "インストールして起動してください。"
        )
    prefix = f"two-servers-{uuid.uuid4().hex[:12]}"
    backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
        "ratelimit": {
            "BACKEND": backend,
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{prefix}-ratelimit",
        },
    }
    yield client, prefix
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


@pytest.fixture
def app_servers(transactional_db, object_storage, shared_cache, tmp_path):
    """Servers A and B, stopped at the end whatever happens."""
    media = tmp_path / "media"
    media.mkdir()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))},
        **object_storage.environment,
        "DJANGO_SETTINGS_MODULE": "tests.app_server_settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "two-servers-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": shared_cache[1],
        "MEDIA_ROOT": str(media),
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "dummymail://",
    }
    environment.pop("CACHE_URL", None)
    servers = []
    try:
        for name in ("A", "B"):
            servers.append(start(name, environment, tmp_path))
        for server in servers:
            wait_ready(server)
        yield servers[0], servers[1], media
    finally:
        for server in servers:
            stop(server)


def quiet_submissions(settings, monkeypatch) -> None:
    """Submissions here make no PDFs (WeasyPrint takes about a second each and is not what is
    tested): the worker's task is queued and never run, and the older synchronous path is
    skipped. The test freezes the one revision whose PDF it reads itself."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    skip_pdfs(monkeypatch)


def page_keys(client, prefix) -> list[bytes]:
    return [key for key in client.scan_iter(f"{prefix}:*:public:page:*")]


def test_a_publication_on_one_server_is_seen_at_once_on_the_other(
    app_servers, shared_cache, object_storage, settings, monkeypatch
):
    a, b, media = app_servers
    redis_client, prefix = shared_cache
    quiet_submissions(settings, monkeypatch)
    first = publish_region("setouchi")
    declaration = first.declaration_revision
    freeze_documents(revision=declaration)

    # B answers and keeps the pages in the shared cache; A finds B's pages there.
    assert "1 件の宣言リージョン" in main_text(b.get("/regions/"))
    before = b.get("/regions/setouchi/")
    assert before.status == 200 and "ものづくり" in main_text(before)
    cached = page_keys(redis_client, prefix)
    assert len(cached) >= 2, cached
    assert a.get("/regions/setouchi/").content == before.content
    assert redis_client.get(f"{prefix}:1:public:stamp:site") is not None

    # A frozen PDF made by another process is read from the bucket by both servers.
    row = frozen_documents(declaration)[Kind.DOCUMENT]
    stored = object_storage.objects()[f"{object_storage.prefix}/{row.file.name}"]
    for server in (a, b):
        pdf = server.get(
            reverse(
                "documents:download",
                kwargs={"document": "declaration", "pk": declaration.pk, "kind": Kind.DOCUMENT},
            )
        )
        assert pdf.status == 200, pdf.text[:500]
        assert pdf.content == stored
        assert hashlib.sha256(pdf.content).hexdigest() == row.sha256
        assert pdf.headers["ETag"] == f'"{row.sha256}"'

    # A second region and a new revision of the first are published elsewhere …
    publish_region("tohoku", generated_filing(4, members=6, projects=2))
    change_region(Region.objects.get(slug="setouchi"), setouchi_change(valid_filing()))

    # … and B, which had the old pages in the cache, shows the new ones at once.
    listed = main_text(b.get("/regions/"))
    assert "2 件の宣言リージョン" in listed and "第4広域リージョン" in listed
    after = main_text(b.get("/regions/setouchi/"))
    assert "造船" in after
    assert after != main_text(before)
    assert "第4広域リージョン" in main_text(a.get("/regions/"))

    # Nothing was written on the app servers' disk.
    assert list(media.rglob("*")) == []


def test_a_session_opened_on_one_server_is_valid_on_the_other(app_servers, settings, monkeypatch):
    a, b, _ = app_servers
    quiet_submissions(settings, monkeypatch)  # a region to be an editor of
    region = publish_region("setouchi").declaration_revision.region
    user = UserFactory(username="editor-two", password=PASSWORD)
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)

    form = a.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    cookies = form.cookies()
    logged_in = a.request(
        "POST",
        "/accounts/login/",
        cookies=cookies,
        body=f"csrfmiddlewaretoken={token}&username=editor-two&password={PASSWORD}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert logged_in.status == 302, logged_in.text[:500]
    session = {"sessionid": logged_in.cookies()["sessionid"]}

    on_b = b.get("/staff/", cookies=session)
    assert on_b.status == 200
    assert "editor-two" in on_b.text or region.slug in on_b.text
    assert b.get("/staff/").status == 302  # without the cookie: to the log-in page
