"""The lifecycle every revision (declaration or vision) goes through.

One status field, one transition table (STYLE.md §4). Only
``declarations.services.revision_transition`` moves a status, and it writes a
``StatusChange`` row for every move. A revision that has left ``draft`` is
frozen: its content and its child rows cannot change any more, enforced here in
the model layer (``save``, ``delete`` and the queryset's bulk writes).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from filing.data import RevisionKind


class Status(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SUBMITTED = "submitted", _("送付済み（審査中）")
    RETURNED = "returned", _("差戻し")
    ACCEPTED = "accepted", _("受理")
    PUBLISHED = "published", _("公表")


class Kind(models.TextChoices):
    ESTABLISHED = RevisionKind.ESTABLISHED.value, _("策定")
    CHANGED = RevisionKind.CHANGED.value, _("変更")
    ABOLISHED = RevisionKind.ABOLISHED.value, _("廃止")


# (from, to) -> the verb that makes the move.
TRANSITIONS = {
    (Status.DRAFT, Status.SUBMITTED): "submit",
    (Status.SUBMITTED, Status.RETURNED): "return",
    (Status.RETURNED, Status.DRAFT): "reopen",
    (Status.SUBMITTED, Status.ACCEPTED): "accept",
    (Status.ACCEPTED, Status.PUBLISHED): "publish",
}

EDITABLE_STATUSES = frozenset({Status.DRAFT})
# Fields a status move may write on a frozen revision.
LIFECYCLE_FIELDS = frozenset(
    {"status", "submitted_at", "accepted_at", "published_at", "publish_on", "updated_at"}
)


# The 送付書's fields, in the order it prints them; a change or an abolition starts with the
# contact of the revision it copies (the number is the new letter's own).
COVER_FIELDS = (
    "cover_number",
    "contact_department",
    "contact_person",
    "contact_phone",
    "contact_email",
)
CONTACT_FIELDS = COVER_FIELDS[1:]


def can_move(old: str, new: str) -> bool:
    return (Status(old), Status(new)) in TRANSITIONS


def available_verbs(status: str) -> tuple[str, ...]:
    """The verbs that may move a revision on from ``status``, in the table's order
    ("submit", "return", "reopen", "accept", "publish"): what views and templates offer.
    Oscar's ``available_statuses()`` is the model."""
    return tuple(verb for (old, _new), verb in TRANSITIONS.items() if old == status)


class FrozenRevisionError(Exception):
    """Raised when something tries to change a revision that is no longer a draft."""

    def __init__(self, revision):
        self.revision = revision
        super().__init__(
            f"{revision} は「{revision.get_status_display()}」のため変更できません（送付した版は凍結されます）。"
        )


class RevisionQuerySet(models.QuerySet):
    def sent(self):
        """The revisions sent at least once (``submitted_at`` is set): submitted, returned
        (also when reopened as a draft), accepted, published. What reviewers read (ADR 0133)."""
        return self.exclude(submitted_at=None)

    def update(self, **kwargs):
        if set(kwargs) - LIFECYCLE_FIELDS and self.exclude(status__in=EDITABLE_STATUSES).exists():
            raise FrozenRevisionError(self.exclude(status__in=EDITABLE_STATUSES).first())
        return super().update(**kwargs)

    def delete(self):
        frozen = self.exclude(status__in=EDITABLE_STATUSES).first()
        if frozen is not None:
            raise FrozenRevisionError(frozen)
        return super().delete()


class RevisionBase(models.Model):
    """Fields and guards shared by DeclarationRevision and VisionRevision."""

    number = models.PositiveIntegerField(_("版"))
    kind = models.CharField(
        _("種別"), max_length=20, choices=Kind.choices, default=Kind.ESTABLISHED
    )
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    is_minor = models.BooleanField(_("軽微な変更"), default=False)
    consulted_on = models.DateField(_("協議の日"), null=True, blank=True)
    # The body or meeting where the members agreed (「中国地域発展推進会議」, ADR 0120).
    consultation_body = models.CharField(_("協議を行った会議体等"), max_length=200, blank=True)
    reason = models.TextField(_("変更・廃止の理由"), blank=True, max_length=20_000)
    version = models.PositiveIntegerField(
        _("編集版数"), default=1, help_text=_("同時編集の検出に使います。")
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    submitted_at = models.DateTimeField(_("送付日時"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理日時"), null=True, blank=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    publish_on = models.DateField(_("公表予定日"), null=True, blank=True)
    # What the 送付書 of this submission prints (not part of the 要綱's content, not in bundles).
    cover_number = models.CharField(
        _("送付書の文書番号"), max_length=50, blank=True, help_text=_("例: 瀬戸内広域第12号")
    )
    contact_department = models.CharField(_("担当部署"), max_length=200, blank=True)
    contact_person = models.CharField(_("担当者"), max_length=100, blank=True)
    contact_phone = models.CharField(_("電話番号"), max_length=30, blank=True)
    contact_email = models.EmailField(_("電子メール"), max_length=254, blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            lifecycle_only = update_fields is not None and set(update_fields) <= LIFECYCLE_FIELDS
            if stored is not None and stored not in EDITABLE_STATUSES and not lifecycle_only:
                raise FrozenRevisionError(self)
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self) -> str:
        """The revision's page in the staff UI (``staff:declaration`` / ``staff:vision``)."""
        return reverse(f"staff:{self.document}", args=[self.region.slug, self.number])

    def delete(self, *args, **kwargs):
        if self.status not in EDITABLE_STATUSES:
            raise FrozenRevisionError(self)
        return super().delete(*args, **kwargs)

    # Each revision model sets ``document`` ("declaration" / "vision", also the name of its
    # foreign key to the document), ``document_label`` and the property ``region_title``.

    @property
    def region(self):
        return getattr(self, self.document).region

    @property
    def label(self) -> str:
        """「瀬戸内広域リージョン 連携宣言書 第2版」 (the slug when the region has no name yet)."""
        return _("%(region)s %(document)s 第%(number)d版") % {
            "region": self.region_title or self.region.slug,
            "document": self.document_label,
            "number": self.number,
        }

    @property
    def is_sent(self) -> bool:
        """Sent at least once: ``RevisionQuerySet.sent`` for one revision (ADR 0133)."""
        return self.submitted_at is not None

    @property
    def reviewer_label(self) -> str:
        """``label`` for a sent revision; a revision never sent is named by its region's slug
        (「setouchi 連携宣言書 第2版（未送付）」): its content, the region's name included,
        is not the reviewers' to read (ADR 0133)."""
        if self.is_sent:
            return self.label
        return _("%(region)s %(document)s 第%(number)d版（未送付）") % {
            "region": self.region.slug,
            "document": self.document_label,
            "number": self.number,
        }

    @property
    def available_verbs(self) -> tuple[str, ...]:
        """What may be done to this revision now (``lifecycle.available_verbs``)."""
        return available_verbs(self.status)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def assert_editable(self):
        # Read the stored status: an in-memory object may be stale.
        stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored is not None and stored not in EDITABLE_STATUSES:
            raise FrozenRevisionError(self)


class RevisionPartQuerySet(models.QuerySet):
    """Bulk writes on rows that belong to a revision refuse frozen revisions."""

    revision_path = "revision"

    def _frozen(self):
        return self.exclude(**{f"{self.model.revision_path}__status__in": EDITABLE_STATUSES})

    def update(self, **kwargs):
        if self._frozen().exists():
            raise FrozenRevisionError(self._frozen().first().owning_revision)
        return super().update(**kwargs)

    def delete(self):
        if self._frozen().exists():
            raise FrozenRevisionError(self._frozen().first().owning_revision)
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        revisions = {obj.owning_revision.pk: obj.owning_revision for obj in objs}
        for revision in revisions.values():
            revision.assert_editable()
        return super().bulk_create(objs, *args, **kwargs)


class RevisionPart(models.Model):
    """A row that is content of a revision (a member, a field, a project, a budget line …).

    ``revision_path`` is the lookup from the row to its revision; ``owning_revision``
    returns that revision.
    """

    revision_path = "revision"

    objects = RevisionPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.owning_revision.assert_editable()
        if not self._state.adding:
            # A row may not be moved out of a frozen revision either.
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored is not None:
                stored.owning_revision.assert_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.owning_revision.assert_editable()
        return super().delete(*args, **kwargs)

    @property
    def owning_revision(self):
        obj = self
        for attribute in self.revision_path.split("__"):
            obj = getattr(obj, attribute)
        return obj
