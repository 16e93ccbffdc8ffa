"""The region's 検証 records (第4(3), ADR 0105): the list, a new one, the edit page (save,
送付), reopening a returned one and starting the vision change a verification concludes.
Thin: the work is ``reports.services`` and ``workflow.verifications``."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import editor_required, staff_required
from declarations.lifecycle import FrozenRevisionError
from declarations.services import DraftConflict, RevisionNotStarted, TransitionNotAllowed
from reports.selectors import (
    current_published_vision,
    open_verification,
    verification_loaded,
    verifications_of,
)
from reports.services import (
    VerificationRefused,
    verification_create,
    verification_findings,
    verification_reopen,
    verification_save,
    verification_submit,
)
from staff.forms.verifications import VerificationForm
from workflow.verifications import verification_start_change

# Where a finding's path leads on the edit page.
FIELD_OF_PATH = {
    "period_start": "id_period_start",
    "period_end": "id_period_end",
    "verified_on": "id_verified_on",
    "conclusion": "id_conclusion",
    "consulted_on": "id_consulted_on",
    "summary": "id_summary",
}


def _crumbs(region, verification=None):
    from django.urls import reverse

    crumbs = [
        {
            "label": _("連携ビジョンの検証"),
            "url": reverse("staff:verifications", args=[region.slug]),
        }
    ]
    if verification is not None:
        crumbs.append({"label": _("第%(number)d回") % {"number": verification.number}, "url": ""})
    return crumbs


@staff_required
def verification_list(request, slug):
    """The region's verifications and, for an editor, 「検証を始める」."""
    region = request.staff_region
    vision = current_published_vision(region)
    verifications = list(verifications_of(region))
    open_one = open_verification(vision.vision) if vision is not None else None
    return render(
        request,
        "staff/verifications.html",
        {
            "region": region,
            "role": request.staff_role,
            "vision": vision,
            "verifications": verifications,
            "open_verification": open_one,
            "may_start": request.staff_role.can_edit and vision is not None and open_one is None,
            "crumbs": _crumbs(region),
        },
    )


@require_POST
@editor_required
def verification_new(request, slug):
    try:
        verification = verification_create(region=request.staff_region, actor=request.user)
    except (RevisionNotStarted, IntegrityError) as error:
        messages.error(
            request,
            str(error)
            if isinstance(error, RevisionNotStarted)
            else _("検証を始められませんでした。"),
        )
        return redirect("staff:verifications", slug=slug)
    messages.success(
        request, _("第%(number)d回の検証の作成を始めました。") % {"number": verification.number}
    )
    return redirect(verification.get_absolute_url())


def _verification(region, number):
    found = get_object_or_404(
        verifications_of(region).select_related(None).values_list("pk", flat=True),
        number=number,
    )
    return verification_loaded(found)


def _findings(verification):
    findings = verification_findings(verification)
    items = []
    for finding in findings:
        target = FIELD_OF_PATH.get(finding.path)
        if target is None and finding.path.startswith("assessments["):
            index = int(finding.path[len("assessments[") : -1])
            assessments = list(verification.assessments.all())
            target = f"assessment-{assessments[index].pk}" if index < len(assessments) else ""
        items.append({"finding": finding, "href": f"#{target}" if target else ""})
    return items


@staff_required
def verification_detail(request, slug, number):
    """The verification's page: the form while it is a draft (editors), else its content."""
    region = request.staff_region
    verification = _verification(region, number)
    editable = verification.is_editable and request.staff_role.can_edit
    form = VerificationForm(verification=verification) if editable else None
    if request.method == "POST":
        if not verification.is_editable:
            messages.error(request, str(FrozenRevisionError(verification)))
            return redirect(verification.get_absolute_url())
        form = VerificationForm(request.POST, verification=verification)
        if form.is_valid():
            saved = _save(request, verification, form)
            if saved:
                if "submit" in request.POST:
                    _submit(request, verification)
                return redirect(verification.get_absolute_url())
    return render(
        request,
        "staff/verification.html",
        {
            "region": region,
            "role": request.staff_role,
            "verification": verification,
            "form": form,
            "version": verification.version,
            "checklist": _findings(verification),
            "assessments": list(verification.assessments.all()),
            "crumbs": _crumbs(region, verification),
        },
    )


def _save(request, verification, form) -> bool:
    try:
        verification_save(
            verification=verification,
            version=request.POST.get("version"),
            fields=form.fields_to_save(),
            assessments=form.assessments_to_save(),
        )
    except DraftConflict:
        messages.error(
            request,
            _(
                "開いた後に別の人がこの検証を保存しました。入力した内容は画面に残しています。"
                "保存されている内容を別のタブで確かめてから、もう一度保存してください。"
            ),
        )
        return False
    except FrozenRevisionError as error:
        messages.error(request, str(error))
        return False
    if "submit" not in request.POST:
        messages.success(request, _("下書きを保存しました。"))
    return True


def _submit(request, verification) -> None:
    verification = verification_loaded(verification.pk)
    try:
        verification_submit(verification=verification, actor=request.user)
    except VerificationRefused as refused:
        messages.error(
            request,
            _("保存しました。エラーが %(count)d 件残っているため送付できません。")
            % {"count": len(refused.findings)},
        )
    except (TransitionNotAllowed, FrozenRevisionError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("第%(number)d回の検証を送付しました。") % {"number": verification.number}
        )


@require_POST
@editor_required
def verification_reopen_view(request, slug, number):
    verification = _verification(request.staff_region, number)
    try:
        verification_reopen(verification=verification, actor=request.user)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("差し戻された検証を作成中に戻しました。修正して再送付してください。")
        )
    return redirect(verification.get_absolute_url())


@require_POST
@editor_required
def verification_change(request, slug, number):
    """「この検証から連携ビジョンの変更を始める」."""
    verification = _verification(request.staff_region, number)
    try:
        revision = verification_start_change(verification=verification, actor=request.user)
    except RevisionNotStarted as error:
        messages.error(request, str(error))
        return redirect(verification.get_absolute_url())
    messages.success(
        request,
        _("第%(number)d回の検証をもとに、連携ビジョンの変更（第%(revision)d版）を始めました。")
        % {"number": verification.number, "revision": revision.number},
    )
    return redirect(revision.get_absolute_url())
