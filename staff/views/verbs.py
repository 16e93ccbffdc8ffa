"""What the region staff do to either document: create it, submit a draft, reopen a
returned revision, start a change or an abolition.

One view per verb serves both documents; the URL names the document (``staff.urls`` passes
``document="declaration"`` or ``"vision"``) and the document table
(``workflow.registry``) gives its model, its services and its names.
"""

import logging

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import editor_required
from declarations.lifecycle import FrozenRevisionError
from declarations.services import RevisionNotStarted, TransitionNotAllowed
from reviews.selectors import submissions_of
from staff.anchors import receipt_url, revision_url
from staff.forms.declarations import AbolitionForm
from workflow.registry import DocumentKind, document_kind
from workflow.revisions import revision_start, revision_start_abolition, revision_start_change
from workflow.verbs import SubmissionRefused, revision_reopen, revision_submit

logger = logging.getLogger(__name__)


def document_revision(region, document: str, number: int):
    """The region's revision ``number`` of ``document`` (any status), or 404."""
    kind = document_kind(document)
    return get_object_or_404(
        kind.revisions_of(region).select_related(f"{kind.parent}__region"), number=number
    )


def _to_region(slug: str):
    return redirect("staff:region", slug=slug)


# ---------------------------------------------------------------- the first revision


@require_POST
@editor_required
def new(request, slug, document):
    """連携宣言書・連携ビジョンを作成する: revision 1, a draft (策定)."""
    kind = document_kind(document)
    try:
        revision = revision_start(
            region=request.staff_region, document=kind.code, actor=request.user
        )
    except RevisionNotStarted as error:
        messages.error(request, str(error))
        return _to_region(slug)
    except IntegrityError:
        messages.error(
            request, _("%(document)sはすでに作成されています。") % {"document": kind.label}
        )
        return _to_region(slug)
    messages.success(
        request, _("%(document)s 第1版の作成を始めました。") % {"document": kind.label}
    )
    return redirect(revision_url(revision))


# ---------------------------------------------------------------- submit and reopen


def acknowledged_warnings(post) -> set[tuple[str, str]]:
    pairs = set()
    for value in post.getlist("acknowledge"):
        code, sep, path = str(value).partition("|")
        if sep:
            pairs.add((code, path))
    return pairs


def _submitted(request, revision, *, saved: bool = False) -> str | None:
    """送付 from a staff page: the version the editor saw (``saved``: the edit form was just
    saved, ADR 0095), every warning acknowledged.
    Returns the 受付票 of the 送付 made (ADR 0094), or ``None`` when nothing was sent."""
    if not saved and str(revision.version) != request.POST.get("version", ""):
        messages.error(
            request,
            _(
                "送付の前に、この版が保存し直されました。チェックリストを確かめてから、もう一度送付してください。"
            ),
        )
        return
    try:
        revision_submit(
            revision=revision, actor=request.user, acknowledged=acknowledged_warnings(request.POST)
        )
    except SubmissionRefused as refused:
        errors = sum(1 for f in refused.findings if f.is_error)
        if errors:
            message = _("エラーが %(count)d 件残っているため送付できません。") % {"count": errors}
        else:
            message = _(
                "確認していない警告が %(count)d 件あります。警告をすべて確認してから送付してください。"
            ) % {"count": len(refused.findings)}
        messages.error(request, message)
    except (TransitionNotAllowed, FrozenRevisionError) as error:
        messages.error(request, str(error))
    else:
        sent = submissions_of(revision).defer("snapshot").last()
        messages.success(
            request,
            _(
                "%(document)s 第%(number)d版を総務省へ送付しました（%(label)s、受付番号 %(receipt)s）。"
                "審査担当にメールで通知しました。この受付票は印刷して保存できます。"
            )
            % {
                "document": revision.document_label,
                "number": revision.number,
                "label": sent.label,
                "receipt": sent.receipt_number,
            },
        )
        return receipt_url(revision, sent.sequence)
    return None


def submit_saved(request, revision) -> str:
    """送付 pressed in the edit form (the button belongs to it): the form was saved first by
    the page's view; where to go next (the 受付票, or the 送付 panel with the refusal)."""
    return _submitted(request, revision, saved=True) or revision_url(revision, "submit")


@require_POST
@editor_required
def submit(request, slug, document, number):
    revision = document_revision(request.staff_region, document, number)
    receipt = _submitted(request, revision)
    return redirect(receipt or revision_url(revision, "submit"))


@require_POST
@editor_required
def reopen(request, slug, document, number):
    revision = document_revision(request.staff_region, document, number)
    try:
        revision_reopen(revision=revision, actor=request.user)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("差し戻された版の編集を再開しました。直してから、もう一度送付してください。")
        )
    return redirect(revision_url(revision))


# ---------------------------------------------------------------- change and abolition


def _start(request, slug, kind: DocumentKind, start, *, success: str):
    """Run a service that starts a new draft revision (change, abolition); a refusal or a
    race with another editor becomes a message on the region page."""
    try:
        revision = start()
    except RevisionNotStarted as error:
        messages.error(request, str(error))
        return _to_region(slug)
    except IntegrityError:
        messages.error(
            request, _("ほかの人が同時に新しい版を作成しました。ページを開き直してください。")
        )
        return _to_region(slug)
    messages.success(request, success % {"document": kind.label, "number": revision.number})
    return redirect(revision_url(revision))


@require_POST
@editor_required
def change(request, slug, document):
    """連携宣言・連携ビジョンの変更: a new draft pre-filled from the latest published revision."""
    kind = document_kind(document)
    return _start(
        request,
        slug,
        kind,
        lambda: revision_start_change(
            region=request.staff_region, document=kind.code, actor=request.user
        ),
        success=_("公表中の版をもとに、%(document)s 第%(number)d版（変更）を作成しました。"),
    )


@editor_required
def abolish(request, slug, document):
    """廃止: the reason and the 協議 date, then a draft (廃止) to submit."""
    kind = document_kind(document)
    form = AbolitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _start(
            request,
            slug,
            kind,
            lambda: revision_start_abolition(
                document=kind.code,
                region=request.staff_region,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                consulted_on=form.cleaned_data["consulted_on"],
                consultation_body=form.cleaned_data["consultation_body"],
            ),
            success=_(
                "%(document)s 第%(number)d版（廃止）を作成しました。内容を確かめて送付してください。"
            ),
        )
    return render(
        request,
        "staff/abolish.html",
        {
            "region": request.staff_region,
            "form": form,
            "document": kind.act,
            "clause": kind.succession_clause,
            "crumbs": [{"label": _("%(document)sの廃止") % {"document": kind.act}}],
            "action": reverse(f"staff:{kind.code}_abolish", kwargs={"slug": slug}),
        },
    )
