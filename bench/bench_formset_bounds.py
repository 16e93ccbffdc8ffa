"""Benchmark of the management-form amplification of issue 12 (item 4, ADR 0085): how long
the declaration page takes to answer the reported 1.2 KB POST (four ``*-TOTAL_FORMS`` set to
9999999999) and how large the answer is, next to an honest save of the same page.

    .venv/bin/python bench/bench_formset_bounds.py            # 5 rounds
    .venv/bin/python bench/bench_formset_bounds.py --rounds 20

It runs in-process with the test settings on a fresh SQLite test database (the valid test
bundle imported, one editor signed in) and posts with Django's test client, so the figure is
the view's own CPU time without a network. Goal: the forged POST answers 400 in under 0.5 s
with under 50 KB (before the fix: 28 s of CPU and 13.6 MB on the production set-up).
Exit status 1 when the goal is missed.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "region_portal.settings.test")

GOAL_SECONDS = 0.5
GOAL_BYTES = 50_000
SECTIONS = ("lg", "olg", "eco", "body")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)

    from django.test import Client

    from accounts.models import RegionRole
    from filing.bundle import read_bundle_file
    from tests.factories import RegionFactory, UserFactory
    from tests.staff_helpers import BUNDLES, form_values
    from workflow.adapter import filing_import

    region = RegionFactory(slug="setouchi")
    filing_import(read_bundle_file(BUNDLES / "valid_region.json"), region=region)
    editor = UserFactory(username="editor")
    RegionRole.objects.create(user=editor, region=region, role=RegionRole.Role.EDITOR)
    client = Client()
    client.force_login(editor)
    url = "/staff/setouchi/declaration/1/"
    page = form_values(client.get(url), "declaration-form")
    forged = {**page, **{f"{p}-TOTAL_FORMS": "9999999999" for p in SECTIONS}}

    def measure(data):
        times, sizes, codes = [], [], set()
        for _round in range(rounds):
            start = time.process_time()
            response = client.post(url, data)
            times.append(time.process_time() - start)
            sizes.append(len(response.content))
            codes.add(response.status_code)
        return statistics.median(times), max(sizes), codes

    results = {
        "forged save": measure({**forged, "save": "1"}),
        "forged add row": measure({**forged, "add": "lg"}),
        "honest add row": measure({**page, "add": "lg"}),
        "honest save": measure({**page, "save": "1"}),  # then 200: the version moved on
    }
    for name, (seconds, size, codes) in results.items():
        print(
            f"{name:15} {seconds * 1000:8.1f} ms CPU (median)  {size:>10,} bytes  {sorted(codes)}"
        )
    failed = [
        name
        for name, (seconds, size, codes) in results.items()
        if name.startswith("forged")
        and (seconds > GOAL_SECONDS or size > GOAL_BYTES or codes != {400})
    ]
    if failed:
        print(f"goal missed ({GOAL_SECONDS} s, {GOAL_BYTES:,} bytes, 400): {', '.join(failed)}")
        return 1
    print(
        f"goal met: every forged POST is a 400 in under {GOAL_SECONDS} s and {GOAL_BYTES:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
