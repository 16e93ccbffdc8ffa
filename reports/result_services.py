"""Write use cases of the yearly results (実績, ADR 0108): one service per verb, keyword-only,
each in a transaction, the status moved only by ``declarations.services.revision_transition``
(a ``StatusChange`` row per move), a reviewer's decision also a ``reviews.Review`` row, as
the 検証 records do (``reports.services``). Accepting a result publishes it at once.

A result is checked by ``filing.rules.results`` when it is written (a field's error: nothing
is saved) and again at its 送付. A published result is never changed: ``result_correct``
starts a new draft that supersedes it once published.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from declarations import clock
from declarations.lifecycle import Status
from declarations.services import (
    RevisionNotStarted,
    draft_claim,
    revision_created,
    revision_transition,
)
from filing.findings import Finding
from filing.rules.results import ResultEntry, check
from reports import result_notices
from reports.models import TargetResult
from reports.selectors import current_published_vision, latest_results, result_targets
from reports.services import CommentRequired
from reviews.models import Review
from reviews.services import review_record


class ResultRefused(Exception):
    """A result that cannot be written or sent; ``findings`` holds every error at once."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("実績を保存できません: " + "、".join(f.message for f in findings))


@dataclass(frozen=True)
class ResultInput:
    target_key: str
    fiscal_year: int | None
    value: Decimal | None
    comment: str = ""
    evidence_url: str = ""
    evidence_file: object = None  # an uploaded file, or None to keep the stored one
    clear_file: bool = False


def _findings(vision_revision, entry: ResultEntry, *, exclude_pk=None, correcting=None):
    latest = latest_results(vision_revision.vision)
    taken = {
        key
        for key, result in latest.items()
        if result.pk != exclude_pk and (correcting is None or result.pk != correcting.pk)
    }
    return check(
        entry,
        targets={key: t.period for key, t in result_targets(vision_revision).items()},
        today=timezone.localtime(clock.now()).date(),
        taken=taken,
    )


def _write(result: TargetResult, given: ResultInput, target) -> None:
    result.value = given.value
    result.comment = given.comment
    result.evidence_url = given.evidence_url
    result.project_name = target.project.name
    result.target_name = target.target.name
    result.unit = target.target.unit
    if given.clear_file:
        result.evidence_file = ""
    if given.evidence_file is not None:
        result.evidence_file = given.evidence_file  # saved through default_storage


@transaction.atomic
def result_save(*, region, actor, given: ResultInput, result=None, version=None) -> TargetResult:
    """Write a result as typed: a new draft (``result`` None), or the editor's draft
    (``version`` detects a save by someone else; a returned one becomes a draft again,
    with its audit row). Refused with every finding when ``filing.rules.results`` finds
    anything: nothing is saved."""
    revision = current_published_vision(region)
    if revision is None:
        raise RevisionNotStarted("公表中の連携ビジョンがないため、実績を書けません。")
    if result is not None and result.status == Status.RETURNED:
        result_reopen(result=result, actor=actor)
    entry = ResultEntry(given.target_key, given.fiscal_year, given.value)
    if result is not None:  # the key and year of a stored result do not move
        entry = ResultEntry(result.target_key, result.fiscal_year, given.value)
    findings = _findings(
        revision, entry, exclude_pk=getattr(result, "pk", None), correcting=_corrected(result)
    )
    if findings:
        raise ResultRefused(findings)
    target = result_targets(revision)[entry.target_key]
    if result is None:
        result = TargetResult(
            vision=revision.vision, target_key=entry.target_key, fiscal_year=entry.fiscal_year
        )
        _write(result, given, target)
        result.save()
        revision_created(
            revision=result, actor=_who(actor), comment=f"{result.label}を入力しました。"
        )
        return result
    draft_claim(result, version)  # DraftConflict / FrozenRevisionError
    _write(result, given, target)
    result.save()
    return result


def _corrected(result):
    return result.supersedes if result is not None and result.supersedes_id else None


def _who(actor):
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def result_correct(*, result, actor) -> TargetResult:
    """訂正を始める: a new draft copying a published result; it replaces the published figure
    once it is published itself (both stay, with their audit rows)."""
    type(result).objects.select_for_update().filter(pk=result.pk).first()
    result.refresh_from_db()
    if result.status != Status.PUBLISHED:
        raise RevisionNotStarted("公表された実績だけを訂正できます。")
    newer = latest_results(result.vision).get((result.target_key, result.fiscal_year))
    if newer is not None and newer.pk != result.pk:
        raise RevisionNotStarted("この実績はすでに訂正を始めています。", newer)
    correction = TargetResult.objects.create(
        vision=result.vision,
        target_key=result.target_key,
        fiscal_year=result.fiscal_year,
        number=result.number + 1,
        project_name=result.project_name,
        target_name=result.target_name,
        unit=result.unit,
        value=result.value,
        comment=result.comment,
        evidence_url=result.evidence_url,
        evidence_file=result.evidence_file.name,
        supersedes=result,
    )
    revision_created(
        revision=correction, actor=_who(actor), comment=f"{result.label}の訂正を始めました。"
    )
    return correction


@transaction.atomic
def result_submit(*, result, actor):
    """送付: freeze the draft and send it to the ministry; refused while a rule finds anything."""
    revision = current_published_vision(result.region)
    entry = ResultEntry(result.target_key, result.fiscal_year, result.value)
    findings = (
        _findings(revision, entry, exclude_pk=result.pk, correcting=_corrected(result))
        if revision is not None
        else []
    )
    if findings:
        raise ResultRefused(findings)
    return revision_transition(revision=result, new=Status.SUBMITTED, actor=actor)


@transaction.atomic
def results_submit_year(*, region, fiscal_year: int, keys, actor) -> list[TargetResult]:
    """送付 of a 年度's batch: every draft result of ``keys`` (a project's targets) for
    ``fiscal_year``, each with its own audit row; all or none. The reviewers get one mail
    for the batch (``result_notices.notify_batch_submitted``)."""
    revision = current_published_vision(region)
    if revision is None:
        return []
    drafts = [
        result
        for (key, year), result in latest_results(revision.vision).items()
        if year == fiscal_year and key in set(keys) and result.status == Status.DRAFT
    ]
    for result in drafts:
        result_submit(result=result, actor=actor)
    result_notices.notify_batch_submitted(region=region, fiscal_year=fiscal_year, results=drafts)
    return drafts


@transaction.atomic
def result_reopen(*, result, actor):
    """A returned result becomes a draft again so that the region can fix it."""
    return revision_transition(revision=result, new=Status.DRAFT, actor=actor)


@transaction.atomic
def result_return(*, result, actor, comment: str):
    """差戻し: back to the region with a required comment (and a ``Review`` row)."""
    if not comment or not comment.strip():
        raise CommentRequired
    comment = comment.strip()
    change = revision_transition(revision=result, new=Status.RETURNED, actor=actor, comment=comment)
    review_record(
        revision=result, decision=Review.Decision.RETURNED, reviewer=actor, comment=comment
    )
    result_notices.notify_returned(result, comment)
    return change


@transaction.atomic
def result_accept(*, result, actor, comment: str = ""):
    """受理: accept a submitted result (a ``Review`` row) and publish it at once."""
    revision_transition(revision=result, new=Status.ACCEPTED, actor=actor, comment=comment)
    review_record(
        revision=result, decision=Review.Decision.ACCEPTED, reviewer=actor, comment=comment
    )
    return result_publish(result=result, actor=actor)


@transaction.atomic
def result_publish(*, result, actor):
    """公表: the figure joins the project's public table, chart, API and CSV (replacing the
    result it corrects)."""
    change = revision_transition(revision=result, new=Status.PUBLISHED, actor=actor)
    result_notices.notify_published(result)
    return change
