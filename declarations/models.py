from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import RevisionBase, RevisionPart, Status
from filing.data import FieldCode, MemberKind


class MemberKindChoices(models.TextChoices):
    PREFECTURE = MemberKind.PREFECTURE.value, _("都道府県")
    MUNICIPALITY = MemberKind.MUNICIPALITY.value, _("市区町村")
    OTHER_LOCAL_GOVERNMENT = (
        MemberKind.OTHER_LOCAL_GOVERNMENT.value,
        _("その他の地方公共団体（広域連合・一部事務組合）"),
    )
    ECONOMIC_ORGANIZATION = MemberKind.ECONOMIC_ORGANIZATION.value, _("経済団体")
    COMPANY = MemberKind.COMPANY.value, _("企業")
    UNIVERSITY = MemberKind.UNIVERSITY.value, _("大学")
    RESEARCH_INSTITUTE = MemberKind.RESEARCH_INSTITUTE.value, _("研究機関")
    FINANCIAL_INSTITUTION = MemberKind.FINANCIAL_INSTITUTION.value, _("金融機関")
    OTHER = MemberKind.OTHER.value, _("その他")


class FieldChoices(models.TextChoices):
    INDUSTRY = FieldCode.INDUSTRY.value, _("A 産業振興")
    TOURISM = FieldCode.TOURISM.value, _("B 観光")
    TRANSPORT = FieldCode.TRANSPORT.value, _("C 交通")
    OTHER = FieldCode.OTHER.value, _("その他")


class Prefecture(models.Model):
    """都道府県 (master data, loaded by a data migration)."""

    code = models.CharField(_("JIS都道府県コード"), max_length=2, primary_key=True)
    lg_code = models.CharField(_("全国地方公共団体コード"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=10, unique=True)
    kana = models.CharField(_("よみがな"), max_length=20)
    name_en = models.CharField(_("英語名"), max_length=20)
    block = models.CharField(_("地方"), max_length=20)
    block_name = models.CharField(_("地方名"), max_length=10)

    class Meta:
        ordering = ["code"]
        verbose_name = _("都道府県")
        verbose_name_plural = _("都道府県")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """市町村 and 特別区 (master data; the wards of designated cities are not here)."""

    lg_code = models.CharField(_("全国地方公共団体コード"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=20, db_index=True)
    kana = models.CharField(_("よみがな"), max_length=40, db_index=True)
    prefecture = models.ForeignKey(
        Prefecture,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("都道府県"),
    )

    class Meta:
        ordering = ["lg_code"]
        verbose_name = _("市区町村")
        verbose_name_plural = _("市区町村")

    def __str__(self):
        return f"{self.prefecture.name}{self.name}" if self.prefecture_id else self.name

    @property
    def full_name(self) -> str:
        return str(self)


class Region(models.Model):
    """広域リージョン: one row per region; it outlives its revisions."""

    slug = models.SlugField(_("識別名"), max_length=80, unique=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("広域リージョン")
        verbose_name_plural = _("広域リージョン")

    def __str__(self):
        return self.slug


class Organization(models.Model):
    """An organization that may be a member of several regions (第3(3) なお書き).

    The identity only: what a region declares about it (name as written, activity
    area …) is copied into each revision's ``Member`` row so that a submitted
    revision never changes when the organization does.
    """

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("種別"), max_length=40, choices=MemberKindChoices.choices)
    lg_code = models.CharField(_("全国地方公共団体コード"), max_length=6, blank=True)
    prefecture = models.ForeignKey(
        Prefecture,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("都道府県"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("市区町村"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("団体")
        verbose_name_plural = _("団体")
        constraints = [
            models.UniqueConstraint(
                fields=["lg_code"],
                condition=~models.Q(lg_code=""),
                name="organization_unique_lg_code",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Link to the master data when the code is a known one of the right kind.
        self.prefecture = self.municipality = None
        if self.kind == MemberKindChoices.PREFECTURE:
            self.prefecture = Prefecture.objects.filter(lg_code=self.lg_code).first()
        elif self.kind == MemberKindChoices.MUNICIPALITY:
            self.municipality = Municipality.objects.filter(lg_code=self.lg_code).first()
        super().save(*args, **kwargs)


class Declaration(models.Model):
    """連携宣言: a region's declaration across all its revisions."""

    region = models.OneToOneField(
        Region,
        on_delete=models.PROTECT,
        related_name="declaration",
        verbose_name=_("広域リージョン"),
    )

    class Meta:
        verbose_name = _("連携宣言")
        verbose_name_plural = _("連携宣言")

    def __str__(self):
        return f"{self.region} の連携宣言"


class DeclarationRevision(RevisionBase):
    """One version of the 連携宣言書 (策定, 変更 or 廃止)."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("連携宣言")
    )
    region_name = models.CharField(_("宣言リージョンの名称"), max_length=200, blank=True)
    # ひらがな, no spaces (filing.kana.normalize_reading): found by search, sorts 名称順 (ADR 0087).
    region_name_kana = models.CharField(
        _("宣言リージョンの名称のよみがな"), max_length=200, blank=True
    )
    # Optional English (ADR 0124): shown on the /en/ pages, reviewed and published with the
    # revision, not part of the 連携宣言書 (its PDF stays Japanese).
    region_name_en = models.CharField(_("宣言リージョンの名称（英語）"), max_length=200, blank=True)
    area_note = models.CharField(_("区域の補足"), max_length=200, blank=True)
    declared_on = models.DateField(_("宣言日"), null=True, blank=True)
    aspiration = models.TextField(_("目指すべき姿"), max_length=20_000, blank=True)
    aspiration_en = models.TextField(_("目指すべき姿の要約（英語）"), max_length=2_000, blank=True)
    representative = models.CharField(
        _("代表団体"),
        max_length=80,
        blank=True,
        help_text=_("リージョン構成団体のうち代表となる団体のキー（任意）。"),
    )

    class Meta:
        ordering = ["declaration", "number"]
        verbose_name = _("連携宣言書の版")
        verbose_name_plural = _("連携宣言書の版")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "number"], name="declaration_revision_unique_number"
            ),
        ]

    def __str__(self):
        # the region's name, or its slug before one is written (never its id)
        return self.label

    document = "declaration"
    document_label = _("連携宣言書")

    @property
    def region_title(self) -> str:
        """The region's name as this revision declares it."""
        return self.region_name

    @property
    def representative_name(self) -> str:
        """The 代表団体's name (the member whose key ``representative`` holds), or ""."""
        if not self.representative:
            return ""
        return next((m.name for m in self.members.all() if m.key == self.representative), "")


class DeclarationField(RevisionPart):
    """分野 of a declaration revision (第3(2)④): industry, tourism, transport or other with its text."""

    revision = models.ForeignKey(
        DeclarationRevision, on_delete=models.CASCADE, related_name="fields"
    )
    code = models.CharField(_("分野"), max_length=20, choices=FieldChoices.choices)
    text = models.CharField(_("その他の分野"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("順序"), default=0)

    class Meta:
        ordering = ["revision", "position"]
        verbose_name = _("分野")
        verbose_name_plural = _("分野")

    def __str__(self):
        return self.text if self.code == FieldChoices.OTHER else self.get_code_display()


class Member(RevisionPart):
    """リージョン構成団体 as stated in one declaration revision (第3(2)②, 第3(3))."""

    revision = models.ForeignKey(
        DeclarationRevision, on_delete=models.CASCADE, related_name="members"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("団体")
    )
    key = models.SlugField(_("キー"), max_length=80, allow_unicode=True)
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("種別"), max_length=40, choices=MemberKindChoices.choices)
    lg_code = models.CharField(_("全国地方公共団体コード"), max_length=6, blank=True)
    area_prefectures = models.JSONField(_("区域の都道府県"), default=list, blank=True)
    activity_prefectures = models.JSONField(_("活動範囲の都道府県"), default=list, blank=True)
    multi_industry = models.BooleanField(_("構成員が複数の業種にわたる"), default=False)
    # 法人番号 of a non-government member, optional; its check digit is the rule
    # members.corporate_number's business (filing.corporate_number, ADR 0123).
    corporate_number = models.CharField(_("法人番号"), max_length=13, blank=True)
    position = models.PositiveIntegerField(_("順序"), default=0)

    class Meta:
        ordering = ["revision", "position"]
        verbose_name = _("リージョン構成団体")
        verbose_name_plural = _("リージョン構成団体")
        constraints = [
            models.UniqueConstraint(fields=["revision", "key"], name="member_unique_key")
        ]

    def __str__(self):
        return self.name


class AppendOnlyError(Exception):
    """A row of the audit trail (a status change, a review, a comment) was to be edited or
    deleted: it is appended to, never changed."""


class AppendOnlyQuerySet(models.QuerySet):
    """The audit trail is appended to, never edited or deleted, even in bulk: the manager of
    every ``AppendOnlyModel``, refusing as its rows do."""

    def update(self, **kwargs):
        if set(kwargs) - self.model.append_only_mutable_fields:
            raise self.model.append_only_refusal()
        return super().update(**kwargs)

    def delete(self):
        raise self.model.append_only_refusal(deleting=True)


class AppendOnlyModel(models.Model):
    """A row of the audit trail (ADR 0131): written once, then never edited or deleted, one
    by one or in bulk. A subclass names its rows in ``append_only_label`` (the refusal reads
    「{label}は書き換えられません。」 / 「{label}は削除できません。」), may raise a narrower
    ``append_only_error``, and may list in ``append_only_mutable_fields`` the fields that
    still change afterwards (a comment's resolution), saved by ``save(update_fields=…)`` or
    ``update(…)`` naming only them."""

    append_only_label = "記録"
    append_only_error: type[AppendOnlyError] = AppendOnlyError
    append_only_mutable_fields: frozenset[str] = frozenset()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if not self._state.adding and (
            update_fields is None or set(update_fields) - self.append_only_mutable_fields
        ):
            raise self.append_only_refusal()
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.append_only_refusal(deleting=True)

    @classmethod
    def append_only_refusal(cls, *, deleting: bool = False) -> AppendOnlyError:
        verb = "削除できません" if deleting else "書き換えられません"
        return cls.append_only_error(f"{cls.append_only_label}は{verb}。")


class StatusChange(AppendOnlyModel):
    """Audit row written by every status move: who, when, from what to what, and why."""

    append_only_label = "状態の変更履歴"

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("広域リージョン"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("文書の種類")
    )
    object_id = models.PositiveBigIntegerField(_("版のID"))
    revision = GenericForeignKey("content_type", "object_id")
    old = models.CharField(_("変更前"), max_length=20, choices=Status.choices, blank=True)
    new = models.CharField(_("変更後"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("操作した人"),
    )
    at = models.DateTimeField(_("日時"), default=timezone.now)
    comment = models.TextField(_("コメント"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("状態の変更履歴")
        verbose_name_plural = _("状態の変更履歴")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.old or '—'} → {self.new}"
