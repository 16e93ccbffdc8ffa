"""Small factories of plain ``Filing`` data for the rule tests (no database).

``valid_filing()`` passes every rule; a test changes one thing with the helpers
below (or ``dataclasses.replace``) and checks the finding that one change causes.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from filing.data import (
    BudgetData,
    DeclarationData,
    FieldCode,
    FieldEntry,
    Filing,
    ImplementerData,
    MemberData,
    MemberKind,
    MilestoneData,
    PlanRef,
    ProjectData,
    RevisionInfo,
    RuleContext,
    TargetData,
    VisionData,
)
from filing.master import master_data_from_files

MASTER = master_data_from_files()
TODAY = date(2026, 6, 1)


def context(**changes) -> RuleContext:
    return RuleContext(**{"master": MASTER, "today": TODAY, **changes})


# ---- members ------------------------------------------------------------------------


def prefecture(key: str, name: str, lg_code: str) -> MemberData:
    return MemberData(key=key, name=name, kind=MemberKind.PREFECTURE, lg_code=lg_code)


def municipality(key: str, name: str, lg_code: str) -> MemberData:
    return MemberData(key=key, name=name, kind=MemberKind.MUNICIPALITY, lg_code=lg_code)


def other_local_government(key: str, name: str, area: tuple[str, ...]) -> MemberData:
    return MemberData(
        key=key, name=name, kind=MemberKind.OTHER_LOCAL_GOVERNMENT, area_prefectures=area
    )


def economic_organization(
    key: str = "keizai",
    name: str = "北海道・東北経済連合会",
    activity: tuple[str, ...] = ("01", "02"),
    multi_industry: bool = True,
) -> MemberData:
    return MemberData(
        key=key,
        name=name,
        kind=MemberKind.ECONOMIC_ORGANIZATION,
        activity_prefectures=activity,
        multi_industry=multi_industry,
    )


def body(key: str, kind: MemberKind, name: str) -> MemberData:
    """A member that is neither a local government nor a 経済団体."""
    return MemberData(key=key, name=name, kind=kind)


HOKKAIDO = prefecture("hokkaido", "北海道", "010006")
AOMORI = prefecture("aomori", "青森県", "020001")
SAPPORO = municipality("sapporo", "札幌市", "011002")
KEIZAI = economic_organization()
UNIVERSITY = body("univ", MemberKind.UNIVERSITY, "北方大学")
COMPANY = body("company", MemberKind.COMPANY, "株式会社北の技術")

VALID_MEMBERS = (HOKKAIDO, AOMORI, SAPPORO, KEIZAI, UNIVERSITY, COMPANY)


# ---- vision and projects ---------------------------------------------------------------


def implementers(*keys: str, outside: tuple[str, ...] = ()) -> tuple[ImplementerData, ...]:
    members = tuple(ImplementerData(member=key) for key in keys)
    return members + tuple(ImplementerData(name=name) for name in outside)


def budget(total: int | None, **by_year: int) -> BudgetData:
    """``budget(100, y2026=40, y2027=60)``."""
    return BudgetData(total, tuple((int(year[1:]), amount) for year, amount in by_year.items()))


def target(**changes) -> TargetData:
    """A target that passes ``project.targets`` within the period 2026–2027 年度."""
    base = TargetData(
        name="立地企業数",
        unit="社",
        baseline_value=Decimal(0),
        baseline_on=date(2026, 3, 31),
        values=((2026, Decimal(2)),),
        final_year=2027,
        final_value=Decimal(5),
        source="道県の企業立地統計",
    )
    return replace(base, **changes)


def project(**changes) -> ProjectData:
    base = ProjectData(
        name="次世代半導体クラスター形成",
        implementers=implementers("hokkaido", "keizai", "univ", outside=("北方技術財団",)),
        plan_references=(PlanRef("北海道総合開発計画", "第2章第1節"),),
        content="道と経済連合会が誘致を、大学が人材育成を担う。",
        budget=budget(100_000_000, y2026=40_000_000, y2027=60_000_000),
        effects="道県を越えた供給網の形成。",
        start=date(2026, 4, 1),
        end=date(2028, 3, 31),
        milestones=(MilestoneData(date(2027, 3, 31), "立地企業5社"),),
        targets=(target(),),
    )
    return replace(base, **changes)


def second_project(**changes) -> ProjectData:
    base = project(
        name="広域観光周遊ルート",
        implementers=implementers("aomori", "sapporo", "company"),
        plan_references=(PlanRef("東北圏広域地方計画", "第3章"),),
        budget=None,
    )
    return replace(base, **changes)


def vision(**changes) -> VisionData:
    base = VisionData(
        aspiration="北の産業と観光で成長する広域圏",
        roadmap="2026年度に体制を整え、2028年度までに成果を出す。",
        verified_on=date(2026, 3, 1),
        projects=(project(), second_project()),
        revision=RevisionInfo(consulted_on=date(2026, 2, 20)),  # 策定 needs its 協議 (第4(1))
    )
    return replace(base, **changes)


# ---- the whole filing ------------------------------------------------------------------


def declaration(**changes) -> DeclarationData:
    base = DeclarationData(
        region_name="北海道・青森リージョン",
        area_note="",
        declared_on=date(2026, 4, 1),
        aspiration="産業と観光で北の広域圏を成長させる",
        fields=(FieldEntry(FieldCode.INDUSTRY), FieldEntry(FieldCode.TOURISM)),
    )
    return replace(base, **changes)


def valid_filing(**changes) -> Filing:
    """A filing with a vision that passes every rule; ``changes`` replace Filing fields."""
    base = Filing(declaration=declaration(), members=VALID_MEMBERS, vision=vision())
    return replace(base, **changes)


def with_declaration(filing: Filing, **changes) -> Filing:
    return replace(filing, declaration=replace(filing.declaration, **changes))


def with_vision(filing: Filing, **changes) -> Filing:
    return replace(filing, vision=replace(filing.vision, **changes))


def with_project(filing: Filing, index: int = 0, **changes) -> Filing:
    projects = list(filing.vision.projects)
    projects[index] = replace(projects[index], **changes)
    return with_vision(filing, projects=tuple(projects))


def codes(findings) -> list[str]:
    return [finding.code for finding in findings]


def of_code(findings, code: str) -> list:
    return [finding for finding in findings if finding.code == code]
