"""Benchmark of /verify/ against PDFs built to exhaust a parser (issue 12, item 1; ADR 0083).

    .venv/bin/python bench/bench_verify.py [--pages 100000] [--streams 2000]

Builds the two bombs of tests/pdf_bombs.py (a page tree of ``--pages`` pages; pages hidden
in ``--streams`` nested compressed object streams) and a 20 MB file, and times, for each:

* ``now``: what /verify/ does with the upload: the multipart body through its only upload
  handler (``HashingUploadHandler``: SHA-256 a chunk at a time) and the form
  (``VerifyForm``: the first bytes), no database;
* ``before``: what it did before on top of hashing: ``PdfReader(...).pages`` (the old
  ``_opens_as_pdf``), in a child process with a time limit (``--before-limit`` seconds),
  so a bomb that would hold a worker is reported as the limit it hit.

Reports wall time and the peak memory of each. Target: ``now`` under 1 s for any file
the size limit lets in (20 MB), whatever its content.
"""

import argparse
import io
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "region_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from documents.forms import VERIFY_MAX_BYTES, VerifyForm  # noqa: E402
from documents.views import HashingUploadHandler  # noqa: E402
from tests.pdf_bombs import many_pages, nested_object_streams  # noqa: E402

TARGET_SECONDS = 1.0


def pad(data: bytes, size: int) -> bytes:
    return data + b"%" * (size - len(data))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def now(data: bytes) -> float:
    request = RequestFactory().post(
        "/verify/", {"file": SimpleUploadedFile("x.pdf", data, "application/pdf")}
    )
    request.upload_handlers = [HashingUploadHandler(request)]
    start = time.perf_counter()
    form = VerifyForm(request.POST, request.FILES)
    assert form.is_valid(), form.errors
    return time.perf_counter() - start


def _parse(data: bytes, queue) -> None:
    from pypdf import PdfReader

    start = time.perf_counter()
    pages = len(PdfReader(io.BytesIO(data), strict=False).pages)
    queue.put((time.perf_counter() - start, pages, peak_mb()))


def before(data: bytes, limit: float) -> str:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_parse, args=(data, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {limit:.0f} s（打ち切り）"
    seconds, pages, memory = queue.get()
    return f"{seconds:.2f} s、{pages:,} ページ、最大 {memory:.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--streams", type=int, default=2_000)
    parser.add_argument("--before-limit", type=float, default=60)
    args = parser.parse_args()
    files = {
        f"{args.pages:,} ページ": many_pages(args.pages),
        f"入れ子のオブジェクトストリーム {args.streams:,}": nested_object_streams(args.streams),
        "20 MB（ページ 1 つ + 詰め物）": pad(many_pages(1), VERIFY_MAX_BYTES),
    }
    worst = 0.0
    for name, data in files.items():
        seconds = now(data)
        worst = max(worst, seconds)
        print(f"{name}（{len(data) / 1e6:.1f} MB）")
        print(f"  今:   {seconds:.3f} s（このプロセスの最大 {peak_mb():.0f} MB）")
        print(f"  以前: {before(data, args.before_limit)}")
    verdict = "達成" if worst < TARGET_SECONDS else "未達"
    print(f"目標 {TARGET_SECONDS:.0f} s 未満（最も遅いもの {worst:.3f} s）: {verdict}")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
