"""第4(3) rules of a 検証 record: what a region's verification of its vision must say before
it is sent (ADR 0105).

A verification is a report about a published vision, not a filing: it is checked on its
own (``check``), not by ``filing.engine.check_filing``. Pure functions over the plain data
below: no database, no Django. The staff page shows these findings as its checklist and
``reports.services.verification_submit`` refuses while any remains (drafts are lenient,
ADR 0041).
"""

from dataclasses import dataclass
from datetime import date

from filing.findings import Finding
from filing.i18n import gettext, gettext_lazy
from filing.rules.common import ERROR, Rule, is_blank
from filing.rules.wording import quoted

# The conclusions a verification may reach (reports.models.Conclusion uses the same codes).
CONTINUE, CHANGE, END = "continue", "change", "end"
CONCLUSIONS = (CONTINUE, CHANGE, END)
# A change (not a minor one) or an abolition follows 協議 among the members (第4(3) 後段).
NEEDS_CONSULTATION = frozenset({CHANGE, END})


@dataclass(frozen=True, slots=True)
class AssessmentData:
    """One project's assessment: its name (as published), a rating code and the text."""

    project_name: str
    rating: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class VerificationData:
    period_start: date | None = None
    period_end: date | None = None
    verified_on: date | None = None
    conclusion: str = ""
    consulted_on: date | None = None
    summary: str = ""
    assessments: tuple[AssessmentData, ...] = ()


PERIOD = Rule(
    "verification.period",
    "第4(3)",
    ERROR,
    gettext_lazy(
        "検証の対象期間（始まりと終わり）と検証を行った日が記載され、期間の始まりが終わり以前、"
        "検証を行った日が期間の始まり以降であること"
    ),
    document="verification",
)
ASSESSMENTS = Rule(
    "verification.assessments",
    "第4(3)",
    ERROR,
    gettext_lazy(
        "公表中の連携ビジョンのプロジェクトごとに、実施した効果の評価（区分と内容）が記載されていること"
    ),
    document="verification",
)
CONCLUSION = Rule(
    "verification.conclusion",
    "第4(3)",
    ERROR,
    gettext_lazy("検証の結論（継続・変更・終了）とその概要が記載されていること"),
    document="verification",
)
CONSULTATION = Rule(
    "verification.consultation",
    "第4(3)",
    ERROR,
    gettext_lazy(
        "結論が変更または終了のとき、リージョン構成団体における協議の日（予定を含む）が記載されていること"
        "（要綱は、軽微な変更を除く変更と廃止に、原則として協議を求める）"
    ),
    document="verification",
)

RULES = (PERIOD, ASSESSMENTS, CONCLUSION, CONSULTATION)


def _check_period(data: VerificationData) -> list[Finding]:
    if data.period_start is None or data.period_end is None:
        message = gettext("検証の対象期間の始まりと終わりを記載してください")
        return [PERIOD.finding("period_start", message)]
    if data.period_start > data.period_end:
        message = gettext("対象期間の終わりが始まりより前になっています")
        return [PERIOD.finding("period_end", message)]
    if data.verified_on is None:
        return [PERIOD.finding("verified_on", gettext("検証を行った日を記載してください"))]
    if data.verified_on < data.period_start:
        message = gettext("検証を行った日が対象期間の始まりより前になっています")
        return [PERIOD.finding("verified_on", message)]
    return []


def _missing_assessment(entry: AssessmentData) -> str | None:
    """What of an assessment is missing, as a message about %(project)s."""
    if is_blank(entry.rating) and is_blank(entry.text):
        return gettext("プロジェクト%(project)sの評価の区分と評価の内容を記載してください")
    if is_blank(entry.rating):
        return gettext("プロジェクト%(project)sの評価の区分を記載してください")
    if is_blank(entry.text):
        return gettext("プロジェクト%(project)sの評価の内容を記載してください")
    return None


def _check_assessments(data: VerificationData) -> list[Finding]:
    findings = []
    for index, entry in enumerate(data.assessments):
        if message := _missing_assessment(entry):
            name = quoted(entry.project_name or gettext("（名称未入力）"))
            findings.append(
                ASSESSMENTS.finding(f"assessments[{index}]", message % {"project": name})
            )
    return findings


def _check_conclusion(data: VerificationData) -> list[Finding]:
    findings = []
    if data.conclusion not in CONCLUSIONS:
        message = gettext("結論（継続・変更・終了）を選んでください")
        findings.append(CONCLUSION.finding("conclusion", message))
    if is_blank(data.summary):
        findings.append(CONCLUSION.finding("summary", gettext("検証の概要を記載してください")))
    return findings


def consultation_required(conclusion: str) -> bool:
    """A conclusion that a change or an abolition follows: its 協議 date is required."""
    return conclusion in NEEDS_CONSULTATION


def _check_consultation(data: VerificationData) -> list[Finding]:
    if consultation_required(data.conclusion) and data.consulted_on is None:
        if data.conclusion == CHANGE:
            message = gettext(
                "結論が変更のため、リージョン構成団体における協議の日（予定を含む）を記載してください"
            )
        else:
            message = gettext(
                "結論が終了（廃止）のため、リージョン構成団体における協議の日（予定を含む）を"
                "記載してください"
            )
        return [CONSULTATION.finding("consulted_on", message)]
    return []


def check(data: VerificationData) -> list[Finding]:
    """Every finding of a verification, in rule order."""
    return [
        *_check_period(data),
        *_check_assessments(data),
        *_check_conclusion(data),
        *_check_consultation(data),
    ]
