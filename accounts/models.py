import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from declarations.models import Region

# The group of 総務省 reviewers (created by a data migration of the reviews app).
REVIEWER_GROUP = "reviewer"


class RegionRole(models.Model):
    """A staff member's role in one region: ``editor`` may edit and submit, ``viewer`` may read."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("編集者")
        VIEWER = "viewer", _("閲覧者")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="region_roles",
        verbose_name=_("利用者"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("広域リージョン"),
    )
    role = models.CharField(_("役割"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(_("付与日時"), auto_now_add=True)

    class Meta:
        ordering = ["region", "user"]
        verbose_name = _("リージョンの担当者")
        verbose_name_plural = _("リージョンの担当者")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region"], name="region_role_unique_user_region"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.region} ({self.get_role_display()})"

    @property
    def can_edit(self) -> bool:
        return self.role == self.Role.EDITOR


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An e-mailed, expiring, single-use invitation to become staff of a region.

    Only the SHA-256 of the token is stored; the token itself is in the e-mailed link.
    """

    email = models.EmailField(_("招待先のメールアドレス"))
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("広域リージョン"),
    )
    role = models.CharField(
        _("役割"), max_length=10, choices=RegionRole.Role.choices, default=RegionRole.Role.EDITOR
    )
    language = models.CharField(
        _("メールの言語"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("招待のメールと、作られるアカウントのメールの言語です。"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("招待した人"),
    )
    created_at = models.DateTimeField(_("招待日時"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有効期限"))
    used_at = models.DateTimeField(_("使用日時"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("使用した人"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("招待")
        verbose_name_plural = _("招待")

    def __str__(self):
        return f"{self.email} → {self.region}"

    @classmethod
    def issue(
        cls,
        *,
        email,
        region,
        role,
        invited_by=None,
        valid_for=timedelta(days=7),
        language=settings.LANGUAGE_CODE,
    ) -> tuple["Invitation", str]:
        """A new invitation and its token (to put in the link; never stored in clear)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            email=email,
            region=region,
            role=role,
            language=language,
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=timezone.now() + valid_for,
        )
        return invitation, token

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and timezone.now() < self.expires_at


class Preference(models.Model):
    """A person's own settings (ADR 0126): the language of their mails, saved when they
    use the language switch while signed in. Without a row: Japanese, the language of record."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preference",
        verbose_name=_("利用者"),
    )
    language = models.CharField(
        _("メールの言語"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("利用者の設定")
        verbose_name_plural = _("利用者の設定")

    def __str__(self):
        return f"{self.user} ({self.language})"
