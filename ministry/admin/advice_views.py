"""The reviewers' 事前相談 pages (ADR 0116), apart from the submissions: their own queue and
the answer page, where the draft reads as on the review page (``ministry.presentation``)
with the thread beside it and a form to answer, optionally on an item.

Wrapped by ``admin.site.admin_view`` (``AdviceRequestAdmin.get_urls``); each view checks
the permissions it needs (403 without them). Nothing here changes the revision: the answer
is one ``Comment`` written by ``reviews.advice.advice_comment``.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from declarations.selectors import master_data
from filing.rules.declaration import local_government_area
from ministry import selectors
from ministry.admin.views import READ_PERMISSIONS, _context, _require
from ministry.presentation import declaration_content, vision_content
from reviews import selectors as review_selectors
from reviews.advice import (
    OPEN_FOR_ADVICE,
    AdviceRefused,
    advice_by_id,
    advice_comment,
    advice_queue,
    advice_threads,
)
from reviews.forms import AdviceAnswerForm
from visions.selectors import paired_declaration
from web.pages import paginate

ADVICE_READ = (*READ_PERMISSIONS, "reviews.view_advicerequest")
QUEUE_PAGE_SIZE = 50
STATES = {
    "": gettext_lazy("すべて"),
    "open": gettext_lazy("回答待ち"),
    "answered": gettext_lazy("回答あり"),
}


def advice_queue_page(request):
    """事前相談の一覧: every question, newest first; ``?state=open`` the unanswered ones."""
    _require(request, *ADVICE_READ)
    state = request.GET.get("state", "")
    state = state if state in STATES else ""
    page = paginate(advice_queue(state=state), QUEUE_PAGE_SIZE, request.GET.get("p"))
    rows = list(page.object_list)
    revisions = review_selectors.revisions_by_key(
        (row.content_type_id, row.object_id) for row in rows
    )
    for row in rows:
        row.draft = revisions.get((row.content_type_id, row.object_id))
    return TemplateResponse(
        request,
        "admin/reviews/advice_queue.html",
        _context(
            request,
            _("事前相談の一覧"),
            rows=rows,
            page=page,
            state=state,
            states=STATES,
            query_string=f"state={state}" if state else "",
            total=page.paginator.count,
        ),
    )


def _advice_or_404(pk):
    advice = advice_by_id(pk)
    if advice is None:
        raise Http404
    revision = selectors.advised_revision(advice)
    if revision is None:
        raise Http404
    return advice, revision


def advice_answer_page(request, pk, *, form=None, status=200):
    """One 事前相談: the draft as the document reads, the thread, and the answer form."""
    _require(request, *ADVICE_READ)
    advice, revision = _advice_or_404(pk)
    master = master_data()
    anchors = review_selectors.anchors_of(revision)
    findings = selectors.findings_of([revision], master=master)[(revision.document, revision.pk)]
    by_anchor = selectors.findings_by_anchor(findings, anchors)
    declaration = revision if revision.document == "declaration" else paired_declaration(revision)
    if revision.document == "declaration":
        content = declaration_content(revision, master, by_anchor, anchors)
    else:
        content = vision_content(revision, declaration, by_anchor, anchors)
    area = ()
    if declaration is not None:
        codes = local_government_area(selectors.filing_of(declaration).members, master).prefectures
        area = [master.prefectures[code] for code in sorted(codes)]
    threads = advice_threads(revision, anchors)
    thread = next(t for t in threads if t.advice.pk == advice.pk)
    can_answer = revision.status in OPEN_FOR_ADVICE and request.user.has_perm("reviews.add_comment")
    initial = {"anchor": request.GET.get("anchor", advice.anchor)}
    region_name = declaration.region_name if declaration is not None else ""
    title = _("事前相談: %(region)s %(document)s 第%(number)d版") % {
        "region": region_name or revision.region.slug,
        "document": revision.document_label,
        "number": revision.number,
    }
    return TemplateResponse(
        request,
        "admin/reviews/advice_answer.html",
        _context(
            request,
            title,
            advice=advice,
            thread=thread,
            other_threads=[t for t in threads if t.advice.pk != advice.pk],
            revision=revision,
            document=revision.document,
            document_label=revision.document_label,
            declaration=declaration,
            region_name=region_name,
            area=area,
            content=content,
            anchors=anchors,
            general_findings=by_anchor.get("", []),
            can_answer=can_answer,
            answer_link=can_answer,  # the items' links 「この項目について回答」
            answer_form=form or AdviceAnswerForm(anchors=anchors, initial=initial),
        ),
        status=status,
    )


@require_POST
def advice_answer(request, pk):
    """A reviewer answers a 事前相談 (one ``Comment`` with ``advice`` set)."""
    _require(request, *ADVICE_READ, "reviews.add_comment")
    advice, revision = _advice_or_404(pk)
    anchors = review_selectors.anchors_of(revision)
    form = AdviceAnswerForm(request.POST, anchors=anchors)
    if not form.is_valid():
        return advice_answer_page(request, pk, form=form, status=400)
    try:
        advice_comment(
            advice=advice,
            author=request.user,
            body=form.cleaned_data["body"],
            by_reviewer=True,
            anchor=form.cleaned_data["anchor"],
            valid_anchors=[anchor.path for anchor in anchors],
        )
    except AdviceRefused as refusal:
        form.add_error("body", str(refusal))
        return advice_answer_page(request, pk, form=form, status=400)
    messages.success(request, _("回答しました。リージョンの編集者にメールで知らせます。"))
    url = reverse("admin:reviews_advice_answer", args=[advice.pk])
    return redirect(f"{url}#advice-{advice.pk}")
