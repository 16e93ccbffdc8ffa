"""Benchmark of the 要綱 rule engine: check_filing over a large, realistic filing.

    .venv/bin/python bench/bench_rules.py [--runs 200]

Builds a filing of 300 members (10 prefectures, 200 municipalities, 40 経済団体,
50 companies, universities, research institutes, financial institutions and
others) and 60 projects (5–10 implementers each, budgets over five fiscal years,
milestones), then times ``check_filing`` with ``time.perf_counter``. No database:
the master data comes from the shipped CSV files. Target: under 50 ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "region_portal.settings.test")

import django  # noqa: E402

django.setup()  # the rules need no Django, but anything they import through it is ready

from filing.data import (  # noqa: E402
    BudgetData,
    DeclarationData,
    FieldCode,
    FieldEntry,
    Filing,
    ImplementerData,
    MasterData,
    MemberData,
    MemberKind,
    MilestoneData,
    PlanRef,
    ProjectData,
    PublishedDeclaration,
    RuleContext,
    VisionData,
)
from filing.engine import check_filing  # noqa: E402
from filing.master import master_data_from_files  # noqa: E402

PREFECTURES = ("08", "09", "10", "11", "12", "13", "14", "15", "16", "17")  # 関東 and 北陸
OTHER_KINDS = (
    (MemberKind.COMPANY, "株式会社", 15),
    (MemberKind.UNIVERSITY, "大学", 12),
    (MemberKind.RESEARCH_INSTITUTE, "研究所", 10),
    (MemberKind.FINANCIAL_INSTITUTION, "銀行", 8),
    (MemberKind.OTHER, "協議会", 5),
)
FISCAL_YEARS = range(2026, 2031)


def build_members(master: MasterData, rng: random.Random) -> tuple[MemberData, ...]:
    by_prefecture = {code: lg for lg, code in master.prefecture_lg_codes.items()}
    members = [
        MemberData(
            f"pref{code}", master.prefectures[code], MemberKind.PREFECTURE, by_prefecture[code]
        )
        for code in PREFECTURES
    ]
    towns = sorted(lg for lg, (_, pref) in master.municipalities.items() if pref in PREFECTURES)
    for number in range(200):  # evenly spread over the ten prefectures
        lg_code = towns[number * len(towns) // 200]
        name = master.municipalities[lg_code][0]
        members.append(MemberData(f"city{lg_code}", name, MemberKind.MUNICIPALITY, lg_code))
    for number in range(40):
        activity = tuple(sorted(rng.sample(PREFECTURES, rng.randint(2, 6))))
        if number == 0:
            activity = PREFECTURES  # one wide-area federation covers the whole area
        members.append(
            MemberData(
                f"keizai{number}",
                f"第{number}経済団体",
                MemberKind.ECONOMIC_ORGANIZATION,
                activity_prefectures=activity,
                multi_industry=True,
            )
        )
    for kind, word, count in OTHER_KINDS:
        members += [MemberData(f"{kind}{n}", f"{word}{n}", kind) for n in range(count)]
    return tuple(members)


def build_project(number: int, keys: list[str], economic_key: str, rng: random.Random):
    amounts = [rng.randrange(1, 50) * 1_000_000 for _ in FISCAL_YEARS]
    return ProjectData(
        name=f"広域プロジェクト{number}",
        implementers=(
            *(ImplementerData(member=key) for key in (economic_key, *keys)),
            ImplementerData(name=f"外部団体{number}"),
        ),
        plan_references=(PlanRef("首都圏広域地方計画", f"第{number % 5 + 1}章"),),
        content="実施主体間の役割分担と実施体制。" * 20,
        budget=BudgetData(sum(amounts), tuple(zip(FISCAL_YEARS, amounts, strict=True))),
        effects="面的な展開による効果。" * 10,
        start=date(2026, 4, 1),
        end=date(2031, 3, 31),
        milestones=tuple(
            MilestoneData(date(year + 1, 3, 31), f"{year}年度の目標") for year in FISCAL_YEARS
        ),
    )


def build_filing(master: MasterData) -> Filing:
    rng = random.Random(2026)
    members = build_members(master, rng)
    economic = [m.key for m in members if m.kind == MemberKind.ECONOMIC_ORGANIZATION]
    others = [m.key for m in members if m.kind != MemberKind.ECONOMIC_ORGANIZATION]
    projects, cursor = [], 0
    for number in range(60):
        size = rng.randint(4, 9)  # plus one 経済団体: 5–10 member implementers
        keys = [others[(cursor + i) % len(others)] for i in range(size)]
        cursor += size
        projects.append(build_project(number, keys, economic[number % len(economic)], rng))
    declaration = DeclarationData(
        region_name="関東・北陸広域リージョン",
        declared_on=date(2026, 4, 1),
        aspiration="関東と北陸が産業・観光・交通で一体となって成長する。",
        fields=(FieldEntry(FieldCode.INDUSTRY), FieldEntry(FieldCode.TOURISM)),
    )
    vision = VisionData(
        aspiration="中長期の将来像。",
        roadmap="各プロジェクトの全体像。",
        verified_on=date(2026, 5, 1),
        projects=tuple(projects),
    )
    return Filing(declaration=declaration, members=members, vision=vision)


def time_check(filing: Filing, context: RuleContext, runs: int) -> str:
    findings = check_filing(filing, context)  # warm-up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        check_filing(filing, context)
        timings.append((time.perf_counter() - started) * 1000)
    return (
        f"{len(findings)} findings; over {runs} runs: best {min(timings):.2f} ms, "
        f"median {statistics.median(timings):.2f} ms, worst {max(timings):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs

    master = master_data_from_files()
    filing = build_filing(master)
    published = PublishedDeclaration(
        member_keys=frozenset(m.key for m in filing.members),
        fields=frozenset({FieldCode.INDUSTRY, FieldCode.TOURISM}),
    )
    context = RuleContext(master=master, today=date(2026, 6, 1), current_declaration=published)
    # The same filing against an empty published declaration: every member is a finding.
    stale = RuleContext(
        master=master,
        today=date(2026, 6, 1),
        current_declaration=PublishedDeclaration(frozenset(), frozenset()),
    )
    implementers = sum(len(p.implementers) for p in filing.vision.projects)
    print(
        f"filing: {len(filing.members)} members, {len(filing.vision.projects)} projects, "
        f"{implementers} implementers"
    )
    print(f"check_filing, valid filing: {time_check(filing, context, runs)}")
    print(f"check_filing, declaration out of date: {time_check(filing, stale, runs)}")


if __name__ == "__main__":
    main()
