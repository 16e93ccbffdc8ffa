"""The national strategy's terms a project may carry (issue 19, ADR 0121): the three cluster
types of the 地域未来戦略 and the 17 戦略分野 set by the 日本成長戦略会議.

The lists here are the shipped versions, each with its source and date; their codes are
stable (a project, a bundle and a support measure store codes, never labels). The database
holds the same lists as reference data (``projects.models.StrategyList``, loaded by a data
migration from ``VERSIONS``) so that operators can amend labels, source and date in the admin;
when the government revises a list, the revision is a new version: the codes of earlier
versions keep their meaning (``label`` looks a code up in every version, newest first), and a
new code is added here first (like the 全国地方公共団体コード master data, ADR 0012) so the
plain reader of a bundle and of the catalogue CSV knows it.
"""

from dataclasses import dataclass
from datetime import date

from filing.i18n import gettext_lazy as _

CLUSTER = "cluster_type"  # the list of 類型 (one per project)
SECTOR = "strategic_field"  # the list of 戦略分野 (any number per project)
KINDS = (CLUSTER, SECTOR)


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class TermList:
    """One version of one list: ``kind`` is ``CLUSTER`` or ``SECTOR``."""

    kind: str
    version: str
    source: str
    decided_on: date
    terms: tuple[Term, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)


CLUSTER_TYPES_2026 = TermList(
    kind=CLUSTER,
    version="2026-01",
    source="内閣官房 地域未来戦略本部事務局・内閣府 地方創生推進事務局「地域未来戦略の推進について」（令和8年1月）",
    decided_on=date(2026, 1, 1),
    terms=(
        Term("strategic_industry_cluster", "戦略産業クラスター"),
        Term("regional_industry_cluster", "地域産業クラスター"),
        Term("local_industry_support", "地場産業支援"),
    ),
)

STRATEGIC_FIELDS_2025 = TermList(
    kind=SECTOR,
    version="2025-11-10",
    source="日本成長戦略会議（2025年11月10日）が定めた17の戦略分野",
    decided_on=date(2025, 11, 10),
    terms=(
        Term("ai_semiconductors", "AI・半導体"),
        Term("shipbuilding", "造船"),
        Term("quantum", "量子"),
        Term("synthetic_biology", "合成生物学・バイオ"),
        Term("aerospace", "航空・宇宙"),
        Term("digital_cybersecurity", "デジタル・サイバーセキュリティ"),
        Term("content", "コンテンツ"),
        Term("foodtech", "フードテック"),
        Term("resources_energy_gx", "資源・エネルギー安全保障・GX"),
        Term("disaster_resilience", "防災・国土強靱化"),
        Term("drug_discovery_medicine", "創薬・先端医療"),
        Term("fusion_energy", "フュージョンエネルギー"),
        Term("materials", "マテリアル（重要鉱物・部素材）"),
        Term("port_logistics", "港湾ロジスティクス"),
        Term("defense_industry", "防衛産業"),
        Term("ict", "情報通信"),
        Term("ocean", "海洋"),
    ),
)

# Every shipped version, oldest first within a kind.
VERSIONS: tuple[TermList, ...] = (CLUSTER_TYPES_2026, STRATEGIC_FIELDS_2025)


def current(kind: str) -> TermList:
    """The newest shipped version of ``kind``."""
    return [version for version in VERSIONS if version.kind == kind][-1]


def known_codes(kind: str) -> tuple[str, ...]:
    """Every code ``kind`` has ever had, in the current version's order, then older ones."""
    codes: list[str] = []
    for version in reversed([v for v in VERSIONS if v.kind == kind]):
        codes.extend(code for code in version.codes if code not in codes)
    return tuple(codes)


def label(kind: str, code: str) -> str:
    """The label of ``code`` in the newest version that has it; the code itself if none does."""
    for version in reversed(VERSIONS):
        if version.kind == kind:
            for term in version.terms:
                if term.code == code:
                    return term.label
    return code


def ordered(kind: str, codes) -> tuple[str, ...]:
    """``codes`` once each in the order of ``known_codes`` (the canonical form); unknown codes
    are kept, after the known ones, in the order given."""
    chosen = list(dict.fromkeys(str(code) for code in codes))
    known = known_codes(kind)
    return tuple(code for code in known if code in chosen) + tuple(
        code for code in chosen if code not in known
    )


def labels_text(kind: str, codes) -> str:
    """「AI・半導体、量子」: the labels of ``codes`` in the canonical order."""
    return "、".join(label(kind, code) for code in ordered(kind, codes))


def strategy_text(cluster_type: str, strategic_fields) -> str:
    """The one line documents write: 「類型: 戦略産業クラスター／戦略分野: AI・半導体、量子」
    ("" when the project carries neither)."""
    parts = []
    if cluster_type:
        parts.append(str(_("類型: %(label)s") % {"label": label(CLUSTER, cluster_type)}))
    if strategic_fields:
        text = labels_text(SECTOR, strategic_fields)
        parts.append(str(_("戦略分野: %(labels)s") % {"labels": text}))
    return "／".join(parts)


def compared_texts(path: str, old, new) -> list[tuple]:
    """What ``filing.diff`` compares of two projects' terms: ``(path, item, old text, new
    text)`` for the 類型 and the 戦略分野 (ADR 0121)."""

    def cluster(code: str) -> str:
        return label(CLUSTER, code) if code else ""

    return [
        (f"{path}.cluster_type", _("類型"), cluster(old.cluster_type), cluster(new.cluster_type)),
        (
            f"{path}.strategic_fields",
            _("戦略分野"),
            labels_text(SECTOR, old.strategic_fields),
            labels_text(SECTOR, new.strategic_fields),
        ),
    ]
