"""The staff dashboard and invitation acceptance (log-in, log-out and passwords are
Django's own views, configured in accounts/urls.py with templates/registration/)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language

from accounts import services, throttling
from accounts.forms import InvitationSignupForm
from accounts.services import InvitationUnusable

# Status of the page shown for an invitation link that cannot be used.
UNUSABLE_STATUS = {"unknown": 404, "used": 410, "expired": 410}
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def language_switch(request):
    """The language switch of the header (``/i18n/setlang/``, ADR 0126): Django's
    ``set_language`` (its cookie, the redirect), and for a signed-in user the choice is also
    kept as the language of their mails (``accounts.Preference``)."""
    response = set_language(request)
    cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    # set_language takes any language Django has a catalogue for; keep only the portal's
    chosen = cookie.value if cookie is not None else None
    if request.method == "POST" and request.user.is_authenticated:
        if chosen in dict(settings.LANGUAGES):
            services.language_preference_save(request.user, chosen)
    return response


def with_saved_language(response, user):
    """``response`` with the language cookie set to the language ``user`` chose, if they
    chose one: signing in on a new device shows the pages in the language of their mails
    (ADR 0126). Without a choice the device's cookie (or Japanese) stays."""
    code = services.saved_language(user)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def _unusable(request, reason: str, invitation=None):
    return render(
        request,
        "accounts/invitation_unusable.html",
        {"reason": reason, "invitation": invitation},
        status=UNUSABLE_STATUS[reason],
    )


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    """The link of an invitation e-mail.

    A visitor who is not signed in chooses a user name and a password (the account gets
    the invitation's e-mail address); a signed-in user accepts with one button. Opening
    the link (GET) changes nothing, so a mail scanner that follows links cannot use it up.
    """
    try:
        invitation = services.invitation_for_token(token)
        services.check_usable(invitation)
    except InvitationUnusable as unusable:
        invitation = None if unusable.reason == "unknown" else invitation
        return _unusable(request, unusable.reason, invitation)

    form = None
    if not request.user.is_authenticated:
        form = InvitationSignupForm(
            request.POST if request.method == "POST" else None, email=invitation.email
        )
    if request.method == "POST":
        try:
            if form is None:
                services.accept_invitation(invitation=invitation, user=request.user)
                return _accepted(request, invitation)
            if form.is_valid():
                user = _create_account(form, invitation)
                if user is not None:
                    login(request, user, backend=MODEL_BACKEND)
                    return _accepted(request, invitation)
        except InvitationUnusable as unusable:
            return _unusable(request, unusable.reason, invitation)
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "region_name": services.region_label(invitation.region),
            "form": form,
        },
    )


def _create_account(form, invitation):
    data = form.cleaned_data
    try:
        with transaction.atomic():
            return services.create_account_and_accept(
                invitation=invitation,
                username=data["username"],
                password=data["password1"],
                last_name=data.get("last_name", ""),
                first_name=data.get("first_name", ""),
            )
    except IntegrityError:
        # Someone took the user name between the form's check and the insert.
        form.add_error("username", _("このユーザー名はすでに使われています。"))
        return None


def _accepted(request, invitation):
    messages.success(
        request,
        _("「%(region)s」の担当者（%(role)s）になりました。")
        % {
            "region": services.region_label(invitation.region),
            "role": invitation.get_role_display(),
        },
    )
    return with_saved_language(redirect("staff_dashboard"), request.user)


class LoginView(auth_views.LoginView):
    """Log in; without a ``next`` page, staff go to their dashboard and reviewers (admin users
    with no region) to the admin."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **throttling.lockout_facts()}

    def form_valid(self, form):
        return with_saved_language(super().form_valid(form), form.get_user())

    def get_default_redirect_url(self):
        user = self.request.user
        if user.is_staff and not user.region_roles.exists():
            return reverse("admin:index")
        return reverse("staff_dashboard")


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as Django requires), then the log-in page says so."""

    next_page = reverse_lazy("login")

    def post(self, request, *args, **kwargs):
        was_authenticated = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_authenticated:
            messages.success(request, _("ログアウトしました。"))
        return response
