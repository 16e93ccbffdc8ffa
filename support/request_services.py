"""The verbs of a request for new support measures (要綱 第5(1), ADR 0116), one per move,
each with its audit row (``SupportRequestEvent``) and its time from ``declarations.clock``:

- ``request_save``: an editor saves a draft (lenient: anything may be empty or unknown);
- ``request_submit``: the editor sends it to the reviewers (strict: every problem at once);
- ``forwarding_record`` / ``forwarding_update``: a reviewer records a 検討依頼 to a ministry
  and its status and answer; the region's editors are mailed when the status changes;
- ``request_publish``: a reviewer publishes the request with its outcome (or withdraws it).

Nothing is public until ``request_publish``; the public selector returns only those.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from declarations import clock
from declarations.lifecycle import Status
from support.models import (
    ForwardingStatus,
    RequestForwarding,
    RequestStatus,
    SupportRequest,
    SupportRequestEvent,
)
from support.request_notices import notify_forwarding, notify_request_submitted
from support.services import catalogue_changed
from visions.models import VisionRevision

TEXT_MAX_LENGTH = 10_000
NAME_MAX_LENGTH = 200
LIST_MAX_ITEMS = 50


class RequestRefused(Exception):
    """A move that cannot be made, with every reason as ``(field, message)`` pairs."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(message for _field, message in self.problems))


@dataclass(frozen=True)
class RequestInput:
    """What an editor typed: free text, project names and ministries as lists."""

    title: str = ""
    project_names: list[str] = field(default_factory=list)
    needed: str = ""
    reason: str = ""
    ministries: list[str] = field(default_factory=list)


def _names(values) -> list[str]:
    """Stripped, non-empty, without repeats, in the order given."""
    return list(dict.fromkeys(v.strip() for v in values or () if v and v.strip()))


def region_project_names(region) -> list[str]:
    """The names of the region's projects a request may be about: those of its latest vision
    revision and of its published one (a project is the same across revisions by its name)."""
    revisions = VisionRevision.objects.filter(vision__region=region)
    latest = revisions.order_by("-number").first()
    published = revisions.filter(status=Status.PUBLISHED).order_by("-number").first()
    names = []
    for revision in (latest, published):
        if revision is not None:
            names += [p.name for p in revision.projects.all() if p.name]
    return list(dict.fromkeys(names))


def _event(request, verb, actor, detail=""):
    return SupportRequestEvent.objects.create(
        request=request,
        region=request.region,
        verb=verb,
        actor=actor,
        at=clock.now(),
        detail=detail,
    )


def _length_problems(data: RequestInput) -> list[tuple[str, str]]:
    problems = []
    if len(data.title) > NAME_MAX_LENGTH:
        problems.append(("title", _("件名は200文字以内で入力してください。")))
    for name, text in (("needed", data.needed), ("reason", data.reason)):
        if len(text) > TEXT_MAX_LENGTH:
            problems.append((name, _("10,000文字以内で入力してください。")))
    for name, values in (("project_names", data.project_names), ("ministries", data.ministries)):
        if len(values) > LIST_MAX_ITEMS or any(len(v) > NAME_MAX_LENGTH for v in values):
            problems.append((name, _("50件以内、各200文字以内で入力してください。")))
    return problems


@transaction.atomic
def request_save(*, region, actor, data: RequestInput, request: SupportRequest | None = None):
    """Save a draft request (new when ``request`` is None). Lenient: empty or unknown values
    are kept; only what cannot be stored (too long) is refused. A submitted request is not
    edited any more."""
    data = RequestInput(
        title=data.title.strip(),
        project_names=_names(data.project_names),
        needed=data.needed.strip(),
        reason=data.reason.strip(),
        ministries=_names(data.ministries),
    )
    if request is not None and (request.region_id != region.pk or not request.is_draft):
        raise RequestRefused([("", _("提出した求めは変更できません。"))])
    problems = _length_problems(data)
    if problems:
        raise RequestRefused(problems)
    now = clock.now()
    if request is None:
        request = SupportRequest(region=region, created_by=actor, created_at=now)
    request.title = data.title
    request.project_names = data.project_names
    request.needed = data.needed
    request.reason = data.reason
    request.ministries = data.ministries
    request.updated_at = now
    request.save()
    _event(request, SupportRequestEvent.Verb.SAVED, actor)
    return request


def submit_problems(request) -> list[tuple[str, str]]:
    """Everything that keeps a draft from being submitted, as ``(field, message)``."""
    problems = []
    if not request.title:
        problems.append(("title", _("件名を入力してください。")))
    known = set(region_project_names(request.region))
    if not request.project_names:
        problems.append(("project_names", _("対象のプロジェクトを1件以上選んでください。")))
    unknown = [name for name in request.project_names if name not in known]
    if unknown:
        problems.append(
            (
                "project_names",
                _("このリージョンのプロジェクトにないものがあります: %(names)s")
                % {"names": "、".join(unknown)},
            )
        )
    if not request.needed:
        problems.append(("needed", _("求める支援の内容を入力してください。")))
    if not request.reason:
        problems.append(("reason", _("既存の支援措置では足りない理由を入力してください。")))
    if not request.ministries:
        problems.append(("ministries", _("関係府省を1つ以上入力してください。")))
    return problems


@transaction.atomic
def request_submit(*, request: SupportRequest, actor) -> SupportRequest:
    """Send a draft request to the reviewers; refused with every problem at once."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_draft:
        raise RequestRefused([("", _("この求めは提出済みです。"))])
    problems = submit_problems(request)
    if problems:
        raise RequestRefused(problems)
    request.status = RequestStatus.SUBMITTED
    request.submitted_at = request.updated_at = clock.now()
    request.save()
    _event(request, SupportRequestEvent.Verb.SUBMITTED, actor)
    notify_request_submitted(request)
    return request


def _forwarding_problems(ministry, forwarded_on, status, answer) -> list[tuple[str, str]]:
    problems = []
    if not ministry:
        problems.append(("ministry", _("依頼先の府省を入力してください。")))
    elif len(ministry) > 100:
        problems.append(("ministry", _("府省名は100文字以内で入力してください。")))
    if not isinstance(forwarded_on, datetime.date):
        problems.append(("forwarded_on", _("依頼日を入力してください。")))
    if status not in set(ForwardingStatus):
        problems.append(("status", _("状況を選んでください。")))
    if len(answer) > TEXT_MAX_LENGTH:
        problems.append(("answer", _("10,000文字以内で入力してください。")))
    return problems


@transaction.atomic
def forwarding_record(
    *, request, actor, ministry, forwarded_on, status=ForwardingStatus.REQUESTED, answer=""
):
    """A reviewer records a 検討依頼 of a submitted request to a ministry."""
    ministry, answer = (ministry or "").strip(), (answer or "").strip()
    problems = _forwarding_problems(ministry, forwarded_on, status, answer)
    if request.is_draft:
        problems.insert(0, ("", _("提出されていない求めは依頼できません。")))
    if problems:
        raise RequestRefused(problems)
    forwarding = RequestForwarding.objects.create(
        request=request,
        ministry=ministry,
        forwarded_on=forwarded_on,
        status=status,
        answer=answer,
        updated_by=actor,
        updated_at=clock.now(),
    )
    _event(
        request,
        SupportRequestEvent.Verb.FORWARDED,
        actor,
        f"{ministry}（{forwarding.get_status_display()}）",
    )
    notify_forwarding(forwarding)
    return forwarding


@transaction.atomic
def forwarding_update(*, forwarding, actor, status, answer="", forwarded_on=None):
    """A reviewer records a forwarding's new status and the ministry's answer; the region's
    editors are mailed when the status changed."""
    forwarding = RequestForwarding.objects.select_for_update().get(pk=forwarding.pk)
    answer = (answer or "").strip()
    forwarded_on = forwarded_on or forwarding.forwarded_on
    problems = _forwarding_problems(forwarding.ministry, forwarded_on, status, answer)
    if problems:
        raise RequestRefused(problems)
    changed = status != forwarding.status
    if not changed and answer == forwarding.answer and forwarded_on == forwarding.forwarded_on:
        return forwarding
    forwarding.status, forwarding.answer, forwarding.forwarded_on = status, answer, forwarded_on
    forwarding.updated_by, forwarding.updated_at = actor, clock.now()
    forwarding.save()
    _event(
        forwarding.request,
        SupportRequestEvent.Verb.FORWARDING_UPDATED,
        actor,
        f"{forwarding.ministry}（{forwarding.get_status_display()}）",
    )
    if changed:
        notify_forwarding(forwarding)
    return forwarding


@transaction.atomic
def request_publish(*, request, actor, outcome="", publish=True) -> SupportRequest:
    """A reviewer publishes a submitted request with its outcome (required), or withdraws
    the publication (``publish=False``)."""
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    outcome = (outcome or "").strip()
    if publish:
        problems = []
        if request.is_draft:
            problems.append(("", _("提出されていない求めは公表できません。")))
        if not outcome:
            problems.append(("outcome", _("公表する結果を入力してください。")))
        elif len(outcome) > TEXT_MAX_LENGTH:
            problems.append(("outcome", _("10,000文字以内で入力してください。")))
        if problems:
            raise RequestRefused(problems)
        request.outcome = outcome
    now = clock.now()
    request.is_published = publish
    request.published_at = now if publish else None
    request.updated_at = now
    request.save()
    verb = SupportRequestEvent.Verb.PUBLISHED if publish else SupportRequestEvent.Verb.UNPUBLISHED
    _event(request, verb, actor, outcome)
    catalogue_changed.send(sender=SupportRequest)  # the public pages read their stamps again
    return request
