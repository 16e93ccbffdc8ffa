"""Published regions for the public-side tests, made through the real services.

``publish_region(slug)`` imports the valid test bundle (or a given ``Filing``), submits
and accepts both revisions, so they end up published exactly as in production.
``change_region(region, filing, status=...)`` files the next revisions and moves them
as far as ``status``.
"""

from dataclasses import replace
from pathlib import Path

from declarations.lifecycle import Status
from filing.bundle import read_bundle_file
from filing.data import Filing, RevisionInfo, RevisionKind
from tests.factories import UserFactory
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_return, revision_submit

BUNDLES = Path(__file__).resolve().parent / "data" / "bundles"
VALID_BUNDLE = BUNDLES / "valid_region.json"


def valid_filing() -> Filing:
    return read_bundle_file(VALID_BUNDLE)


def reviewer():
    return UserFactory(username="public-data-reviewer", is_staff=True)


def move(revision, status: Status, *, actor=None, publish_on=None, comment="差戻しの理由"):
    """Move a draft revision to ``status`` through the services."""
    actor = actor or reviewer()
    if status == Status.DRAFT:
        return revision
    revision_submit(revision=revision, actor=actor)
    if status == Status.RETURNED:
        revision_return(revision=revision, actor=actor, comment=comment)
    elif status == Status.ACCEPTED:
        revision_accept(revision=revision, actor=actor, publish_on=publish_on)
    elif status == Status.PUBLISHED:
        revision_accept(revision=revision, actor=actor)
    revision.refresh_from_db()
    return revision


def file_revisions(filing: Filing, *, slug=None, region=None, status=Status.PUBLISHED, **kwargs):
    result = filing_import(filing, slug=slug, region=region)
    move(result.declaration_revision, status, **kwargs)
    if result.vision_revision is not None:
        move(result.vision_revision, status, **kwargs)
    return result


def publish_region(slug: str, filing: Filing | None = None, **kwargs):
    return file_revisions(filing or valid_filing(), slug=slug, **kwargs)


def changed(filing: Filing, **declaration_changes) -> Filing:
    """The filing as a non-minor change (協議 date given) with some declaration fields replaced."""
    from datetime import date

    info = RevisionInfo(
        kind=RevisionKind.CHANGED, consulted_on=date(2026, 5, 1), reason="構成団体の追加"
    )
    declaration = replace(filing.declaration, revision=info, **declaration_changes)
    vision = filing.vision
    if vision is not None:
        vision = replace(vision, revision=info)
    return replace(filing, declaration=declaration, vision=vision)


def abolished(filing: Filing) -> Filing:
    from datetime import date

    info = RevisionInfo(
        kind=RevisionKind.ABOLISHED, consulted_on=date(2026, 9, 1), reason="目的を達成したため"
    )
    return replace(filing, declaration=replace(filing.declaration, revision=info), vision=None)


def change_region(region, filing: Filing, *, status=Status.PUBLISHED, **kwargs):
    return file_revisions(filing, region=region, status=status, **kwargs)


# ---------------------------------------------------------------- builds kept per process
# The regions most tests read, for ``tests.prebuilt.restored`` (ADR 0132): built once per
# process through the real verbs, their rows given to each test that asks.


def published_setouchi():
    """瀬戸内, published once (d1, v1)."""
    return publish_region("setouchi").region


def changed_setouchi():
    """瀬戸内: published, then changed (a company joins, texts and a budget change) and
    published again (d1, v1, d2, v2)."""
    first = publish_region("setouchi")
    change_region(first.region, setouchi_change(valid_filing()))
    return first.region


def published_hokuriku():
    """A second published region, in 北陸 (富山県, 石川県), found by other words."""
    return publish_region("hokuriku", generated_filing(15, members=8, projects=2)).region


# ---------------------------------------------------------------- generated regions

OTHER_KINDS = (
    "company",
    "university",
    "research_institute",
    "financial_institution",
    "other",
)


def generated_filing(index: int, *, members: int = 60, projects: int = 30) -> Filing:
    """A filing that passes every rule, with about ``members`` members (at least 6) and
    ``projects`` projects (at least 2): two neighbouring prefectures, some of their
    municipalities, one 経済団体 active in both, and other bodies; every member takes part
    in a project. ``index`` varies the prefectures and the names."""
    from datetime import date

    from filing.data import (
        BudgetData,
        DeclarationData,
        FieldCode,
        FieldEntry,
        ImplementerData,
        MemberData,
        MemberKind,
        MilestoneData,
        PlanRef,
        ProjectData,
        VisionData,
    )

    master = _master()
    codes = sorted(master.prefectures)
    first = codes[index % 46]
    second = codes[index % 46 + 1]
    pair = (first, second)
    lg_of = {code: lg for lg, code in master.prefecture_lg_codes.items()}
    items = [
        MemberData(f"pref{code}", master.prefectures[code], MemberKind.PREFECTURE, lg_of[code])
        for code in pair
    ]
    items.append(
        MemberData(
            "keizai",
            f"第{index}広域経済連合会",
            MemberKind.ECONOMIC_ORGANIZATION,
            activity_prefectures=pair,
            multi_industry=True,
        )
    )
    towns = sorted(lg for lg, (_name, pref) in master.municipalities.items() if pref in pair)
    municipality_count = min(len(towns), max(1, (members - 3) // 3))
    for number in range(municipality_count):
        lg_code = towns[number * len(towns) // municipality_count]
        items.append(
            MemberData(
                f"city{lg_code}",
                master.municipalities[lg_code][0],
                MemberKind.MUNICIPALITY,
                lg_code,
            )
        )
    number = 0
    while len(items) < max(members, 6):
        kind = OTHER_KINDS[number % len(OTHER_KINDS)]
        items.append(MemberData(f"body{number}", f"第{index}地域の団体{number}", MemberKind(kind)))
        number += 1
    keys = [m.key for m in items]
    others = [m.key for m in items if m.kind not in ("prefecture", "municipality")]
    project_count = max(projects, 2)
    project_items = []
    for p in range(project_count):
        assigned = keys[p::project_count] or [keys[p % len(keys)]]
        implementer_keys = list(
            dict.fromkeys([pair_key(pair, p), others[p % len(others)], *assigned])
        )
        start = date(2026 + p % 3, 4, 1)
        end = date(start.year + 2, 3, 31)
        years = range(start.year, end.year)
        project_items.append(
            ProjectData(
                name=f"第{index}リージョンのプロジェクト{p + 1}",
                implementers=tuple(ImplementerData(member=key) for key in implementer_keys),
                plan_references=(PlanRef("広域地方計画", f"第{p % 5 + 1}章"),),
                content=f"プロジェクト{p + 1}の具体的内容と役割分担。",
                budget=BudgetData(
                    total=10_000_000 * len(years),
                    by_fiscal_year=tuple((year, 10_000_000) for year in years),
                ),
                effects="広域で取り組むことによる効果。",
                start=start,
                end=end,
                milestones=(
                    MilestoneData(date(start.year + 1, 3, 31), "中間目標"),
                    MilestoneData(end, "最終目標"),
                ),
            )
        )
    return Filing(
        declaration=DeclarationData(
            region_name=f"第{index}広域リージョン",
            area_note="",
            declared_on=date(2026, 4, 1),
            aspiration=f"第{index}広域リージョンが目指すべき姿。",
            fields=(FieldEntry(FieldCode.INDUSTRY), FieldEntry(FieldCode.TOURISM)),
        ),
        members=tuple(items),
        vision=VisionData(
            aspiration="中長期的な将来像。",
            roadmap="段階的に進める。",
            verified_on=date(2026, 3, 1),
            projects=tuple(project_items),
            revision=RevisionInfo(consulted_on=date(2026, 3, 1)),
        ),
    )


def pair_key(pair, number: int) -> str:
    return f"pref{pair[number % 2]}"


_MASTER = {}


def _master():
    if "master" not in _MASTER:
        from filing.master import master_data_from_files

        _MASTER["master"] = master_data_from_files()
    return _MASTER["master"]


# ---------------------------------------------------------------- reading pages


def page_text(response) -> str:
    """The visible text of an HTML response (tags dropped, entities decoded, spaces folded)."""
    import html
    import re

    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.DOTALL)
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


def main_text(response) -> str:
    import html
    import re

    body = response.content.decode()
    match = re.search(r"<main\b.*?</main>", body, flags=re.DOTALL)
    body = match.group(0) if match else body
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


def skip_pdfs(monkeypatch):
    """Submit without making the PDFs (WeasyPrint takes about a second per revision).

    A 送付 only records its PDFs' build and queues the worker's task once it commits (ADR
    0102); this drops that task even where commit callbacks run, so the public pages are
    exercised with 「作成中」 PDFs. The tests about documents and the never-leak test make
    the real PDFs (``tests.review_helpers.make_documents``)."""
    import documents.builds

    monkeypatch.setattr(documents.builds, "make_later", lambda *args, **kwargs: None)


def setouchi_change(filing: Filing) -> Filing:
    """The valid bundle changed: a company joins (and a project), the aspiration and the
    first project's budget change."""
    from filing.data import BudgetData, ImplementerData, MemberData, MemberKind

    newcomer = MemberData("shipyard", "瀬戸内造船株式会社", MemberKind.COMPANY)
    projects = list(filing.vision.projects)
    first = projects[0]
    projects[0] = replace(
        first,
        implementers=(*first.implementers, ImplementerData(member="shipyard")),
        budget=BudgetData(
            total=310_000_000,
            by_fiscal_year=((2026, 90_000_000), (2027, 100_000_000), (2028, 120_000_000)),
        ),
    )
    result = changed(
        replace(filing, members=(*filing.members, newcomer)),
        aspiration=filing.declaration.aspiration.replace("ものづくり", "造船"),
    )
    return replace(result, vision=replace(result.vision, projects=tuple(projects)))
