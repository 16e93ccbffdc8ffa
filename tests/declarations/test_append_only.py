"""One append-only base for the audit trail (ADR 0131): every audit model refuses edits and
deletes, one by one and in bulk, with its own error and its own words."""

from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from declarations.models import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from documents.models import FrozenDocumentError
from reviews.models import Comment, ReviewTrailError
from tests.factories import DeclarationRevisionFactory, UserFactory

pytestmark = pytest.mark.django_db

# label: what the refusal names; error: the exception it raises.
AUDIT_MODELS = {
    "attachments.AttachmentEvent": ("添付ファイルの履歴", AppendOnlyError),
    "attachments.SentAttachment": ("送付した添付ファイルの記録", AppendOnlyError),
    "declarations.StatusChange": ("状態の変更履歴", AppendOnlyError),
    "documents.FrozenDocument": ("送付した文書の PDF ", FrozenDocumentError),
    "reports.ResultReminder": ("督促の記録", AppendOnlyError),
    "reports.VerificationReminder": ("督促の記録", AppendOnlyError),
    "reviews.AdviceRequest": ("事前相談", ReviewTrailError),
    "reviews.Comment": ("コメント", ReviewTrailError),
    "reviews.Review": ("審査の判断", ReviewTrailError),
    "reviews.Submission": ("送付の記録", ReviewTrailError),
    "support.SupportMatchEvent": ("支援措置の固定・非表示の履歴", AppendOnlyError),
    "support.SupportRequestEvent": ("記録", AppendOnlyError),
}


def test_every_audit_model_and_only_those_stand_on_the_base():
    on_base = {
        model._meta.label for model in apps.get_models() if issubclass(model, AppendOnlyModel)
    }
    with_queryset = {
        model._meta.label
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), AppendOnlyQuerySet)
    }
    assert on_base == set(AUDIT_MODELS)
    assert with_queryset == set(AUDIT_MODELS)


@pytest.mark.parametrize("label", sorted(AUDIT_MODELS))
def test_bulk_edits_and_deletes_are_refused_in_the_models_own_words(label):
    model = apps.get_model(label)
    name, error = AUDIT_MODELS[label]
    field = next(f.attname for f in model._meta.concrete_fields if not f.primary_key and f.editable)
    with pytest.raises(error, match=f"^{name}は書き換えられません。$"):
        model.objects.all().update(**{field: None})
    with pytest.raises(error, match=f"^{name}は削除できません。$"):
        model.objects.all().delete()
    with pytest.raises(error, match=f"^{name}は削除できません。$"):
        model().delete()
    assert issubclass(error, AppendOnlyError)


def _comment():
    revision = DeclarationRevisionFactory()
    return Comment.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        author=UserFactory(),
        by_reviewer=True,
        body="確認してください。",
    )


def test_a_comment_may_be_resolved_but_not_rewritten():
    comment = _comment()
    resolved_at = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    comment.resolved_at = resolved_at
    comment.save(update_fields=["resolved_at"])
    Comment.objects.filter(pk=comment.pk).update(resolved_by=comment.author)

    comment.body = "書き換え"
    with pytest.raises(ReviewTrailError, match=r"^コメントは書き換えられません。$"):
        comment.save()
    with pytest.raises(ReviewTrailError, match=r"^コメントは書き換えられません。$"):
        comment.save(update_fields=["body", "resolved_at"])
    with pytest.raises(ReviewTrailError, match=r"^コメントは書き換えられません。$"):
        Comment.objects.filter(pk=comment.pk).update(body="一括の書き換え")

    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.body, stored.resolved_at, stored.resolved_by) == (
        "確認してください。",
        resolved_at,
        comment.author,
    )
