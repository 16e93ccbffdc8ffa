"""The region staff read the reviewers' comments and decisions on their revisions, and
answer a thread (editors). Access follows the staff convention of ``accounts.access``
(``staff_required`` for the read pages, ``editor_required`` for the reply): anonymous
users go to the log-in page, someone who is not staff of the region gets 404, a viewer may
read but not answer."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import editor_required, staff_required
from reviews.forms import ReplyForm
from reviews.selectors import commented_revisions
from reviews.services import CommentRefused, ReplyTargetMissing, reply_post
from visions.selectors import paired_declaration
from workflow.registry import UnknownDocument, document_kind


def _revision(region, document: str, number: int):
    """A revision of the region's document by number (any status), or 404."""
    try:
        revision = document_kind(document).revision_of(region, number)
    except UnknownDocument:
        raise Http404 from None
    if revision is None:
        raise Http404
    return revision


@staff_required
def comment_index(request, slug):
    """Every revision of the region that has comments or decisions."""
    region, role = request.staff_region, request.staff_role
    return render(
        request,
        "reviews/staff_index.html",
        {"region": region, "role": role, "items": commented_revisions(region)},
    )


@staff_required
def revision_threads(request, slug, document, number):
    region, role = request.staff_region, request.staff_role
    revision = _revision(region, document, number)
    return render(
        request,
        "reviews/staff_threads.html",
        {
            "region": region,
            "role": role,
            "revision": revision,
            "document_label": revision.document_label,
            "region_name": _region_name(revision),
            "staff_revision_url": _staff_revision_url(region, document, number),
        },
    )


def _region_name(revision) -> str:
    if revision.document == "declaration":
        return revision.region_name
    declaration = paired_declaration(revision)
    return declaration.region_name if declaration is not None else ""


def _staff_revision_url(region, document: str, number: int) -> str:
    """The staff forms' page of the revision (``staff:declaration`` / ``staff:vision``)."""
    try:
        return reverse(f"staff:{document}", args=[region.slug, number])
    except NoReverseMatch:
        return ""


def _next_url(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_POST
@editor_required
def thread_reply(request, slug, document, number):
    """An editor of the region answers a thread."""
    region = request.staff_region
    revision = _revision(region, document, number)
    default = reverse("staff_comments:revision", args=[region.slug, document, number])
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("返信を入力してください（10,000文字以内）。"))
        return redirect(_next_url(request, default))
    try:
        reply = reply_post(
            revision=revision,
            author=request.user,
            body=form.cleaned_data["body"],
            parent_id=form.cleaned_data["parent"],
            by_reviewer=False,
        )
    except ReplyTargetMissing:
        raise Http404 from None
    except CommentRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(_next_url(request, default))
    messages.success(request, _("返信しました。審査担当にメールで知らせます。"))
    return redirect(f"{_next_url(request, default)}#thread-{reply.parent_id}")
