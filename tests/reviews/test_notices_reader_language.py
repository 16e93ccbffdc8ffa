"""Each reader gets the mail in their own language (ADR 0126): of the same event, one mail per
language, to the right people. The Japanese one is the mail of record, unchanged; the English
one has English wording, labels and Western dates, with the region's name as filed."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from accounts.models import REVIEWER_GROUP, RegionRole
from accounts.notifications import day_text
from accounts.services import language_preference_save
from filing.formatting import wareki
from outbox.models import Mail
from reviews.selectors import submissions_of
from reviews.services import comment_post
from tests.factories import UserFactory
from tests.public_data import skip_pdfs
from tests.review_helpers import submit
from workflow.notices import notify_submitted
from workflow.verbs import revision_return, revision_submit

pytestmark = pytest.mark.django_db

REGION = "瀬戸内広域リージョン"


@pytest.fixture
def english_reviewer(reviewer):
    user = UserFactory(username="smith", email="smith@soumu.example.jp", is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    language_preference_save(user, "en")
    return user


@pytest.fixture
def english_editor(imported, editor):
    user = UserFactory(username="jones", email="jones@setouchi.example.jp")
    RegionRole.objects.create(user=user, region=imported.region, role=RegionRole.Role.EDITOR)
    language_preference_save(user, "en")
    return user


def mail_to(address: str) -> Mail:
    (mail,) = [mail for mail in Mail.objects.order_by("pk") if address in mail.recipients]
    return mail


def test_a_submission_mails_each_reviewer_in_their_language(
    imported, editor, reviewer, english_reviewer
):
    revision = imported.declaration_revision
    submit(revision, editor)
    Mail.objects.all().delete()

    notify_submitted(revision, submissions_of(revision).get())

    assert Mail.objects.count() == 2
    japanese, english = mail_to(reviewer.email), mail_to(english_reviewer.email)
    assert japanese.recipients == [reviewer.email]
    assert english.recipients == [english_reviewer.email]
    portal = settings.PORTAL_NAME
    # the Japanese mail as it always was
    assert japanese.subject == f"[{portal}] 【審査依頼】{REGION} 連携宣言書 第1版 が送付されました"
    assert japanese.body.startswith(
        f"{REGION} から 連携宣言書 第1版 が送付されました（送付日: {wareki(timezone.now())}）。\n"
    )
    assert "審査してください。" in japanese.body
    # the English one: wording, labels and the Western date; the region as filed
    with translation.override("en"):
        today = day_text(timezone.now())
    assert english.subject == (
        f"[{portal}] [Review requested] {REGION} Regional Cooperation Declaration revision 1"
        " has been submitted"
    )
    assert f"(submitted on {today})" in english.body
    assert "Please review it." in english.body and "連携宣言書" not in english.body
    assert "Receipt number: " in english.body and "/en/" not in english.body


def test_a_return_mails_each_editor_in_their_language(imported, editor, english_editor, reviewer):
    submit(imported.declaration_revision, editor)
    Mail.objects.all().delete()

    revision_return(revision=imported.declaration_revision, actor=reviewer, comment="直して")

    japanese, english = mail_to(editor.email), mail_to(english_editor.email)
    assert japanese.pk != english.pk
    assert "差し戻されました" in japanese.body and "（理由: 直して）" in japanese.body
    assert "has been returned by a reviewer" in english.body
    assert "(reason: 直して)" in english.body  # the reviewer's words as written


def test_a_comment_names_its_item_in_the_readers_language(
    imported, editor, english_editor, reviewer
):
    revision = imported.declaration_revision
    submit(revision, editor)
    Mail.objects.all().delete()

    comment_post(revision=revision, author=reviewer, body="確認をお願いします。", by_reviewer=True)

    assert "対象: 版の全体" in mail_to(editor.email).body
    english = mail_to(english_editor.email).body
    assert "Item: Entire revision" in english and "確認をお願いします。" in english


def test_revision_submit_itself_sends_one_mail_per_language(
    imported, editor, reviewer, english_reviewer, monkeypatch
):
    skip_pdfs(monkeypatch)
    revision_submit(revision=imported.declaration_revision, actor=editor)

    assert sorted(len(m.recipients) for m in Mail.objects.all()) == [1, 1]
    assert "Review requested" in mail_to(english_reviewer.email).subject
    assert "審査依頼" in mail_to(reviewer.email).subject
