"""Mails are written in the reader's language (ADR 0126), never in the language of the page
that made the move: a reviewer or an editor who chose English sends the same Japanese mail to
readers who have not chosen English (Japanese, the language of record, ADR 0124), with links
without /en/."""

import pytest
from django.utils import translation

from accounts.notifications import reviewer_addresses
from outbox.models import Mail
from reviews.notices import notice_send
from tests.review_helpers import submit
from workflow.verbs import revision_return

pytestmark = pytest.mark.django_db


def test_a_submission_made_in_english_mails_the_reviewers_in_japanese(imported, editor, reviewer):
    submit(imported.declaration_revision, editor)
    with translation.override("en"):
        assert translation.gettext("連携宣言書") == "Regional Cooperation Declaration"
        notice_send(
            "revision_submitted",
            imported.declaration_revision,
            reviewer_addresses(),
            submitted_on="令和8年4月1日",
            receipt_number="R8-0001",
            sequence=1,
        )

    mail = Mail.objects.get(subject__contains="審査依頼")
    assert "連携宣言書" in mail.body and "Regional Cooperation Declaration" not in mail.body
    assert "/en/" not in mail.body


def mail_to(address: str) -> Mail:
    """The newest mail to ``address`` (a JSON list: SQLite has no ``contains`` on it)."""
    return next(mail for mail in Mail.objects.order_by("-pk") if address in mail.recipients)


def test_a_return_made_in_english_mails_the_editors_in_japanese(imported, editor, reviewer):
    submit(imported.declaration_revision, editor)
    with translation.override("en"):
        revision_return(revision=imported.declaration_revision, actor=reviewer, comment="直して")

    mail = mail_to(editor.email)
    assert "連携宣言書" in mail.subject + mail.body
    # the catalogue's English for 連携宣言 (ADR 0124) is not what the editors read
    assert "cooperation declaration" not in (mail.subject + mail.body).lower()


def test_an_invitation_sent_from_an_english_page_is_japanese(imported, reviewer):
    from accounts.services import invite_staff

    with translation.override("en"):
        invite_staff(
            email="new@example.jp", region=imported.region, role="editor", invited_by=reviewer
        )

    mail = mail_to("new@example.jp")
    assert mail.subject.endswith("担当者としての招待") and "招待されました" in mail.body
