"""Benchmark of the public pages: SQL queries per page, and requests per second under load.

    .venv/bin/python bench/bench_public.py                 # set up once, then measure
    .venv/bin/python bench/bench_public.py --fresh         # rebuild the database first
    .venv/bin/python bench/bench_public.py --duration 10 --connections 16 --rounds 3

What it does (everything on the loopback, 127.0.0.1, bounded in time):

1. Set-up (skipped when the database already holds the regions): a SQLite database in
   ``$BENCH_DIR`` (default /tmp/region-portal-bench), migrated, ``collectstatic``, and
   300 generated regions filed and published through the real services
   (``filing_import``, ``revision_submit``, ``revision_accept``); region 0 has 60
   members and 30 projects, the others 6–60 members and 2–30 projects. The PDFs are not
   made (WeasyPrint would take about a second per revision and is not what is measured).
2. SQL queries of the region page (largest and smallest region) and of the list, with the
   cache empty, counted with Django's ``CaptureQueriesContext``.
3. gunicorn as in production (``--preload --workers 3``, production settings with the
   bench's own URLconf, which adds ``/bench/constant/``: a bare view returning "ok"),
   warmed up, then ``wrk`` (Debian package ``wrk``) for ``--duration`` seconds against
   the constant view, the largest region's page and the list, ``--rounds`` times in turn.
   Without wrk, a small Python load generator (threads, keep-alive) is used instead.
4. Prints the figures and writes ``$BENCH_DIR/result.json``. Exit status 1 when the
   region page serves less than half the requests per second of the constant view.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/region-portal-bench"))
REGION_COUNT = 300
LARGEST = (60, 30)  # members, projects of region 0


def environment() -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "dummymail://",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(BENCH)]),
    }


def set_up_django():
    os.environ.update(environment())
    sys.path[:0] = [str(ROOT), str(BENCH)]
    import django

    django.setup()


# ---------------------------------------------------------------- data


def published_count() -> int:
    from declarations.selectors import current_declaration_revisions

    return current_declaration_revisions().count()


def build(regions: int) -> None:
    from django.core.management import call_command

    import documents.services
    from tests.public_data import file_revisions, generated_filing

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if published_count() >= regions:
        print(
            f"データベースに {published_count()} 件の公表済みリージョンがあります（作成を省略）。"
        )
        return
    # The PDFs are not what is measured here (see the module docstring).
    documents.services.freeze_documents = lambda **kwargs: {}
    rng = random.Random(42)
    started = time.perf_counter()
    for index in range(published_count(), regions):
        members, projects = LARGEST if index == 0 else (rng.randint(6, 60), rng.randint(2, 30))
        file_revisions(
            generated_filing(index, members=members, projects=projects),
            slug=f"region-{index:04d}",
        )
        if (index + 1) % 50 == 0:
            print(f"  {index + 1} 件（{time.perf_counter() - started:.0f} 秒）", flush=True)


def sizes(slug: str) -> tuple[int, int]:
    from public.selectors.region import region_state

    state = region_state(slug)
    return len(state.declaration.members.all()), len(state.projects)


def count_queries() -> dict[str, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from public.selectors.search import search_regions

    smallest = min(
        (r.declaration.region.slug for r in search_regions()),
        key=lambda slug: sum(sizes(slug)),
    )
    client = Client(headers={"host": "127.0.0.1"})
    client.get("/")  # master data and content types are read once per process
    client.get("/regions/region-0001/revisions/v1/")
    counts = {}
    for name, url in (
        (
            f"region page, largest ({'/'.join(map(str, sizes('region-0000')))})",
            "/regions/region-0000/",
        ),
        (f"region page, smallest ({'/'.join(map(str, sizes(smallest)))})", f"/regions/{smallest}/"),
        ("region list", "/regions/"),
        ("region list, search", "/regions/?q=%E3%81%8F%E3%82%89%E3%81%97%E3%81%8D"),
        ("home", "/"),
    ):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[name] = len(captured)
    client.get("/regions/region-0000/")  # fills the cache
    with CaptureQueriesContext(connection) as captured:
        client.get("/regions/region-0000/")
    counts["region page, largest, cached"] = len(captured)
    return counts


# ---------------------------------------------------------------- load


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "region_portal.wsgi",
        "--preload",
        "--workers",
        "3",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(ROOT),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, env={**os.environ, **environment()}, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/constant/", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise SystemExit("gunicorn が 30 秒以内に起動しませんでした。")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def warm_up(port: int, paths: list[str]) -> None:
    for _ in range(20):  # every worker renders and caches each page
        for path in paths:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                assert response.status == 200, path
                response.read()


def run_wrk(url: str, *, duration: int, connections: int, threads: int) -> float:
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk reported errors for {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def run_python_load(url: str, *, duration: int, connections: int, threads: int) -> float:
    """Fallback load generator: ``connections`` threads, keep-alive, for ``duration`` s."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    deadline = time.monotonic() + duration
    counts = [0] * connections

    def worker(slot: int):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.monotonic() < deadline:
            connection.request("GET", parts.path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{url}: {response.status}")
            counts[slot] += 1

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


def measure(port: int, args) -> dict[str, list[float]]:
    load = run_wrk if shutil.which("wrk") else run_python_load
    print(f"負荷の生成: {'wrk' if load is run_wrk else 'Python（wrk がないため）'}")
    targets = {
        "constant": "/bench/constant/",
        "region": "/regions/region-0000/",
        "list": "/regions/",
    }
    warm_up(port, list(targets.values()))
    results: dict[str, list[float]] = {name: [] for name in targets}
    for round_number in range(args.rounds):
        for name, path in targets.items():
            rate = load(
                f"http://127.0.0.1:{port}{path}",
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
            )
            results[name].append(rate)
            print(f"  round {round_number + 1} {name:9} {rate:9.1f} req/s", flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=int, default=REGION_COUNT)
    parser.add_argument("--duration", type=int, default=10, help="秒（1 回の負荷）")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="データベースを作り直す")
    args = parser.parse_args()
    if not (1 <= args.duration <= 60 and 1 <= args.connections <= 256 and 1 <= args.rounds <= 10):
        parser.error("--duration 1–60, --connections 1–256, --rounds 1–10")

    if args.fresh and WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True, exist_ok=True)
    set_up_django()
    build(args.regions)
    queries = count_queries()
    print("SQL クエリ数（キャッシュなし）:")
    for name, count in queries.items():
        print(f"  {name:45} {count}")

    port = free_port()
    server = start_gunicorn(port)
    try:
        results = measure(port, args)
    finally:
        stop(server)
    medians = {name: statistics.median(rates) for name, rates in results.items()}
    ratio = medians["region"] / medians["constant"]
    print("中央値:")
    for name, rate in medians.items():
        print(f"  {name:9} {rate:9.1f} req/s")
    print(f"リージョンのページ / 定数のビュー = {ratio:.2f}（目標 0.50 以上）")
    (WORK / "result.json").write_text(
        json.dumps(
            {"queries": queries, "rates": results, "medians": medians, "ratio": ratio},
            ensure_ascii=False,
            indent=2,
        )
    )
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
