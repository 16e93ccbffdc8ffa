"""Draft edits in the admin go through the draft services' version check.

The staff editor saves a draft with ``UPDATE … WHERE version = N`` (``draft_claim``); an
admin edit claims the draft the same way, so that it bumps ``version`` (the staff editor
who opened the draft before is told, never overwritten) and is itself refused when the
draft was saved after the admin page was opened. Adding a revision in the admin asks the
one "may a new revision start" check (``workflow.revisions.may_start``) and writes its
creation row in the audit trail (``revision_created``), as every other way a revision starts.
Every text typed in a draft form (revisions, projects and their inlines) goes through the
one text cleaner (``CleansText``, ADR 0084), as in the staff forms and the bundle.
"""

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from declarations.services import DraftConflict, RevisionNotStarted, draft_claim, revision_created
from workflow.forms import CleanedCharField
from workflow.revisions import may_start

# the audit trail is a record, in the language of record (ADR 0124)
CREATED_IN_ADMIN = "管理画面で作成しました。"  # i18n: not text


class CleansText:
    """For a ModelAdmin or an inline: every plain text column (``CharField`` without choices,
    ``TextField``) is edited through the one cleaner (``CleanedCharField``)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if type(db_field) in (models.CharField, models.TextField):
            kwargs.setdefault("form_class", CleanedCharField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DraftRevisionForm(forms.ModelForm):
    """A revision's admin form: the version the page was opened at travels with it, and a
    new revision must be one that may start now."""

    opened_version = forms.IntegerField(
        label=_("開いたときの編集版数"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        document = self._meta.model.document
        parent = data.get(document)
        if self.instance.pk is None and parent is not None:
            try:
                may_start(parent.region, document)
            except RevisionNotStarted as error:
                raise forms.ValidationError(str(error)) from error
        return data


class ProjectForm(forms.ModelForm):
    """A project's admin form: it carries the version of its vision draft."""

    vision_version = forms.IntegerField(
        label=_("開いたときの連携ビジョンの編集版数"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["vision_version"].initial = self.instance.revision.version


def claim(revision, opened=None) -> None:
    """Claim a draft for an admin edit: at the version the page was opened at, or (when the
    form did not carry one) at the stored version."""
    draft_claim(revision, revision.version if opened is None else opened)


class ConflictAsMessage:
    """A draft saved by someone else since the page was opened: a message on the page
    opened again, nothing saved (the admin's transaction is rolled back)."""

    # The hidden field of the version the form was opened at (DraftRevisionForm, ProjectForm).
    version_field = ""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except DraftConflict as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.get_full_path())

    def get_fields(self, request, obj=None):
        # A page that only reads (a frozen revision, a viewer) has no version to carry: the
        # admin would show the hidden field as a read-only row with its English field name.
        fields = list(super().get_fields(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            fields = [name for name in fields if name != self.version_field]
        return fields


class ClaimsRevisionDraft(ConflictAsMessage):
    """For the revision admins: a change of a draft claims it (``draft_claim``)."""

    form = DraftRevisionForm
    version_field = "opened_version"

    def save_model(self, request, obj, form, change):
        if change:
            claim(obj, form.cleaned_data.get("opened_version"))
        super().save_model(request, obj, form, change)
        if not change:  # a new revision: its creation row in the audit trail
            revision_created(revision=obj, actor=request.user, comment=CREATED_IN_ADMIN)


class ClaimsVisionDraft(ConflictAsMessage):
    """For the project admin: adding, changing or deleting a project claims its vision draft
    (and the draft a project is moved out of)."""

    form = ProjectForm
    version_field = "vision_version"

    def save_model(self, request, obj, form, change):
        opened = form.cleaned_data.get("vision_version")
        if change and "revision" in form.changed_data:
            before = type(obj).objects.select_related("revision").get(pk=obj.pk).revision
            claim(before)
            opened = None
        claim(obj.revision, opened)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        claim(obj.revision)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        revisions = {project.revision for project in queryset.select_related("revision")}
        for revision in revisions:
            if revision.is_editable:  # a frozen one is refused by the admin below
                claim(revision)
        super().delete_queryset(request, queryset)
