"""Benchmark of the PDF documents: a 連携ビジョン of 60 projects (and its 連携宣言書 of 300 members).

    .venv/bin/python bench/bench_pdf.py [--runs 3] [--out bench/out] [--compare]

Builds the filing of bench/bench_rules.py (300 members, 60 projects with five fiscal
years of budget, five milestones and 6–11 implementers each), gives each project 1–3
目標（指標） with 3–5 yearly values (``bench_targets``) and a different, realistic text: the 具体的内容, effects and other items are taken in turn from
the demo bundles (demo/*.json), so the font subset holds as many different kanji as a
real filing would. Renders each document ``--runs`` times after one warm-up with
``time.perf_counter`` (wall) and ``time.process_time`` (CPU) and reports the best and median
of each, the size, the page count, the peak memory and the load average (other processes
on the two cores lengthen the wall time, not the CPU time). The target is checked against
the best wall time. No database. Targets for the vision: under 5 s and
under 2 MB (docs/performance.md). The PDFs are written to ``--out`` to look at.

``--compare`` renders the vision's HTML in turns as shipped and with each of the adapter's
choices undone (ADR 0113, 0117): pydyf's own zlib level 9, the collector not paused, and the
old page breaks of ③ (each project kept whole where it fits instead of starting a page, ADR
0130: ``OLD_PROJECT_BREAKS``, the rendering before it byte for byte) and the old shapes of the
tables (ADR 0134: ``OLD_TABLES_TEMPLATE`` with ``OLD_TABLE_RULES``, the nested budget table of ③オ,
seven cells a target and four a schedule row in ②). The machine is shared, so only the ratios
within one run count (CPU time beside the wall time).
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "region_portal.settings.test")

import django  # noqa: E402

django.setup()

from bench_rules import build_filing  # noqa: E402

from documents.declaration_pdf import declaration_pdf  # noqa: E402
from documents.render import DocumentMeta  # noqa: E402
from documents.vision_pdf import vision_pdf  # noqa: E402
from filing.data import Better, TargetData  # noqa: E402
from filing.master import master_data_from_files  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_BYTES = 2 * 1024 * 1024

# document.css's rules for ③ before ADR 0130, laid over today's: a project is kept whole on
# one page where it fits (and laid out again on the next page where it does not).
OLD_PROJECT_BREAKS = (
    ".project { break-before: auto; break-inside: avoid-page; margin-top: 5mm; }"
    ".keep-with-next { break-before: auto; break-inside: avoid-page; }"
    ".keep-with-next .project { break-inside: auto; }"
)

# The vision's template before ADR 0134 (a copy, used only here) and document.css's rules for its
# columns, laid over today's: ③オ's budget as a nested table of 14 cells, ②'s targets in seven
# cells a target, the schedule in four cells a row. Its yearly targets print the one space of
# today's TargetView.values (「令和8年度 125万人」; before, an ideographic space).
OLD_TABLES_TEMPLATE = ROOT / "bench" / "vision_before_0134.html"
OLD_TABLE_RULES = (
    "col.target-unit { width: 13mm; } col.target-baseline { width: 26mm; }"
    "col.target-values { width: 37mm; } col.target-final { width: 23mm; }"
    "col.target-better { width: 22mm; } col.schedule-number { width: 11mm; }"
    "col.schedule-name { width: 34%; } col.schedule-period { width: 33mm; }"
)


def demo_texts() -> list[str]:
    """Every long text of the demo bundles: contents, effects, others, aspirations, roadmaps."""
    texts = []
    for path in sorted((ROOT / "demo").glob("*.json")):
        if path.name == "manifest.json":
            continue
        bundle = json.loads(path.read_text(encoding="utf-8"))
        vision = bundle.get("vision") or {}
        texts += [vision.get("aspiration") or "", vision.get("roadmap") or ""]
        for project in vision.get("projects", []):
            texts += [project.get(key) or "" for key in ("content", "effects", "other")]
    return [text for text in texts if len(text) >= 40]


# 目標（指標, ADR 0104）as regions write them: name, unit, baseline, yearly step, source.
TARGET_KINDS = (
    ("観光入込客数", "万人", "120.5", "4.5", "県観光統計（観光入込客統計）", Better.HIGHER),
    ("立地企業数（累計）", "社", "0", "3", "各県の企業立地動向調査", Better.HIGHER),
    ("広域連携による新規雇用者数", "人", "0", "40", "実施主体の事業報告", Better.HIGHER),
    ("外国人延べ宿泊者数", "万人泊", "38.2", "2.8", "観光庁 宿泊旅行統計調査", Better.HIGHER),
    ("自家用車による観光移動の割合", "%", "72.5", "-2.5", "観光動態調査", Better.LOWER),
    ("共同調達による調達額", "億円", "12.5", "0.85", "構成団体の決算", Better.HIGHER),
    ("救急搬送の平均所要時間", "分", "42.8", "-0.6", "消防年報", Better.LOWER),
    ("移住相談件数", "件", "860", "45", "移住相談窓口の集計", Better.HIGHER),
)


def bench_targets(number: int) -> tuple[TargetData, ...]:
    """1–3 targets for project ``number``, each with 3–5 yearly values inside the period
    (2026–2030 年度) and a final target in 2030."""
    targets = []
    for index in range(number % 3 + 1):
        name, unit, baseline, step, source, better = TARGET_KINDS[(number + index * 3) % 8]
        base, step = Decimal(baseline), Decimal(step)
        years = range(2026 + (number + index) % 3, 2031)  # 5, 4 or 3 年度
        values = tuple((year, base + step * (year - 2025)) for year in years)
        targets.append(
            TargetData(
                name=f"{name}（{number + 1}）" if index else name,
                unit=unit,
                baseline_value=base,
                baseline_on=date(2025 - index, 3, 31),
                values=values,
                final_year=values[-1][0],
                final_value=values[-1][1],
                source=source,
                better=better,
            )
        )
    return tuple(targets)


def realistic_filing():
    filing = build_filing(master_data_from_files())
    texts = demo_texts()
    projects = []
    for number, project in enumerate(filing.vision.projects):
        pick = [texts[(number * 3 + i) % len(texts)] for i in range(4)]
        projects.append(
            replace(
                project,
                name=f"{pick[0][:18].rstrip('、。')}プロジェクト{number + 1}",
                content=pick[0] + "\n" + pick[1],
                effects=pick[2],
                other=pick[3] if number % 3 == 0 else "",
                targets=bench_targets(number),
            )
        )
    vision = replace(
        filing.vision,
        aspiration="\n".join(texts[:2]),
        roadmap="\n".join(texts[2:5]),
        projects=tuple(projects),
    )
    return replace(filing, vision=vision)


def pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure(name: str, make, runs: int, out: Path | None) -> tuple[float, int]:
    """Wall and CPU time of ``runs`` renders after a warm-up; returns the best wall time
    and the size. CPU time (``process_time``) shows what the render costs when another
    process shares the two cores."""
    pdf = make()  # warm-up: fonts, templates, imports
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        pdf = make()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.pdf").write_bytes(pdf)
    print(
        f"{name}: {pages(pdf)} pages, {len(pdf):,} bytes ({len(pdf) / 1024 / 1024:.2f} MiB); "
        f"over {runs} runs: wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
        f"CPU best {min(cpus):.2f} s, median {statistics.median(cpus):.2f} s"
    )
    return min(walls), len(pdf)


def compare(filing, meta, runs: int) -> None:
    """The vision's HTML rendered in turns (the order reversed every other round) as shipped,
    at pydyf's zlib level 9, without pausing the collector, with the old page breaks of ③ and
    with the old shapes of the tables; CPU and wall time medians and their ratio to the shipped
    one, pages and bytes."""
    from django.template import engines

    from documents import render
    from documents.vision_pdf import vision_context, vision_html

    html = vision_html(filing, meta=meta, declaration_number=1)
    old_tables = engines["django"].from_string(OLD_TABLES_TEMPLATE.read_text(encoding="utf-8"))
    old_tables_html = old_tables.render(vision_context(filing, meta=meta, declaration_number=1))
    shipped_level = render.PDF_COMPRESSION_LEVEL

    def shipped():
        return render.render_pdf(html, stylesheet=render.DOCUMENT_STYLESHEET)

    def level_9():
        render.PDF_COMPRESSION_LEVEL = 9
        try:
            return shipped()
        finally:
            render.PDF_COMPRESSION_LEVEL = shipped_level

    def collector_running():  # render_pdf without collection_paused
        return render._render(
            html, created=None, identifier="", stylesheet=render.DOCUMENT_STYLESHEET
        )

    def with_css(text, source=html):  # render_pdf with one more stylesheet after document.css
        from weasyprint import CSS, HTML

        font_config, fetcher, fonts = render._tools()
        extra = CSS(string=text, font_config=font_config, url_fetcher=fetcher)
        sheets = [fonts, render._stylesheet(render.DOCUMENT_STYLESHEET), extra]

        def make():
            with render.collection_paused():
                document = HTML(
                    string=source, base_url=str(render.FONT_DIR), url_fetcher=fetcher
                ).render(stylesheets=sheets, font_config=font_config)
                return document.write_pdf(pdf_tags=True, pdf_identifier=False)

        return make

    variants = {
        "shipped": shipped,
        "zlib level 9": level_9,
        "collector not paused": collector_running,
        "projects kept whole where they fit (before ADR 0130)": with_css(OLD_PROJECT_BREAKS),
        "tables of the old shape (before ADR 0134)": with_css(OLD_TABLE_RULES, old_tables_html),
    }
    times = {name: ([], []) for name in variants}
    sizes = {}
    for make in variants.values():
        make()  # warm-up
    for round_ in range(runs):
        names = list(variants) if round_ % 2 == 0 else list(variants)[::-1]
        for name in names:
            wall, cpu = time.perf_counter(), time.process_time()
            pdf = variants[name]()
            times[name][0].append(time.perf_counter() - wall)
            times[name][1].append(time.process_time() - cpu)
            sizes[name] = (pages(pdf), len(pdf))
    base = statistics.median(times["shipped"][1])
    for name, (walls, cpus) in times.items():
        cpu = statistics.median(cpus)
        print(
            f"compare {name}: {sizes[name][0]} pages, {sizes[name][1]:,} bytes; over {runs} "
            f"runs: CPU median {cpu:.2f} s ({cpu / base:.3f} of shipped), best {min(cpus):.2f} s; "
            f"wall median {statistics.median(walls):.2f} s, best {min(walls):.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out"))
    parser.add_argument(
        "--compare", action="store_true", help="also render the vision with each choice undone"
    )
    options = parser.parse_args()
    out = Path(options.out) if options.out else None

    print(
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average before: "
        f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}"
    )
    master = master_data_from_files()
    filing = realistic_filing()
    meta = DocumentMeta(number=1, dated=filing.declaration.declared_on)
    print(
        f"filing: {len(filing.members)} members, {len(filing.vision.projects)} projects, "
        f"{sum(len(p.content) + len(p.effects) + len(p.other) for p in filing.vision.projects):,} "
        f"characters of project text, {sum(len(p.targets) for p in filing.vision.projects)} targets"
    )
    seconds, size = measure(
        "vision-60-projects",
        lambda: vision_pdf(filing, meta=meta, declaration_number=1),
        options.runs,
        out,
    )
    measure(
        "declaration-300-members",
        lambda: declaration_pdf(filing, master=master, meta=meta),
        options.runs,
        out,
    )
    if options.compare:
        compare(filing, meta, options.runs)
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process: {peak:.0f} MiB")
    verdict = seconds < TARGET_SECONDS and size < TARGET_BYTES
    print(
        f"vision target (< {TARGET_SECONDS:.0f} s, < {TARGET_BYTES // 1024 // 1024} MiB): "
        + ("met" if verdict else "NOT MET")
    )
    sys.exit(0 if verdict else 1)


if __name__ == "__main__":
    main()
