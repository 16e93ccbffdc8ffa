"""The 受付票 of a 送付 (ADR 0094): its 受付番号, when and by whom it was sent, and the frozen
PDFs and the attachments (ADR 0119) that went with it, with their SHA-256; printable. Only the region's staff may read it
(``staff_required``: others get 404, anonymous users the log-in page).

``submissions_context`` gives the revision pages their list of 送付 with the receipt links,
and the PDFs of the revision (the frozen copies, or the draft preview).
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.access import staff_required
from attachments.selectors import sent_attachments
from documents.models import FrozenDocument, Kind
from documents.selectors import (
    MADE,
    build_state,
    build_status_of,
    documents_for,
    submission_documents,
)
from documents.views import frozen_pdf_response, not_made_yet
from reviews.models import Submission
from reviews.selectors import submission_of, submissions_of
from staff.anchors import receipt_url, revision_url
from staff.views.verbs import document_revision


def sender_name(submission: Submission) -> str:
    """Who sent it: the name, else the user name; a 送付 not made on a page says so."""
    user = submission.actor
    if user is None:
        return _("（画面を通らない操作による送付）")
    # 姓 名, as the page header names the user (includes/user_name.html), not Django's
    # get_full_name (名 姓)
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


@dataclass(frozen=True)
class ReceiptDocument:
    """One PDF of a 送付 as the receipt lists it."""

    kind: str
    title: str
    frozen: FrozenDocument | None  # None: not made yet, or a 送付 from before PDFs were kept
    url: str
    state: str = MADE  # made | making (作成中) | failed (作成に失敗) | missing (never kept)

    @property
    def is_making(self) -> bool:
        return self.state == "making"

    @property
    def is_failed(self) -> bool:
        return self.state == "failed"


def _receipt_documents(revision, submission: Submission) -> list[ReceiptDocument]:
    rows = submission_documents(revision, submission.submitted_at)
    status = None
    if set(rows) != set(Kind.values):
        status = build_status_of(revision, submission.submitted_at)
    documents = []
    for kind in Kind.values:
        frozen = rows.get(kind)
        state = build_state(status, frozen is not None) if status or frozen else "missing"
        label = str(revision.document_label)
        title = label if kind == Kind.DOCUMENT else f"{Kind.COVER.label}（{label}）"
        url = reverse(
            f"staff:{revision.document}_receipt_pdf",
            kwargs={
                "slug": revision.region.slug,
                "number": revision.number,
                "sequence": submission.sequence,
                "kind": kind,
            },
        )
        documents.append(ReceiptDocument(kind, title, frozen, url, state))
    return documents


def _submission_or_404(request, document, number, sequence):
    revision = document_revision(request.staff_region, document, number)
    submission = submission_of(revision, sequence)
    if submission is None:
        raise Http404
    return revision, submission


@require_safe
@staff_required
def receipt(request, slug, document, number, sequence):
    """受付票: the receipt of the ``sequence``-th 送付 of a revision."""
    revision, submission = _submission_or_404(request, document, number, sequence)
    count = submissions_of(revision).count()
    return render(
        request,
        "staff/receipt.html",
        {
            "region": request.staff_region,
            "revision": revision,
            "submission": submission,
            "sender": sender_name(submission),
            "documents": _receipt_documents(revision, submission),
            # What the 送付 recorded of its attachments (ADR 0119), with their hashes.
            "attachments": list(sent_attachments(revision, submission.submitted_at)),
            "is_latest": submission.sequence == count,
            "crumbs": [
                # the region is the crumb before: its name is not repeated (ADR 0128)
                {"label": _revision_crumb(revision), "url": revision_url(revision)},
                {"label": _("受付票（%(label)s）") % {"label": submission.label}},
            ],
        },
    )


def _revision_crumb(revision) -> str:
    """「連携宣言書 第2版」, as the revision's own page names itself in the breadcrumbs."""
    if revision.document == "vision":
        return _("連携ビジョン 第%(number)d版") % {"number": revision.number}
    return _("連携宣言書 第%(number)d版") % {"number": revision.number}


@require_safe
@staff_required
def receipt_pdf(request, slug, document, number, sequence, kind):
    """A PDF of that 送付: the bytes stored when it was sent, checked against their SHA-256.
    A GET makes nothing: until the worker has made it, 「作成中」 (503, ``not_made_yet``); a
    送付 from before PDFs were kept has none here (404; the receipt says so)."""
    if kind not in Kind.values:
        raise Http404
    revision, submission = _submission_or_404(request, document, number, sequence)
    frozen = submission_documents(revision, submission.submitted_at).get(kind)
    if frozen is None:
        if build_status_of(revision, submission.submitted_at) is None:
            raise Http404
        return not_made_yet(request, revision, submission.submitted_at)
    return frozen_pdf_response(request, revision, frozen)


def submissions_context(revision) -> dict:
    """What the revision pages show of the 送付 (``staff/includes/submissions.html``): each
    送付 with its receipt link, and the revision's PDFs (frozen with their hashes, or the
    draft preview)."""
    submissions = [
        {"submission": row, "url": receipt_url(revision, row.sequence), "sender": sender_name(row)}
        for row in submissions_of(revision).defer("snapshot")
    ]
    return {"submissions": submissions, "revision_documents": documents_for(revision)}
