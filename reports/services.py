"""Write use cases of the 検証 records: one service per verb (STYLE.md §4, ADR 0105).

Each verb is keyword-only, takes the ``actor``, runs in a transaction and moves the status
only through ``declarations.services.revision_transition`` (the one transition table, a
``StatusChange`` row per move). A reviewer's decision also leaves a ``reviews.Review`` row
(``review_record``), as for revisions (ADR 0071). Accepting a verification publishes it at
once: a report has no 公表予定日.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from declarations.lifecycle import Status
from declarations.services import (
    RevisionNotStarted,
    draft_claim,
    revision_created,
    revision_transition,
)
from filing.findings import Finding
from filing.rules.verification import check
from reports import notices
from reports.models import Assessment, Verification
from reports.selectors import current_published_vision, open_verification, verification_data
from reviews.models import Review
from reviews.services import review_record

# The fields of a verification the staff form writes (the assessments are rows).
CONTENT_FIELDS = (
    "period_start",
    "period_end",
    "verified_on",
    "conclusion",
    "consulted_on",
    "summary",
)


class VerificationRefused(Exception):
    """Submission refused; ``findings`` holds every error at once."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__(f"送付できません: エラー {len(findings)} 件があります。")


class CommentRequired(Exception):
    def __init__(self):
        super().__init__("差戻しにはコメントが必要です。")


@transaction.atomic
def verification_create(*, region, actor) -> Verification:
    """検証を始める: a draft verification of the region's published vision, with one empty
    assessment per project of that revision. One verification is open at a time."""
    revision = current_published_vision(region)
    if revision is None:
        raise RevisionNotStarted("公表中の連携ビジョンがないため、検証を始められません。")
    vision = type(revision.vision).objects.select_for_update().get(pk=revision.vision_id)
    open_one = open_verification(vision)
    if open_one is not None:
        raise RevisionNotStarted(
            f"第{open_one.number}回の検証が「{open_one.get_status_display()}」です。"
            "公表されるまで、次の検証は始められません。",
            open_one,
        )
    last = Verification.objects.filter(vision=vision).aggregate(last=Max("number"))["last"]
    verification = Verification.objects.create(
        vision=vision, vision_revision=revision, number=(last or 0) + 1
    )
    Assessment.objects.bulk_create(
        Assessment(verification=verification, project=project, position=index)
        for index, project in enumerate(revision.projects.order_by("position", "pk"))
    )
    revision_created(
        revision=verification,
        actor=actor if actor is not None and actor.is_authenticated else None,
        comment=f"第{verification.number}回の検証の作成を始めました。",
    )
    return verification


@dataclass(frozen=True)
class AssessmentInput:
    rating: str = ""
    text: str = ""


@transaction.atomic
def verification_save(
    *, verification, version, fields: dict, assessments: dict[int, AssessmentInput]
) -> Verification:
    """Save a draft as typed (lenient: the 第4(3) rules are asked at submission).
    ``assessments``: assessment id → its rating and text. ``DraftConflict`` when someone
    saved since ``version``; ``FrozenRevisionError`` once sent."""
    draft_claim(
        verification, version, **{name: fields[name] for name in CONTENT_FIELDS if name in fields}
    )
    for assessment in verification.assessments.all():
        given = assessments.get(assessment.pk)
        if given is None or (given.rating, given.text) == (assessment.rating, assessment.text):
            continue
        assessment.rating, assessment.text = given.rating, given.text
        assessment.save(update_fields=["rating", "text"])
    return verification


def verification_findings(verification) -> list[Finding]:
    """The 第4(3) findings of a verification (its checklist, and what refuses its 送付)."""
    return check(verification_data(verification))


@transaction.atomic
def verification_submit(*, verification, actor):
    """送付: freeze the draft and send it to the ministry; refused with every error at once."""
    findings = verification_findings(verification)
    if findings:
        raise VerificationRefused(findings)
    change = revision_transition(revision=verification, new=Status.SUBMITTED, actor=actor)
    notices.notify_submitted(verification)
    return change


@transaction.atomic
def verification_return(*, verification, actor, comment: str):
    """差戻し: back to the region with a required comment (and a ``Review`` row)."""
    if not comment or not comment.strip():
        raise CommentRequired
    comment = comment.strip()
    change = revision_transition(
        revision=verification, new=Status.RETURNED, actor=actor, comment=comment
    )
    review_record(
        revision=verification, decision=Review.Decision.RETURNED, reviewer=actor, comment=comment
    )
    notices.notify_returned(verification, comment)
    return change


@transaction.atomic
def verification_reopen(*, verification, actor):
    """A returned verification becomes a draft again so that the region can fix it."""
    return revision_transition(revision=verification, new=Status.DRAFT, actor=actor)


@transaction.atomic
def verification_accept(*, verification, actor, comment: str = ""):
    """受理: accept a submitted verification (a ``Review`` row) and publish it at once."""
    revision_transition(revision=verification, new=Status.ACCEPTED, actor=actor, comment=comment)
    review_record(
        revision=verification, decision=Review.Decision.ACCEPTED, reviewer=actor, comment=comment
    )
    return verification_publish(verification=verification, actor=actor)


@transaction.atomic
def verification_publish(*, verification, actor):
    """公表: the verification joins the region's public history and becomes the vision's
    last verification (vision.verification counts from its 検証を行った日)."""
    change = revision_transition(revision=verification, new=Status.PUBLISHED, actor=actor)
    notices.notify_published(verification)
    return change
