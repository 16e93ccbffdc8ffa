"""The mails of the 検証 records and the yearly results in each reader's language (ADR 0126):
one mail per language, the Japanese one unchanged (和暦), the English one with the Western
date; a reminder keeps the mail of the language of record."""

import pytest

from accounts.models import RegionRole
from accounts.services import language_preference_save
from declarations.lifecycle import Status
from outbox.models import Mail
from reports.notices import notify_reminder
from tests.factories import UserFactory
from tests.reports.helpers import (  # noqa: F401 (fixtures)
    editor,
    file_verification,
    published,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_editor(region):  # noqa: F811
    user = UserFactory(username="jones", email="jones@setouchi.example.jp")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    language_preference_save(user, "en")
    return user


def mail_to(address: str) -> Mail:
    (mail,) = [mail for mail in Mail.objects.order_by("pk") if address in mail.recipients]
    return mail


def test_a_returned_verification_mails_each_editor_in_their_language(
    region,  # noqa: F811
    editor,  # noqa: F811
    english_editor,
):
    file_verification(region, editor, status=Status.RETURNED)

    japanese, english = mail_to(editor.email), mail_to(english_editor.email)
    assert japanese.recipients == [editor.email] and english.recipients == [english_editor.email]
    assert "連携ビジョンの検証 第1回 が、審査担当から差し戻されました。" in japanese.body
    assert "（理由: 評価が不足しています。）" in japanese.body
    assert "Cooperation vision verification no. 1 of" in english.body
    assert "has been returned by a reviewer" in english.body
    assert "(reason: 評価が不足しています。)" in english.body


def test_a_reminder_is_written_per_language_and_returns_the_japanese_mail(
    published,  # noqa: F811
    editor,  # noqa: F811
    english_editor,
):
    from datetime import date

    mail = notify_reminder(
        vision_revision=published.vision_revision,
        due_on=date(2027, 4, 1),
        overdue=False,
        recipients=[editor.email, english_editor.email],
    )

    assert mail == mail_to(editor.email)
    assert "（期限: 令和9年4月1日）" in mail.body
    english = mail_to(english_editor.email)
    assert "(due on 1 April 2027)" in english.body
    assert "[Due 1 April 2027]" in english.subject
