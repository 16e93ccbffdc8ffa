"""事前相談 on the staff side (ADR 0116), under /staff/<slug>/comments/advice/: the region's
staff read the advice threads of a revision; its editors ask (on a draft) and add to a
thread. Access as for the comments (``accounts.access``): not staff of the region → 404,
anonymous → log-in page, a viewer reads only. Nothing here changes the revision."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import editor_required, staff_required
from reviews.advice import (
    OPEN_FOR_ADVICE,
    AdviceRefused,
    advice_ask,
    advice_comment,
    advice_for_region,
    advice_threads,
)
from reviews.forms import AdviceFollowUpForm, AdviceForm
from reviews.selectors import anchors_of
from staff.views.comments import _region_name, _revision, _staff_revision_url


def _page_url(region, document, number) -> str:
    return reverse("staff_comments:advice", args=[region.slug, document, number])


def _render(request, revision, *, form=None, follow_up=None, status=200):
    region, role = request.staff_region, request.staff_role
    anchors = anchors_of(revision)
    is_open = revision.status in OPEN_FOR_ADVICE
    initial = {"anchor": request.GET.get("anchor", "")}
    threads = advice_threads(revision, anchors)
    follow_up = follow_up or {}
    for thread in threads:  # the form under each thread: the one posted keeps its text
        thread.follow_up_form = follow_up.get(thread.advice.pk) or AdviceFollowUpForm(
            auto_id=f"advice-{thread.advice.pk}-%s"
        )
    return render(
        request,
        "reviews/staff_advice.html",
        {
            "region": region,
            "role": role,
            "revision": revision,
            "document_label": revision.document_label,
            "region_name": _region_name(revision),
            "staff_revision_url": _staff_revision_url(region, revision.document, revision.number),
            "threads": threads,
            "is_open": is_open,
            "can_ask": is_open and role.can_edit,
            "form": form or AdviceForm(anchors=anchors, initial=initial),
        },
        status=status,
    )


@staff_required
def advice_page(request, slug, document, number):
    """The 事前相談 of one revision, and (for an editor, on a draft) the form to ask."""
    return _render(request, _revision(request.staff_region, document, number))


@require_POST
@editor_required
def advice_ask_view(request, slug, document, number):
    region = request.staff_region
    revision = _revision(region, document, number)
    anchors = anchors_of(revision)
    form = AdviceForm(request.POST, anchors=anchors)
    if not form.is_valid():
        return _render(request, revision, form=form, status=400)
    try:
        advice = advice_ask(
            revision=revision,
            actor=request.user,
            question=form.cleaned_data["question"],
            anchor=form.cleaned_data["anchor"],
            valid_anchors=[anchor.path for anchor in anchors],
        )
    except AdviceRefused as refusal:
        form.add_error("question", str(refusal))
        return _render(request, revision, form=form, status=400)
    messages.success(request, _("事前相談を送りました。審査担当にメールで知らせます。"))
    return redirect(f"{_page_url(region, document, number)}#advice-{advice.pk}")


@require_POST
@editor_required
def advice_follow_up(request, slug, document, number, pk):
    region = request.staff_region
    revision = _revision(region, document, number)
    advice = advice_for_region(region, pk)
    if advice is None or (advice.content_type_id, advice.object_id) != (
        _content_type_id(revision),
        revision.pk,
    ):
        raise Http404
    form = AdviceFollowUpForm(request.POST, auto_id=f"advice-{advice.pk}-%s")
    if not form.is_valid():
        return _render(request, revision, follow_up={advice.pk: form}, status=400)
    try:
        advice_comment(
            advice=advice, author=request.user, body=form.cleaned_data["body"], by_reviewer=False
        )
    except AdviceRefused as refusal:
        form.add_error("body", str(refusal))
        return _render(request, revision, follow_up={advice.pk: form}, status=400)
    messages.success(request, _("追記しました。審査担当にメールで知らせます。"))
    return redirect(f"{_page_url(region, document, number)}#advice-{advice.pk}")


def _content_type_id(revision) -> int:
    return ContentType.objects.get_for_model(revision).pk
