"""Load test of the public pages: many keep-alive readers at once (issue 14).

    apt-get install -y wrk                      # once, on the machine that measures (not in CI)
    .venv/bin/python bench/bench_load.py \\
        --database-url postgres://postgres@127.0.0.1:5432/rp_bench \\
        --redis-url redis://127.0.0.1:6379/8 --regions 30
    .venv/bin/python bench/bench_load.py ... --worker-class sync     # compare the sync workers

What it does (everything on the loopback, bounded in time):

1. The data of bench/bench_public.py (``$BENCH_DIR``: the same database, built once).
2. gunicorn as in production (``--preload``, production settings with the bench's URLconf),
   3 workers, by default ``gthread`` with 4 threads each (``--worker-class``, ``--threads``);
   warmed: each page read once (with Redis, once for all workers).
3. ``wrk --latency -c200`` (``--connections``) for ``--duration`` seconds (60) on the largest
   region's page and the region list, in turn on every connection (a Lua script), keep-alive.
   Without wrk: a Python client (one thread per connection, keep-alive).
4. Prints and writes to ``$BENCH_DIR/load.json``: requests, errors (any answer but 200, and
   socket errors: connect, read, write, timeout), latency p50 / p90 / p99 / max, the CPU time
   of gunicorn's master and workers and of the load generator beside the wall time, and the
   load average. Exit status 1 when there was any error.
"""

import argparse
import http.client
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import bench_public as base

PATHS = ["/regions/region-0000/", "/regions/"]

LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def run_wrk(url: str, *, duration: int, connections: int, threads: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(f'"{path}"' for path in PATHS))
    try:
        output = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    print(output)
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", output)
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", output, re.MULTILINE))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = {
        "non_200": int(non_2xx.group(1)) if non_2xx else 0,
        **dict(
            zip(
                ("connect", "read", "write", "timeout"),
                (int(n) for n in socket_errors.groups()) if socket_errors else (0, 0, 0, 0),
                strict=True,
            )
        ),
    }
    return {
        "requests": requests,
        "errors": errors,
        "p50_ms": _ms(percentiles["50"]),
        "p90_ms": _ms(percentiles["90"]),
        "p99_ms": _ms(percentiles["99"]),
        "max_ms": _ms(latency.group(3)),
    }


def run_python(url: str, *, duration: int, connections: int, threads: int) -> dict:
    """Fallback: one thread per connection, keep-alive, the two pages in turn."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    deadline = time.monotonic() + duration
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = {"non_200": 0, "connect": 0, "read": 0, "write": 0, "timeout": 0}
    lock = threading.Lock()

    def reader(slot: int):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        turn = slot
        while time.monotonic() < deadline:
            turn += 1
            started = time.perf_counter()
            try:
                connection.request("GET", PATHS[turn % len(PATHS)])
                response = connection.getresponse()
                response.read()
            except TimeoutError:
                kind = "timeout"
            except OSError:
                kind = "read"
            else:
                latencies[slot].append(1000 * (time.perf_counter() - started))
                if response.status == 200:
                    continue
                kind = "non_200"
            with lock:
                errors[kind] += 1
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    every = sorted(value for values in latencies for value in values)
    quantiles = statistics.quantiles(every, n=100)
    return {
        "requests": len(every),
        "errors": errors,
        "p50_ms": quantiles[49],
        "p90_ms": quantiles[89],
        "p99_ms": quantiles[98],
        "max_ms": every[-1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=int, default=base.REGION_COUNT)
    parser.add_argument("--duration", type=int, default=60, help="秒")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread")
    parser.add_argument(
        "--threads", type=int, default=4, help="gthread のスレッド数（ワーカーごと）"
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    args = parser.parse_args()
    if not (1 <= args.duration <= 300 and 1 <= args.connections <= 1000):
        parser.error("--duration 1–300, --connections 1–1000")
    base.OPTIONS.update(database_url=args.database_url, redis_url=args.redis_url)
    base.WORK.mkdir(parents=True, exist_ok=True)
    base.set_up_django()
    base.build(args.regions)

    port = base.free_port()
    options = base.gunicorn_options(args.worker_class, args.threads)
    server = base.start_gunicorn(port, options)
    load = run_wrk if shutil.which("wrk") else run_python
    print(
        f"gunicorn {' '.join(options)}、負荷の生成: {'wrk' if load is run_wrk else 'Python'}、"
        f"{args.connections} 接続 × {args.duration} 秒（{', '.join(PATHS)} を交互に）",
        flush=True,
    )
    try:
        base.warm_up(port, PATHS, times=1)
        load_before = os.getloadavg()
        cpu_before = base.worker_cpu_seconds(server)
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = load(
            f"http://127.0.0.1:{port}{PATHS[0]}",
            duration=args.duration,
            connections=args.connections,
            threads=args.wrk_threads,
        )
        wall = time.perf_counter() - started
        server_cpu = base.worker_cpu_seconds(server) - cpu_before
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_after = os.getloadavg()
    finally:
        base.stop(server)
    client_cpu = (children.ru_utime - children_before.ru_utime) + (
        children.ru_stime - children_before.ru_stime
    )
    if load is run_python:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = usage.ru_utime + usage.ru_stime
    result |= {
        "gunicorn": options,
        "connections": args.connections,
        "duration_s": args.duration,
        "wall_s": round(wall, 1),
        "requests_per_s": round(result["requests"] / wall, 1),
        "server_cpu_s": round(server_cpu, 1),
        "client_cpu_s": round(client_cpu, 1),
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(result["requests"], 1), 2),
        "load_average": [round(load_before[0], 1), round(load_after[0], 1)],
        "database": "postgresql" if args.database_url else "sqlite",
        "cache": "redis" if args.redis_url else "locmem",
    }
    errors = sum(result["errors"].values())
    print(
        f"リクエスト {result['requests']}（{result['requests_per_s']} req/s）、エラー {errors} "
        f"{result['errors']}\n"
        f"待ち時間 p50 {result['p50_ms']:.1f} ms、p90 {result['p90_ms']:.1f} ms、"
        f"p99 {result['p99_ms']:.1f} ms、最大 {result['max_ms']:.1f} ms\n"
        f"経過 {result['wall_s']} 秒、CPU: gunicorn {result['server_cpu_s']} 秒"
        f"（{result['server_cpu_ms_per_request']} ms/リクエスト）、負荷の生成 "
        f"{result['client_cpu_s']} 秒、ロードアベレージ {load_before[0]:.1f} → {load_after[0]:.1f}"
    )
    (base.WORK / "load.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
