"""The keys each object of a region bundle holds, in DESIGN's order.

The reader refuses any other key; the writer writes these, in this order.
Members carry only the keys of their kind (``MEMBER_KIND_KEYS``).
"""

from filing.data import CORPORATE_NUMBER_KINDS, MemberKind

TOP_KEYS = ("region", "declaration", "members", "vision")
# name_kana (ADR 0087) and name_en (ADR 0124) are optional
REGION_KEYS = ("name", "name_kana", "name_en", "area_note")
# aspiration_en is optional (ADR 0124)
DECLARATION_KEYS = (
    "declared_on",
    "aspiration",
    "aspiration_en",
    "fields",
    "representative",
    "revision",
    "attachments",  # optional (ADR 0120): the listing of the revision's attachments
)
# consultation_body is optional (ADR 0120): written when the revision names one
REVISION_KEYS = ("kind", "is_minor", "consulted_on", "consultation_body", "reason")
MEMBER_COMMON_KEYS = ("key", "name", "kind")
_KIND_KEYS = {
    MemberKind.PREFECTURE: ("lg_code",),
    MemberKind.MUNICIPALITY: ("lg_code",),
    MemberKind.OTHER_LOCAL_GOVERNMENT: ("area_prefectures",),
    MemberKind.ECONOMIC_ORGANIZATION: ("activity_prefectures", "multi_industry"),
}
# The optional 法人番号 of the non-government kinds (ADR 0123): written only when given.
MEMBER_KIND_KEYS = {
    kind: (*_KIND_KEYS.get(kind, ()), *(("corporate_number",) * (kind in CORPORATE_NUMBER_KINDS)))
    for kind in MemberKind
    if kind in _KIND_KEYS or kind in CORPORATE_NUMBER_KINDS
}
OPTIONAL_MEMBER_KEYS = frozenset({"corporate_number"})
MEMBER_KEYS = (
    *MEMBER_COMMON_KEYS,
    "lg_code",
    "activity_prefectures",
    "multi_industry",
    "area_prefectures",
    "corporate_number",
)
VISION_KEYS = (
    "aspiration",
    "roadmap",
    "aspiration_plan_reference",
    "roadmap_plan_reference",
    "verified_on",
    "projects",
    "revision",
    "attachments",  # optional (ADR 0120)
)
PROJECT_KEYS = (
    "name",
    "fields",  # optional (ADR 0115): written when the project names some
    "cluster_type",  # optional (ADR 0121): one cluster type code or null
    "strategic_fields",  # optional (ADR 0121): 戦略分野 codes
    "implementers",
    "joint_body_of",
    "plan_references",
    "content",
    "budget",
    "effects",
    "period",
    "milestones",
    "other",
    "targets",
    "attachments",  # optional (ADR 0120)
)
IMPLEMENTER_KEYS = ("member", "name")
PLAN_REF_KEYS = ("plan", "section", "note")
BUDGET_KEYS = ("total", "by_fiscal_year")
PERIOD_KEYS = ("start", "end")
MILESTONE_KEYS = ("date", "target")
TARGET_KEYS = ("name", "unit", "baseline", "values", "final", "source", "better")
BASELINE_KEYS = ("value", "on")
TARGET_VALUE_KEYS = ("fiscal_year", "value")
FINAL_KEYS = ("fiscal_year", "value")
