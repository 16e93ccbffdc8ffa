"""The region's requests for new support measures (要綱 第5(1), ADR 0116), under
/staff/<slug>/support/requests/: the list with each forwarding's status, a new request, and
one request (its form while a draft: save, or save and 提出; afterwards what was filed and
the reviewers' forwardings with their answers). Thin: the work is
``support.request_services``; access as every staff page (``accounts.access``)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import editor_required, staff_required
from staff.forms.support_requests import SupportRequestForm
from support.request_selectors import region_request, region_requests
from support.request_services import (
    RequestRefused,
    region_project_names,
    request_save,
    request_submit,
)


def _crumbs(region, request=None):
    crumbs = [
        {
            "label": _("新たな支援措置の求め"),
            "url": reverse("staff:support_requests", args=[region.slug]),
        }
    ]
    if request is not None:
        # the title as filed carries lang="ja" on an English page (ADR 0128)
        crumbs.append({"label": str(request), "url": "", "filed": bool(request.title)})
    return crumbs


@staff_required
def support_request_list(request, slug):
    region = request.staff_region
    return render(
        request,
        "staff/support_requests.html",
        {
            "region": region,
            "role": request.staff_role,
            "requests": region_requests(region),
            "crumbs": _crumbs(region),
        },
    )


def _add_problems(form, problems) -> None:
    for name, message in problems:
        form.add_error(name if name in form.fields else None, message)


def version_of(support_request) -> str:
    """What the form carries back: the request's last save (or "new" for a new one)."""
    return support_request.updated_at.isoformat() if support_request is not None else "new"


def _render(request, support_request, form, status=200):
    region = request.staff_region
    return render(
        request,
        "staff/support_request.html",
        {
            "region": region,
            "role": request.staff_role,
            "support_request": support_request,
            "form": form,
            "version": version_of(support_request),
            "crumbs": _crumbs(region, support_request),
        },
        status=status,
    )


def _save_and_maybe_submit(request, support_request):
    """POST of the form: save the draft (lenient), then 提出 when asked (strict)."""
    region = request.staff_region
    form = SupportRequestForm(
        request.POST, project_names=region_project_names(region), request=support_request
    )
    if not form.is_valid():
        return _render(request, support_request, form, status=400)
    if request.POST.get("version") != version_of(support_request):
        # Not this page's form as it was opened: another save came first (or no form at all).
        messages.error(
            request,
            _(
                "開いた後に別の人がこの求めを保存しました（又は画面の古いフォームです）。"
                "入力した内容は画面に残しています。保存されている内容を確かめてから、"
                "もう一度保存してください。"
            ),
        )
        return _render(request, support_request, form, status=409)
    try:
        saved = request_save(
            region=region, actor=request.user, data=form.to_input(), request=support_request
        )
    except RequestRefused as refused:
        _add_problems(form, refused.problems)
        return _render(request, support_request, form, status=400)
    url = reverse("staff:support_request", args=[region.slug, saved.pk])
    if "submit" not in request.POST:
        messages.success(request, _("下書きを保存しました。"))
        return redirect(url)
    try:
        request_submit(request=saved, actor=request.user)
    except RequestRefused as refused:
        _add_problems(form, refused.problems)
        messages.error(
            request,
            _("保存しました。足りない点が %(count)d 件あるため提出できません。")
            % {"count": len(refused.problems)},
        )
        return _render(request, saved, form, status=400)
    messages.success(request, _("提出しました。総務省の審査担当にメールで知らせます。"))
    return redirect(url)


@editor_required
def support_request_new(request, slug):
    """A new request (editors): the empty form (GET), or its first save (POST)."""
    if request.method == "POST":
        return _save_and_maybe_submit(request, None)
    form = SupportRequestForm(project_names=region_project_names(request.staff_region))
    return _render(request, None, form)


@staff_required
def support_request_detail(request, slug, pk):
    """One request: its form while it is a draft (editors), else what was filed, and the
    forwardings (検討依頼) with their status and answers."""
    region = request.staff_region
    support_request = region_request(region, pk)
    if support_request is None:
        raise Http404
    if request.method == "POST":
        if not support_request.is_draft:
            messages.error(request, _("提出した求めは変更できません。"))
            return redirect("staff:support_request", slug=slug, pk=support_request.pk)
        return _save_and_maybe_submit(request, support_request)
    form = None
    if support_request.is_draft and request.staff_role.can_edit:
        form = SupportRequestForm(
            project_names=region_project_names(region), request=support_request
        )
    return _render(request, support_request, form)
