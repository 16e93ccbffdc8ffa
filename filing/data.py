"""A whole filing as plain data: what the 要綱 rules read.

Built either from a region bundle (``filing.bundle``) or from the models
(``declarations.services``/adapters), so the rules never touch the database.
Every collection is a tuple, so a ``Filing`` is immutable and hashable.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class MemberKind(StrEnum):
    PREFECTURE = "prefecture"
    MUNICIPALITY = "municipality"
    OTHER_LOCAL_GOVERNMENT = "other_local_government"
    ECONOMIC_ORGANIZATION = "economic_organization"
    COMPANY = "company"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    FINANCIAL_INSTITUTION = "financial_institution"
    OTHER = "other"


LOCAL_GOVERNMENT_KINDS = frozenset(
    {MemberKind.PREFECTURE, MemberKind.MUNICIPALITY, MemberKind.OTHER_LOCAL_GOVERNMENT}
)
# The kinds that may carry a 法人番号 (``corporate_number``, ADR 0123): every kind but the
# local governments, which are identified by their 全国地方公共団体コード or area instead.
CORPORATE_NUMBER_KINDS = frozenset(MemberKind) - LOCAL_GOVERNMENT_KINDS


class FieldCode(StrEnum):
    INDUSTRY = "industry"  # A 産業振興
    TOURISM = "tourism"  # B 観光
    TRANSPORT = "transport"  # C 交通
    OTHER = "other"  # free text


class RevisionKind(StrEnum):
    ESTABLISHED = "established"  # 策定
    CHANGED = "changed"  # 変更
    ABOLISHED = "abolished"  # 廃止


# 第4(3): how often a vision is verified unless the ministry sets another interval
# (settings.VISION_VERIFICATION_INTERVAL_MONTHS reads its default from here).
DEFAULT_VERIFICATION_INTERVAL_MONTHS = 12


@dataclass(frozen=True, slots=True)
class PlanRef:
    """広域地方計画等の参照箇所 (第4(2) なお書き, 第4(2)③ウ)."""

    plan: str
    section: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class FieldEntry:
    code: FieldCode
    text: str = ""  # only for FieldCode.OTHER


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    """Which kind of revision this is; a change or abolition records its 協議 date and the
    body or meeting that agreed (``consultation_body``, 「中国地域発展推進会議」, ADR 0120)."""

    kind: RevisionKind = RevisionKind.ESTABLISHED
    is_minor: bool = False
    consulted_on: date | None = None
    reason: str = ""
    consultation_body: str = ""


@dataclass(frozen=True, slots=True)
class MemberData:
    key: str
    name: str
    kind: MemberKind
    lg_code: str = ""  # prefecture and municipality
    area_prefectures: tuple[str, ...] = ()  # other_local_government: 2-digit JIS codes
    activity_prefectures: tuple[str, ...] = ()  # economic_organization: 2-digit JIS codes
    multi_industry: bool = False  # economic_organization attests several industries
    corporate_number: str = ""  # 法人番号 (13 digits), optional, non-government kinds (ADR 0123)

    @property
    def is_local_government(self) -> bool:
        return self.kind in LOCAL_GOVERNMENT_KINDS


@dataclass(frozen=True, slots=True)
class DeclarationData:
    region_name: str
    area_note: str = ""
    region_name_kana: str = ""  # よみがな, hiragana (filing.kana); not part of the document
    declared_on: date | None = None
    aspiration: str = ""
    # optional English (ADR 0124): reviewed and published, not part of the document (its PDF)
    region_name_en: str = ""
    aspiration_en: str = ""
    fields: tuple[FieldEntry, ...] = ()
    representative: str = ""  # the key of the member that represents the region (代表団体)
    revision: RevisionInfo = field(default_factory=RevisionInfo)


@dataclass(frozen=True, slots=True)
class ImplementerData:
    member: str | None = None  # a member key, or None for an outside body
    name: str = ""  # the outside body's name


@dataclass(frozen=True, slots=True)
class BudgetData:
    total: int | None
    by_fiscal_year: tuple[tuple[int, int], ...] = ()  # (年度, yen), 年度 = April–March


@dataclass(frozen=True, slots=True)
class MilestoneData:
    date: date | None
    target: str


class Better(StrEnum):
    """Which way a target's figure improves (目標の向き)."""

    HIGHER = "higher"  # 高いほどよい
    LOWER = "lower"  # 低いほどよい


@dataclass(frozen=True, slots=True)
class TargetData:
    """目標（指標, ``Indicator`` in DESIGN's glossary): what a project measures itself by
    (第4(2)②「各プロジェクトの…目標等」, ADR 0104). Values are exact decimals."""

    name: str
    unit: str = ""
    baseline_value: Decimal | None = None
    baseline_on: date | None = None
    values: tuple[tuple[int, Decimal], ...] = ()  # (年度, target value), by 年度
    final_year: int | None = None  # 最終目標の年度
    final_value: Decimal | None = None
    source: str = ""  # the source of the figure (出典)
    better: Better = Better.HIGHER
    # The server's key of the target across revisions (ADR 0108); "" in a bundle. Not
    # compared: two targets that say the same are equal, whatever their keys.
    key: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class ProjectData:
    name: str
    implementers: tuple[ImplementerData, ...] = ()
    joint_body_of: tuple[str, ...] | None = None  # member keys founding the implementing body
    plan_references: tuple[PlanRef, ...] = ()
    content: str = ""
    budget: BudgetData | None = None
    effects: str = ""
    start: date | None = None
    end: date | None = None
    milestones: tuple[MilestoneData, ...] = ()
    other: str = ""
    targets: tuple[TargetData, ...] = ()
    # The 分野 the project serves (ADR 0115): codes of the declaration's fields, in the
    # 要綱's order (A, B, C, その他); none means every field of its region (filing.fields).
    fields: tuple[FieldCode, ...] = ()
    # The national strategy's terms (ADR 0121): one cluster type code ("" for none) and
    # 戦略分野 codes in the canonical order of filing.strategy.
    cluster_type: str = ""
    strategic_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VisionData:
    aspiration: str = ""
    roadmap: str = ""
    aspiration_plan_reference: PlanRef | None = None
    roadmap_plan_reference: PlanRef | None = None
    verified_on: date | None = None
    projects: tuple[ProjectData, ...] = ()
    revision: RevisionInfo = field(default_factory=RevisionInfo)


@dataclass(frozen=True, slots=True)
class Filing:
    """One region's declaration, members and (optionally) vision."""

    declaration: DeclarationData
    members: tuple[MemberData, ...] = ()
    vision: VisionData | None = None

    def member(self, key: str) -> MemberData | None:
        for member in self.members:
            if member.key == key:
                return member
        return None


@dataclass(frozen=True, slots=True)
class MasterData:
    """The master data a rule may read, passed in (never queried)."""

    prefectures: Mapping[str, str]  # JIS code "01" -> "北海道"
    prefecture_lg_codes: Mapping[str, str]  # "010006" -> "01"
    municipalities: Mapping[str, tuple[str, str]]  # "011002" -> ("札幌市", "01")


@dataclass(frozen=True, slots=True)
class PublishedDeclaration:
    """What the current published declaration already holds (for change.declaration_sync)."""

    member_keys: frozenset[str]
    fields: frozenset[FieldCode]


@dataclass(frozen=True, slots=True)
class RuleContext:
    master: MasterData
    today: date
    verification_interval_months: int = DEFAULT_VERIFICATION_INTERVAL_MONTHS
    current_declaration: PublishedDeclaration | None = None
    # The day the region's vision was first published (vision.verification counts from it
    # when the vision was never verified). From the models only: a bundle does not carry
    # it, so a bundle's vision without ``verified_on`` is never overdue.
    vision_first_published_on: date | None = None
    # The 検証を行った日 of the region's latest published 検証 record (reports.Verification,
    # ADR 0105): vision.verification counts from it or the revision's ``verified_on``,
    # whichever is later. From the models only, like the first publication.
    last_verified_on: date | None = None
    # Whether the declaration's / the vision's revision has an attachment of kind 協議の記録
    # (consultation.record, ADR 0120): told by the caller (the models' attachments, or a
    # bundle's listing); ``None`` when the caller does not know, and then nothing is said.
    declaration_consultation_record: bool | None = None
    vision_consultation_record: bool | None = None
