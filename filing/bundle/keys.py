"""The keys each object of a region bundle holds, in DESIGN's order.

The reader refuses any other key; the writer writes these, in this order.
Members carry only the keys of their kind (``MEMBER_KIND_KEYS``).
"""

from filing.data import MemberKind

TOP_KEYS = ("region", "declaration", "members", "vision")
REGION_KEYS = ("name", "name_kana", "area_note")  # name_kana is optional (ADR 0087)
DECLARATION_KEYS = ("declared_on", "aspiration", "fields", "representative", "revision")
REVISION_KEYS = ("kind", "is_minor", "consulted_on", "reason")
MEMBER_COMMON_KEYS = ("key", "name", "kind")
MEMBER_KIND_KEYS = {
    MemberKind.PREFECTURE: ("lg_code",),
    MemberKind.MUNICIPALITY: ("lg_code",),
    MemberKind.OTHER_LOCAL_GOVERNMENT: ("area_prefectures",),
    MemberKind.ECONOMIC_ORGANIZATION: ("activity_prefectures", "multi_industry"),
}
MEMBER_KEYS = (
    *MEMBER_COMMON_KEYS,
    "lg_code",
    "activity_prefectures",
    "multi_industry",
    "area_prefectures",
)
VISION_KEYS = (
    "aspiration",
    "roadmap",
    "aspiration_plan_reference",
    "roadmap_plan_reference",
    "verified_on",
    "projects",
    "revision",
)
PROJECT_KEYS = (
    "name",
    "fields",  # optional (ADR 0115): written when the project names some
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
