"""The second-factor pages: the account's status, enrolment (QR code), the code after the
password, new recovery codes, and turning it off (region staff only). ADR 0082."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts import mfa
from accounts.forms import OneTimeCodeForm


def _next_url(request) -> str:
    """Where to go once verified: the page asked for (on this site), else the user's home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    if mfa.requires_second_factor(request.user):
        return reverse("admin:index")
    return reverse("staff_dashboard")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def status(request):
    user = request.user
    return render(
        request,
        "accounts/mfa_status.html",
        {
            "enrolled": mfa.has_second_factor(user),
            "required": mfa.requires_second_factor(user),
            "verified": mfa.is_verified(user),
            "recovery_left": mfa.recovery_codes_left(user),
        },
    )


@never_cache
@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request):
    """Scan the QR code (or type the key), enter the app's code; then the recovery codes."""
    next_url = _next_url(request)
    if mfa.has_second_factor(request.user):
        # A second device is added by an operator who first removes the old one (lost phone);
        # here it would let someone with only the password replace the owner's authenticator.
        if not mfa.is_verified(request.user):
            return redirect(_with_next("mfa_verify", next_url))
        messages.info(request, _("二段階認証はすでに登録されています。"))
        return redirect("mfa_status")
    device = mfa.pending_enrolment(request.user)
    form = OneTimeCodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        codes = mfa.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            return render(
                request,
                "accounts/mfa_recovery_codes.html",
                {"codes": codes, "next_url": next_url, "first_time": True},
            )
        form.add_error(
            "code",
            _(
                "確認コードが正しくありません。アプリに表示されている最新の 6 桁を入力してください。"
            ),
        )
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_svg": mfa.qr_svg(device),
            "secret": mfa.secret_text(device),
            "next": next_url,
            "required": mfa.requires_second_factor(request.user),
        },
    )


@never_cache
@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """After the password: a code from the app or a recovery code."""
    next_url = _next_url(request)
    if mfa.is_verified(request.user):
        return redirect(next_url)
    if not mfa.has_second_factor(request.user):
        return redirect(_with_next("mfa_setup", next_url))
    form = OneTimeCodeForm(request.POST if request.method == "POST" else None, recovery=True)
    if form.is_valid():
        device = mfa.verify(request, form.cleaned_data["code"])
        if device is not None:
            if device.name == mfa.RECOVERY_DEVICE_NAME:
                messages.warning(
                    request,
                    _(
                        "回復コードでログインしました。残りの回復コードは %(count)d 個です。"
                        "スマートフォンをなくした場合は、運用担当者に認証アプリの登録の削除を依頼してください。"
                    )
                    % {"count": mfa.recovery_codes_left(request.user)},
                )
            return redirect(next_url)
        form.add_error(
            "code",
            _(
                "確認コードが正しくないか、期限が切れています。続けて間違えると、次に試せるまでの"
                "待ち時間が長くなります。"
            ),
        )
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working), for a verified session only."""
    if not mfa.is_verified(request.user):
        return redirect(_with_next("mfa_verify", reverse("mfa_status")))
    codes = mfa.new_recovery_codes(request.user)
    return render(
        request,
        "accounts/mfa_recovery_codes.html",
        {"codes": codes, "next_url": reverse("mfa_status"), "first_time": False},
    )


@never_cache
@login_required
@require_POST
def disable(request):
    """Region staff may turn the second factor off again (from a verified session)."""
    if mfa.requires_second_factor(request.user):
        messages.error(request, _("審査担当・運用担当のアカウントでは二段階認証を解除できません。"))
        return redirect("mfa_status")
    if not mfa.is_verified(request.user):
        return redirect(_with_next("mfa_verify", reverse("mfa_status")))
    mfa.remove_second_factor(request.user)
    messages.success(request, _("二段階認証を解除しました。"))
    return redirect("mfa_status")
