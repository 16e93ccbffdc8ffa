"""Staff accounts in the admin, for operators (superusers) only.

- 招待: the add form is the 「招待を送る」 form (e-mail, region, role, days valid); saving
  it issues the invitation and e-mails the link. Invitations are never edited; the
  actions resend (a new link to the same person) or revoke (expire now) them.
- リージョンの担当者 (RegionRole): who is staff of which region with which role.

Reviewers also use the admin (is_staff), but neither of these pages: they are shown,
and answer, only to superusers.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Invitation, RegionRole
from accounts.services import DEFAULT_VALID_DAYS, MAX_VALID_DAYS, invite_staff, revoke_invitations


class SuperuserOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class InvitationSendForm(forms.ModelForm):
    """「招待を送る」: who, to which region, with which role, for how many days."""

    days = forms.IntegerField(
        label=_("有効日数"),
        min_value=1,
        max_value=MAX_VALID_DAYS,
        initial=DEFAULT_VALID_DAYS,
        help_text=_("招待のリンクを使える日数です（1〜90 日）。"),
    )

    class Meta:
        model = Invitation
        fields = ["email", "region", "role", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the invited person's language: by default the one the inviter is using (ADR 0126)
        current = translation.get_language()
        if current in dict(settings.LANGUAGES):
            self.fields["language"].initial = current
        self.fields["language"].required = False  # left out: the language of record


@admin.register(Invitation)
class InvitationAdmin(SuperuserOnlyAdmin):
    list_display = ["email", "region", "role", "created_at", "expires_at", "state", "used_by"]
    list_filter = ["role", "region"]
    list_select_related = ["region", "used_by"]
    search_fields = ["email", "region__slug"]
    readonly_fields = [
        "email", "region", "role", "language", "invited_by", "created_at", "expires_at",
        "used_at", "used_by",
    ]  # fmt: skip
    actions = ["resend", "revoke"]
    # No autocomplete_fields: its widget raises ValueError (a 500) when it re-renders a
    # tampered non-numeric id; a plain select refuses it as an invalid choice.

    @admin.display(description=_("状態"))
    def state(self, invitation):
        if invitation.used_at is not None:
            return _("使用済み")
        if invitation.expires_at <= timezone.now():
            return _("期限切れ")
        return _("有効")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = InvitationSendForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["email", "region", "role", "language", "days"]
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # An invitation is sent, then only looked at (the change page shows it read-only).
        return False

    def save_model(self, request, obj, form, change):
        sent = invite_staff(
            email=form.cleaned_data["email"],
            region=form.cleaned_data["region"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            days=form.cleaned_data["days"],
            language=form.cleaned_data["language"] or None,
        )
        # The admin goes on with this object (messages, the redirect): hand it the saved one.
        obj.pk = sent.invitation.pk
        obj.__dict__.update(
            {f.attname: getattr(sent.invitation, f.attname) for f in Invitation._meta.fields}
        )

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            _("招待を送りました: %(email)s（有効期限 %(expires)s）。")
            % {
                "email": obj.email,
                "expires": f"{timezone.localtime(obj.expires_at):%Y-%m-%d %H:%M}",
            },
            messages.SUCCESS,
        )
        return self.response_post_save_add(request, obj)

    @admin.action(description=_("選んだ未使用の招待を送り直す（新しいリンク、7 日間有効）"))
    def resend(self, request, queryset):
        count = 0
        # An invitation already used has done its work: nothing to resend.
        queryset = queryset.filter(used_at__isnull=True)
        for invitation in queryset.select_related("region"):
            invite_staff(
                email=invitation.email,
                region=invitation.region,
                role=invitation.role,
                invited_by=request.user,
                language=invitation.language,
            )
            count += 1
        revoke_invitations(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d 件の招待を送り直しました（前のリンクは使えなくなりました）。",
                "%(count)d 件の招待を送り直しました（前のリンクは使えなくなりました）。",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("選んだ招待を取り消す（リンクを使えなくする）"))
    def revoke(self, request, queryset):
        count = revoke_invitations(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d 件の招待を取り消しました。",
                "%(count)d 件の招待を取り消しました。",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(RegionRole)
class RegionRoleAdmin(SuperuserOnlyAdmin):
    list_display = ["user", "user_email", "region", "role", "created_at"]
    list_filter = ["role", "region"]
    list_select_related = ["user", "region"]
    search_fields = ["user__username", "user__email", "user__last_name", "region__slug"]

    @admin.display(description=_("メールアドレス"), ordering="user__email")
    def user_email(self, role):
        return role.user.email
