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
   the constant view, the largest region's page and the list, ``--rounds`` times in turn
   (``--targets constant,api`` measures only some of them).
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


# Set by --database-url / --redis-url (main): PostgreSQL and a shared Redis cache instead of
# the SQLite file and each worker's local memory.
OPTIONS = {"database_url": "", "redis_url": ""}


def environment() -> dict[str, str]:
    extra = {"REDIS_URL": OPTIONS["redis_url"]} if OPTIONS["redis_url"] else {}
    return {
        **extra,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": OPTIONS["database_url"] or f"sqlite:///{WORK / 'bench.sqlite3'}",
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

    from tests.public_data import file_revisions, generated_filing

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if published_count() >= regions:
        print(
            f"データベースに {published_count()} 件の公表済みリージョンがあります（作成を省略）。"
        )
        return
    # The PDFs are not what is measured here (see the module docstring): a 送付 only queues
    # them for the worker (ADR 0102), and no worker runs here.
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
        ("region list, prefecture", "/regions/?prefecture=13"),
        ("region list, search", "/regions/?q=%E3%81%8F%E3%82%89%E3%81%97%E3%81%8D"),
        ("home", "/"),
        ("API list", "/api/v1/regions"),
    ):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[name] = len(captured)
    for name, url in (
        ("region page, largest, cached", "/regions/region-0000/"),
        ("region list, cached", "/regions/"),
        ("home, cached", "/"),
        ("API list, cached", "/api/v1/regions"),
    ):
        client.get(url)  # fills the cache
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[name] = len(captured)
    return counts


PROFILED = {
    "region list": "/regions/",
    "region list, prefecture": "/regions/?prefecture=13",
    "region list, search くらしき": "/regions/?q=%E3%81%8F%E3%82%89%E3%81%97%E3%81%8D",
    "region list, search 2 words": "/regions/?q=%E5%BA%83%E5%9F%9F+%E5%B8%82",
    "home": "/",
    "API list": "/api/v1/regions",
}


def profile_pages(repeat: int = 20) -> None:
    """Each page rendered ``repeat`` times with the cache empty, under cProfile: the time
    per request, its SQL (count and time) and where the rest goes (templates, forms …)."""
    import cProfile
    import pstats

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"host": "127.0.0.1"})
    client.get("/")
    for name, url in PROFILED.items():
        profiler = cProfile.Profile()
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as captured:
            for _ in range(repeat):
                cache.clear()
                profiler.enable()
                assert client.get(url).status_code == 200, url
                profiler.disable()
        wall = (time.perf_counter() - started) / repeat * 1000
        cpu = (time.process_time() - cpu) / repeat * 1000
        sql = sum(float(q["time"]) for q in captured.captured_queries) / repeat * 1000
        print(
            f"\n== {name}（{url}）: {wall:.1f} ms/req（CPU {cpu:.1f} ms）、"
            f"SQL {len(captured) // repeat} 回 {sql:.1f} ms"
        )
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative")
        wanted = (
            "render",
            "search_regions",
            "region_summaries",
            "paginate",
            "full_clean",
            "execute",
            "home_context",
            "japan_map",
            "budget_bar_chart",
            "count",
        )
        rows = []
        for (filename, line, function), (
            _cc,
            calls,
            _tt,
            cumulative,
            _callers,
        ) in stats.stats.items():
            if function in wanted or (function == "render" and "template" in filename):
                rows.append((cumulative / repeat * 1000, calls // repeat, function, filename, line))
        for cumulative, calls, function, filename, line in sorted(rows, reverse=True)[:10]:
            where = "/".join(Path(filename).parts[-2:])
            print(f"   {cumulative:7.1f} ms  {calls:5}×  {function}  ({where}:{line})")


# ---------------------------------------------------------------- load


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_options(worker_class: str = "sync", threads: int = 1, workers: int = 3) -> list[str]:
    """The worker options of the production command (README, docs/deployment.md)."""
    options = ["--workers", str(workers)]
    if worker_class == "gthread":
        options += ["--worker-class", "gthread", "--threads", str(threads)]
    return options


def start_gunicorn(port: int, options: list[str] | None = None) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "region_portal.wsgi",
        "--preload",
        *(options or gunicorn_options()),
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


def worker_cpu_seconds(process: subprocess.Popen) -> float:
    """User + system CPU time of gunicorn's master and workers so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [process.pid]
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def warm_up(port: int, paths: list[str], times: int = 20) -> None:
    for _ in range(times):  # with each worker's own cache: every worker renders each page
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


TARGETS = {
    "constant": "/bench/constant/",
    "region": "/regions/region-0000/",
    "list": "/regions/",
    "list_filter": "/regions/?prefecture=13",
    "home": "/",
    "api": "/api/v1/regions",
}


def measure(port: int, server: subprocess.Popen, args) -> tuple[dict, dict]:
    """Requests per second of each target, and the server's CPU milliseconds per request
    (gunicorn's master and workers, from /proc), ``--rounds`` times in turn."""
    load = run_wrk if shutil.which("wrk") else run_python_load
    print(f"負荷の生成: {'wrk' if load is run_wrk else 'Python（wrk がないため）'}")
    targets = {name: TARGETS[name] for name in args.targets}
    # The shared cache is warmed once for all workers; each worker's own cache, by each worker.
    warm_up(port, list(targets.values()), times=1 if OPTIONS["redis_url"] else 20)
    results: dict[str, list[float]] = {name: [] for name in targets}
    cpu: dict[str, list[float]] = {name: [] for name in targets}
    for round_number in range(args.rounds):
        for name, path in targets.items():
            before = worker_cpu_seconds(server)
            rate = load(
                f"http://127.0.0.1:{port}{path}",
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
            )
            spent = worker_cpu_seconds(server) - before
            per_request = 1000 * spent / max(rate * args.duration, 1)
            results[name].append(rate)
            cpu[name].append(per_request)
            print(
                f"  round {round_number + 1} {name:11} {rate:9.1f} req/s"
                f"  CPU {per_request:6.2f} ms/req  比 {rate / results['constant'][-1]:.2f}",
                flush=True,
            )
    return results, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=int, default=REGION_COUNT)
    parser.add_argument("--duration", type=int, default=10, help="秒（1 回の負荷）")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="データベースを作り直す")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL など（既定: $BENCH_DIR の SQLite）"
    )
    parser.add_argument(
        "--redis-url", default="", help="共有キャッシュ（例: redis://127.0.0.1:6379/14）"
    )
    parser.add_argument(
        "--profile", action="store_true", help="一覧・トップ・検索を cProfile で測って表示する"
    )
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument(
        "--gunicorn-threads", type=int, default=4, help="gthread のスレッド数（ワーカーごと）"
    )
    parser.add_argument(
        "--targets",
        default=",".join(TARGETS),
        help=f"測るページ（カンマ区切り、定数のビューは常に測る）: {', '.join(TARGETS)}",
    )
    args = parser.parse_args()
    args.targets = ["constant", *(t for t in args.targets.split(",") if t and t != "constant")]
    if unknown := set(args.targets) - set(TARGETS):
        parser.error(f"--targets: {', '.join(sorted(unknown))} は測れません")
    OPTIONS.update(database_url=args.database_url, redis_url=args.redis_url)
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

    if args.profile:
        profile_pages()

    port = free_port()
    server = start_gunicorn(port, gunicorn_options(args.worker_class, args.gunicorn_threads))
    threads = f"、スレッド {args.gunicorn_threads}" if args.worker_class == "gthread" else ""
    print(f"gunicorn: 3 ワーカー（{args.worker_class}{threads}）")
    load_before = os.getloadavg()
    try:
        results, cpu = measure(port, server, args)
    finally:
        stop(server)
    # The ratio of each round (same server, same minute), then their median: the machine may
    # be shared, so the rates themselves swing from round to round.
    ratios = {
        name: statistics.median(r / c for r, c in zip(rates, results["constant"], strict=True))
        for name, rates in results.items()
    }
    medians = {name: statistics.median(rates) for name, rates in results.items()}
    print(f"ロードアベレージ（測定の前 / 後）: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f}")
    print("中央値（毎秒リクエスト数、CPU ミリ秒/リクエスト、定数のビューとの比）:")
    for name, rate in medians.items():
        print(
            f"  {name:11} {rate:9.1f} req/s  CPU {statistics.median(cpu[name]):6.2f} ms"
            f"  比 {ratios[name]:.2f}"
        )
    ratio = ratios.get("region", min(ratios.values()))
    if "region" in ratios:
        print(f"リージョンのページ / 定数のビュー = {ratio:.2f}（目標 0.80 以上）")
    (WORK / "result.json").write_text(
        json.dumps(
            {
                "queries": queries,
                "rates": results,
                "cpu_ms_per_request": cpu,
                "medians": medians,
                "ratios": ratios,
                "ratio": ratio,
                "database": "postgresql" if OPTIONS["database_url"] else "sqlite",
                "cache": "redis" if OPTIONS["redis_url"] else "locmem",
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
