"""The reviewers' pages inside the admin: the queue, one revision, the overview and the
audit trail, and the POST endpoints of the verbs (comment, resolve, return, accept).

Every page is wrapped by ``admin.site.admin_view`` (``ReviewAdmin.get_urls``), so a user
who is not admin staff is sent to the admin log-in; each view then checks the one
permission it needs and answers 403 without it. The verbs call the services and turn
their refusals into messages (STYLE.md §7): nothing here writes a model itself.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from declarations.selectors import master_data
from declarations.services import TransitionNotAllowed
from filing.rules.declaration import local_government_area
from ministry import selectors
from ministry.admin_site import REVIEW_READ_PERMISSIONS
from ministry.audit import AuditTrail, audit_kinds
from ministry.coverage_map import coverage_map
from ministry.forms import (
    AcceptForm,
    AuditFilterForm,
    QueueFilterForm,
    ReturnForm,
)
from ministry.presentation import declaration_content, diff_view, vision_content
from reports.selectors import submitted_verifications
from reviews import selectors as review_selectors
from reviews.forms import CommentForm, ReplyForm
from reviews.models import Comment
from reviews.services import (
    OPEN_FOR_REVIEWER_COMMENTS,
    CommentRefused,
    ReplyTargetMissing,
    comment_post,
    reply_post,
    thread_resolve,
)
from visions.selectors import paired_declaration
from web.pages import paginate
from workflow.verbs import CommentRequired, revision_accept, revision_return

QUEUE_PAGE_SIZE = 50
AUDIT_PAGE_SIZE = 100

# What a reviewer needs to read the review pages (the reviewer group has these).
READ_PERMISSIONS = REVIEW_READ_PERMISSIONS


def _require(request, *permissions):
    if not request.user.has_perms(permissions):
        raise PermissionDenied


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, **extra}


def queue(request):
    """審査待ち一覧: submitted revisions (by default) of both documents, oldest first."""
    _require(request, *READ_PERMISSIONS)
    form = QueueFilterForm(request.GET)
    filters = form.filters()
    master = master_data()
    rows = selectors.review_queue(**filters, master=master)
    page = paginate(rows, QUEUE_PAGE_SIZE, request.GET.get("p"))
    selectors.with_findings(list(page.object_list), master=master)
    selectors.with_submissions(list(page.object_list))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "admin/reviews/queue.html",
        _context(
            request,
            _("審査待ち一覧"),
            form=form,
            filters=filters,
            page=page,
            rows=page.object_list,
            total=len(rows),
            query_string=query.urlencode(),
            prefecture_names=master.prefectures,
        ),
    )


def _revision_or_404(document: str, pk: int):
    revision = selectors.reviewable_revision(document, pk)
    if revision is None:
        raise Http404
    return revision


def _published_diff(revision, master):
    previous = selectors.previous_published(revision)
    if previous is None:
        return {"previous": None, "diff": None}
    old, new = selectors.filing_of(previous), selectors.filing_of(revision)
    if old is None or new is None:
        return {"previous": previous, "diff": None}
    return {"previous": previous, "diff": diff_view(old, new, revision.document, master)}


def _diff_context(revision, master):
    """The diff against the last published revision and, for a resubmission, against the
    returned 送付 before it (ADR 0094), both through ``filing.diff``."""
    submissions = selectors.submissions_compared(revision)
    old = selectors.snapshot_filing(submissions.previous)
    new = selectors.snapshot_filing(submissions.current)
    returned_diff = None
    if old is not None and new is not None:
        returned_diff = diff_view(old, new, revision.document, master)
    return {
        **_published_diff(revision, master),
        "submission": submissions.current,
        "returned_submission": submissions.previous,
        "returned_diff": returned_diff,
    }


def _stored_documents(revision):
    """The PDFs stored for this revision (issue 7), when that piece exists."""
    try:
        from documents.selectors import documents_for
    except ImportError:
        return []
    return list(documents_for(revision))


def revision_page(request, document, pk, *, forms=None, status=200):
    """One revision, read-only, as the document reads; the checklist, the diff, the
    comments and the verbs."""
    _require(request, *READ_PERMISSIONS)
    revision = _revision_or_404(document, pk)
    master = master_data()
    anchors = review_selectors.anchors_of(revision)
    findings = selectors.findings_of([revision], master=master)[(document, revision.pk)]
    by_anchor = selectors.findings_by_anchor(findings, anchors)
    declaration = revision if document == "declaration" else paired_declaration(revision)
    if document == "declaration":
        content = declaration_content(revision, master, by_anchor, anchors)
    else:
        content = vision_content(revision, declaration, by_anchor, anchors)
    area = ()
    if declaration is not None:
        codes = local_government_area(selectors.filing_of(declaration).members, master).prefectures
        area = [master.prefectures[code] for code in sorted(codes)]
    user = request.user
    forms = forms or {}
    verbs = revision.available_verbs  # from the one transition table
    title = (
        revision.label
        if declaration is revision
        else _("%(region)s %(document)s 第%(number)d版")
        % {
            "region": (declaration.region_name if declaration is not None else "")
            or revision.region.slug,
            "document": revision.document_label,
            "number": revision.number,
        }
    )
    context = _context(
        request,
        title,
        revision=revision,
        document=document,
        document_label=selectors.document_label(document),
        declaration=declaration,
        region_name=declaration.region_name if declaration is not None else "",
        area=area,
        content=content,
        anchors=anchors,
        findings=findings,
        errors=sum(1 for f in findings if f.is_error),
        warnings=sum(1 for f in findings if not f.is_error),
        general_findings=by_anchor.get("", []),
        checklist=selectors.checklist(document, findings),
        threads=review_selectors.threads_of(revision, anchors),
        reviews=list(review_selectors.reviews_of(revision)),
        history=list(review_selectors.status_changes_of(revision)),
        stored_documents=_stored_documents(revision),
        can_comment=user.has_perm("reviews.add_comment"),
        can_open_thread=user.has_perm("reviews.add_comment")
        and revision.status in OPEN_FOR_REVIEWER_COMMENTS,
        can_resolve=user.has_perm("reviews.resolve_comment"),
        can_return="return" in verbs and user.has_perm("reviews.return_revision"),
        can_accept="accept" in verbs and user.has_perm("reviews.accept_revision"),
        awaits_decision=bool({"return", "accept"} & set(verbs)),
        comment_form=forms.get("comment")
        or CommentForm(anchors=anchors, initial={"anchor": request.GET.get("anchor", "")}),
        reply_form_errors=forms.get("reply"),
        return_form=forms.get("return") or ReturnForm(),
        accept_form=forms.get("accept") or AcceptForm(),
        **_diff_context(revision, master),
    )
    return TemplateResponse(request, "admin/reviews/revision.html", context, status=status)


def _back(document, pk, fragment=""):
    url = reverse("admin:reviews_revision", args=[document, pk])
    return redirect(f"{url}#{fragment}" if fragment else url)


@require_POST
def revision_comment(request, document, pk):
    """A reviewer opens a thread, or replies in one (``parent``)."""
    _require(request, *READ_PERMISSIONS, "reviews.add_comment")
    revision = _revision_or_404(document, pk)
    anchors = review_selectors.anchors_of(revision)
    if request.POST.get("parent"):
        form = ReplyForm(request.POST)
        if not form.is_valid():
            return revision_page(request, document, pk, forms={"reply": form.errors}, status=400)
        try:
            reply = reply_post(
                revision=revision,
                author=request.user,
                body=form.cleaned_data["body"],
                parent_id=form.cleaned_data["parent"],
                by_reviewer=True,
            )
        except ReplyTargetMissing:
            raise Http404 from None
        except CommentRefused as refusal:
            messages.error(request, str(refusal))
            return _back(document, pk)
        messages.success(request, _("返信しました。"))
        return _back(document, pk, f"thread-{reply.parent_id}")
    form = CommentForm(request.POST, anchors=anchors)
    if not form.is_valid():
        return revision_page(request, document, pk, forms={"comment": form}, status=400)
    try:
        comment = comment_post(
            revision=revision,
            author=request.user,
            body=form.cleaned_data["body"],
            anchor=form.cleaned_data["anchor"],
            by_reviewer=True,
            valid_anchors=[a.path for a in anchors],
        )
    except CommentRefused as refusal:
        form.add_error(None, str(refusal))
        messages.error(request, str(refusal))
        return revision_page(request, document, pk, forms={"comment": form}, status=400)
    messages.success(request, _("コメントを付けました。リージョンの編集者にメールで知らせます。"))
    return _back(document, pk, f"thread-{comment.pk}")


@require_POST
def comment_resolve(request, pk):
    _require(request, *READ_PERMISSIONS, "reviews.resolve_comment")
    comment = get_object_or_404(Comment, pk=pk)
    revision = comment.revision
    if revision is None or selectors.reviewable_revision(revision.document, revision.pk) is None:
        raise Http404
    try:
        thread_resolve(comment=comment, actor=request.user)
    except CommentRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("スレッドを解決済みにしました。"))
    return _back(revision.document, revision.pk, f"thread-{comment.parent_id or comment.pk}")


@require_POST
def revision_return_view(request, document, pk):
    """差戻し: a comment is required."""
    _require(request, *READ_PERMISSIONS, "reviews.return_revision")
    revision = _revision_or_404(document, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return revision_page(request, document, pk, forms={"return": form}, status=400)
    try:
        revision_return(revision=revision, actor=request.user, comment=form.cleaned_data["comment"])
    except CommentRequired as refusal:
        form.add_error("comment", str(refusal))
        return revision_page(request, document, pk, forms={"return": form}, status=400)
    except TransitionNotAllowed as refusal:
        messages.error(request, str(refusal))
        return _back(document, pk)
    messages.success(request, _("差し戻しました。リージョンの編集者にメールで知らせます。"))
    return _back(document, pk)


@require_POST
def revision_accept_view(request, document, pk):
    """受理: publish now, or on the date given."""
    _require(request, *READ_PERMISSIONS, "reviews.accept_revision")
    revision = _revision_or_404(document, pk)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        return revision_page(request, document, pk, forms={"accept": form}, status=400)
    publish_on = form.cleaned_data["publish_on"]
    try:
        acceptance = revision_accept(
            revision=revision,
            actor=request.user,
            comment=form.cleaned_data["comment"].strip(),
            publish_on=publish_on,
        )
    except TransitionNotAllowed as refusal:
        messages.error(request, str(refusal))
        return _back(document, pk)
    if acceptance.published:
        messages.success(request, _("受理し、公表しました。"))
    else:
        messages.success(
            request,
            _("受理しました。%(day)s に公表します。") % {"day": acceptance.publish_on.isoformat()},
        )
    return _back(document, pk)


def overview(request):
    """概況: counts by status, prefectures by region, overdue verifications, 年度 whose
    results have not come, projects ending."""
    _require(request, *READ_PERMISSIONS)
    master = master_data()
    visions = selectors.current_published_visions()
    coverage = selectors.prefecture_coverage(master)
    return TemplateResponse(
        request,
        "admin/reviews/overview.html",
        _context(
            request,
            _("審査の概況"),
            counts=selectors.status_counts(),
            coverage=coverage,
            overdue=selectors.overdue_verifications(visions, master=master),
            missing_results=selectors.missing_result_rows(),
            result_reminder_days=settings.RESULT_REMINDER_DAYS,
            verifications=submitted_verifications(),
            ending=selectors.projects_ending_soon(visions),
            map_svg=coverage_map(coverage),
        ),
    )


def audit(request):
    """監査記録: every status change, comment, resolution and decision, newest first."""
    _require(
        request,
        *READ_PERMISSIONS,
        "declarations.view_statuschange",
        "reviews.view_comment",
        "reviews.view_review",
    )
    kinds = audit_kinds()
    form = AuditFilterForm(request.GET, kinds=kinds)
    filters = form.filters()
    page = paginate(AuditTrail(**filters), AUDIT_PAGE_SIZE, request.GET.get("p"))
    number, pages, total = page.number, page.paginator.num_pages, page.paginator.count
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "admin/reviews/audit.html",
        _context(
            request,
            _("監査記録"),
            form=form,
            entries=page.object_list,
            kinds=kinds,
            total=total,
            number=number,
            pages=pages,
            previous_page=number - 1 if number > 1 else None,
            next_page=number + 1 if number < pages else None,
            query_string=query.urlencode(),
        ),
    )
