"""The mails of the requests for new support measures in each reader's language (ADR 0126):
the forwarding's status and day in English for an editor who chose English."""

import datetime

import pytest

from accounts.models import RegionRole
from accounts.services import language_preference_save
from outbox.models import Mail
from support.request_services import forwarding_record, request_save, request_submit
from tests.factories import UserFactory
from tests.support.test_requests import full_input

pytestmark = pytest.mark.django_db


def test_a_forwarding_mails_each_editor_in_their_language(imported, editor, reviewer):
    english_editor = UserFactory(username="jones", email="jones@setouchi.example.jp")
    RegionRole.objects.create(
        user=english_editor, region=imported.region, role=RegionRole.Role.EDITOR
    )
    language_preference_save(english_editor, "en")
    request = request_submit(
        request=request_save(region=imported.region, actor=editor, data=full_input()),
        actor=editor,
    )
    Mail.objects.all().delete()

    forwarding_record(
        request=request,
        actor=reviewer,
        ministry="国土交通省",
        forwarded_on=datetime.date(2026, 12, 1),
    )

    japanese, english = (
        Mail.objects.get(recipients=[address]) for address in (editor.email, english_editor.email)
    )
    assert "依頼日: 令和8年12月1日\n状況: 依頼済み" in japanese.body
    assert "Requested on: 1 December 2026\nStatus: Requested" in english.body
    assert "「離島航路の運航支援」" not in english.body and '"離島航路の運航支援"' in english.body
    assert "国土交通省" in english.subject  # the ministry as recorded
