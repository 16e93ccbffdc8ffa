"""The lifecycle of a report about a published vision (a 検証 record now, a year's 実績
later): the revisions' own statuses and their one transition table
(``declarations.lifecycle.TRANSITIONS``), moved only by
``declarations.services.revision_transition`` with a ``StatusChange`` row (ADR 0105).

``ReportBase`` holds what every report shares: the status and its stamps, the edit
version (``declarations.services.draft_claim``) and the freeze once it leaves draft, as
``RevisionBase`` does for revisions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import (
    EDITABLE_STATUSES,
    LIFECYCLE_FIELDS,
    FrozenRevisionError,
    RevisionQuerySet,
    Status,
    available_verbs,
)

# What a status move, or the link to the change it led to, may write on a frozen report.
REPORT_LIFECYCLE_FIELDS = LIFECYCLE_FIELDS | {"change_revision"}


class ReportBase(models.Model):
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(
        _("編集版数"), default=1, help_text=_("同時編集の検出に使います。")
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    submitted_at = models.DateTimeField(_("送付日時"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理日時"), null=True, blank=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            lifecycle_only = (
                update_fields is not None and set(update_fields) <= REPORT_LIFECYCLE_FIELDS
            )
            if stored is not None and stored not in EDITABLE_STATUSES and not lifecycle_only:
                raise FrozenRevisionError(self)
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status not in EDITABLE_STATUSES:
            raise FrozenRevisionError(self)
        return super().delete(*args, **kwargs)

    @property
    def available_verbs(self) -> tuple[str, ...]:
        return available_verbs(self.status)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def assert_editable(self):
        stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored is not None and stored not in EDITABLE_STATUSES:
            raise FrozenRevisionError(self)
