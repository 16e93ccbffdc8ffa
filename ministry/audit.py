"""The audit trail as reviewers and operators read it: every status change, comment,
resolution, decision and 事前相談 (ADR 0116), newest first, merged from their append-only
tables."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from declarations.lifecycle import Status
from declarations.models import StatusChange
from reviews.models import AdviceRequest, Comment, Review
from reviews.selectors import revisions_by_key
from support.models import SupportMatchEvent, SupportRequestEvent


@dataclass(frozen=True)
class AuditEntry:
    at: datetime.datetime
    kind: str  # "status", "comment", "resolve", "review", "advice"
    what: str
    actor: object
    region: object
    revision_key: tuple[int, int] | None
    detail: str = ""
    revision: object = None

    @property
    def kind_label(self) -> str:
        return audit_kinds()[self.kind]

    @property
    def revision_label(self) -> str:
        return self.revision.reviewer_label if self.revision is not None else ""


def audit_kinds() -> dict[str, str]:
    return {
        "status": _("状態の変更"),
        "comment": _("コメント"),
        "resolve": _("スレッドの解決"),
        "review": _("審査の判断"),
        "advice": _("事前相談"),
        "support_request": _("新たな支援措置の求め"),
        "support_match": _("支援措置の固定・非表示"),
    }


class AuditTrail:
    """Every status change, comment, resolution and decision (of a region, of a kind),
    newest first, as a sequence Django's Paginator pages through (``web.pages.paginate``):
    ``count()`` once, then one slice."""

    def __init__(self, *, region_id=None, kind: str = ""):
        status_changes = StatusChange.objects.select_related("actor", "region")
        comments = Comment.objects.select_related("author", "region")
        resolved = Comment.objects.exclude(resolved_at=None).select_related("resolved_by", "region")
        reviews = Review.objects.select_related("reviewer", "region")
        advice = AdviceRequest.objects.select_related("asked_by", "region")
        requests = SupportRequestEvent.objects.select_related("actor", "region", "request")
        matches = SupportMatchEvent.objects.select_related("actor", "region")
        if region_id:
            status_changes = status_changes.filter(region_id=region_id)
            comments = comments.filter(region_id=region_id)
            resolved = resolved.filter(region_id=region_id)
            reviews = reviews.filter(region_id=region_id)
            advice = advice.filter(region_id=region_id)
            requests = requests.filter(region_id=region_id)
            matches = matches.filter(region_id=region_id)
        sources = {
            "status": status_changes.order_by("-at", "-pk"),
            "comment": comments.order_by("-created_at", "-pk"),
            "resolve": resolved.order_by("-resolved_at", "-pk"),
            "review": reviews.order_by("-at", "-pk"),
            "advice": advice.order_by("-asked_at", "-pk"),
            "support_request": requests.order_by("-at", "-pk"),
            "support_match": matches.order_by("-at", "-pk"),
        }
        self.sources = {kind: sources[kind]} if kind else sources
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = sum(queryset.count() for queryset in self.sources.values())
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[AuditEntry]:
        offset, stop = window.start or 0, window.stop
        entries: list[AuditEntry] = []
        for name, queryset in self.sources.items():
            for row in queryset[:stop]:
                entries.append(_audit_entry(name, row))
        entries.sort(key=lambda entry: entry.at, reverse=True)
        page = entries[offset:stop]
        revisions = revisions_by_key(e.revision_key for e in page if e.revision_key)
        return [
            AuditEntry(**{**entry.__dict__, "revision": revisions.get(entry.revision_key)})
            for entry in page
        ]


def audit_trail(*, region_id=None, kind: str = "", limit: int = 100, offset: int = 0):
    """``(entries, total)``: the newest ``limit`` audit entries after ``offset``."""
    trail = AuditTrail(region_id=region_id, kind=kind)
    return trail[offset : offset + limit], trail.count()


def _audit_entry(name: str, row) -> AuditEntry:
    if name == "support_match":  # a pin, hide or clear under a project (ADR 0115)
        return AuditEntry(
            at=row.at,
            kind=name,
            what=f"{row.get_verb_display()}「{row.measure_name}」（{row.project_name}）",
            actor=row.actor,
            region=row.region,
            revision_key=None,
            detail=row.note,
        )
    if name == "support_request":  # not about a revision (ADR 0116)
        return AuditEntry(
            at=row.at,
            kind=name,
            what=f"{row.get_verb_display()}「{row.request}」",
            actor=row.actor,
            region=row.region,
            revision_key=None,
            detail=row.detail,
        )
    key = (row.content_type_id, row.object_id)
    if name == "status":
        old = Status(row.old).label if row.old else "—"
        return AuditEntry(
            at=row.at,
            kind=name,
            what=_("%(old)s → %(new)s") % {"old": old, "new": Status(row.new).label},
            actor=row.actor,
            region=row.region,
            revision_key=key,
            detail=row.comment,
        )
    if name == "comment":
        what = _("審査担当のコメント") if row.by_reviewer else _("リージョンの担当者の返信")
        if row.parent_id:
            what = _("返信（審査担当）") if row.by_reviewer else _("返信（リージョンの担当者）")
        if row.advice_id:  # an answer to a 事前相談, or the editor's follow-up (ADR 0116)
            what = (
                _("事前相談への回答（審査担当）")
                if row.by_reviewer
                else _("事前相談への追記（リージョンの担当者）")
            )
        return AuditEntry(
            at=row.created_at,
            kind=name,
            what=what,
            actor=row.author,
            region=row.region,
            revision_key=key,
            detail=row.body,
        )
    if name == "resolve":
        return AuditEntry(
            at=row.resolved_at,
            kind=name,
            what=_("スレッドを解決済みにした"),
            actor=row.resolved_by,
            region=row.region,
            revision_key=key,
            detail=row.body,
        )
    if name == "advice":
        return AuditEntry(
            at=row.asked_at,
            kind=name,
            what=_("事前相談（リージョンの担当者）"),
            actor=row.asked_by,
            region=row.region,
            revision_key=key,
            detail=row.question,
        )
    what = row.get_decision_display()
    if row.publish_on:
        what = _("%(decision)s（%(day)s に公表予定）") % {
            "decision": what,
            "day": row.publish_on.isoformat(),
        }
    return AuditEntry(
        at=row.at,
        kind=name,
        what=what,
        actor=row.reviewer,
        region=row.region,
        revision_key=key,
        detail=row.comment,
    )
