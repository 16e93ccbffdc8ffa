"""Reminders of missing yearly results (workflow.result_reminders, ``manage.py
remind_results``, ADR 0108): once per vision and 年度, to the region's editors, through the
outbox (delivered to locmem as the verification reminders are), listed in the admin."""

from datetime import date
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accounts.models import RegionRole
from declarations.lifecycle import Status
from outbox.models import Mail
from reports.models import ResultReminder
from reports.result_services import ResultInput, result_save, results_submit_year
from reports.selectors import result_targets
from tests.factories import UserFactory
from tests.public_data import publish_region, skip_pdfs
from tests.reports.helpers import shinsa  # noqa: F401 (fixtures)
from tests.reports.result_helpers import past_filing, reviewer_result_permissions
from tests.review_helpers import signed_in
from workflow.result_reminders import result_reminders_send

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def past(monkeypatch):
    """北海道・青森, published, whose projects began two 年度 ago; an editor with an
    address and a viewer (never mailed)."""
    skip_pdfs(monkeypatch)
    filing, year = past_filing()
    published = publish_region("hokkaido-aomori", filing)
    for name, role in (("editor", RegionRole.Role.EDITOR), ("viewer", RegionRole.Role.VIEWER)):
        user = UserFactory(username=name, email=f"{name}@hokkaido.example.jp")
        RegionRole.objects.create(user=user, region=published.region, role=role)
    return SimpleNamespace(
        region=published.region,
        vision_revision=published.vision_revision,
        year=year,
        editor=User.objects.get(username="editor"),
    )


def due_day(year):
    """A day after the reminder of 年度 ``year`` is due (60 days after its 3月31日) and
    before the next 年度 has ended."""
    return date(year + 1, 6, 1)


def run(today, capture):
    with capture(execute=True):
        return result_reminders_send(today=today)


def test_the_editors_are_mailed_once_naming_the_missing_targets(
    past, mailoutbox, django_capture_on_commit_callbacks
):
    today = due_day(past.year)
    assert run(date(past.year + 1, 5, 29), django_capture_on_commit_callbacks) == []
    [reminder] = run(today, django_capture_on_commit_callbacks)
    assert reminder.fiscal_year == past.year and reminder.vision == past.vision_revision.vision
    assert reminder.recipients == ["editor@hokkaido.example.jp"]
    assert len(reminder.missing) == 2
    [mail] = mailoutbox
    assert mail.to == ["editor@hokkaido.example.jp"]  # editors only, not the viewer
    assert "北海道・青森リージョン" in mail.subject and "実績" in mail.subject
    assert "次世代半導体クラスター形成 / 立地企業数" in mail.body
    assert "広域観光周遊ルート / 立地企業数" in mail.body
    assert "/staff/hokkaido-aomori/" in mail.body
    assert Mail.objects.get(pk=reminder.mail_id).status == Mail.Status.SENT
    # never twice
    assert run(today, django_capture_on_commit_callbacks) == []
    assert run(date(past.year + 1, 12, 1), django_capture_on_commit_callbacks) == []
    assert len(mailoutbox) == 1
    assert ResultReminder.objects.count() == 1


def test_a_year_whose_results_were_sent_is_not_reminded(
    past, mailoutbox, django_capture_on_commit_callbacks
):
    targets = result_targets(past.vision_revision)
    first, second = list(targets)
    result_save(
        region=past.region, actor=past.editor, given=ResultInput(first, past.year, Decimal(3))
    )
    results_submit_year(region=past.region, fiscal_year=past.year, keys=[first], actor=past.editor)
    # a draft is not sent: the second target is still missing, and only it is named
    result_save(
        region=past.region, actor=past.editor, given=ResultInput(second, past.year, Decimal(4))
    )
    [reminder] = run(due_day(past.year), django_capture_on_commit_callbacks)
    assert reminder.missing == ["広域観光周遊ルート / 立地企業数"]
    assert "次世代半導体クラスター形成" not in mailoutbox[-1].body


def test_a_year_with_every_result_sent_sends_nothing(
    past, mailoutbox, django_capture_on_commit_callbacks
):
    keys = list(result_targets(past.vision_revision))
    for key in keys:
        result_save(
            region=past.region, actor=past.editor, given=ResultInput(key, past.year, Decimal(3))
        )
    results_submit_year(region=past.region, fiscal_year=past.year, keys=keys, actor=past.editor)
    assert set(past.vision_revision.vision.results.values_list("status", flat=True)) == {
        Status.SUBMITTED
    }
    assert run(due_day(past.year), django_capture_on_commit_callbacks) == []
    assert ResultReminder.objects.count() == 0
    assert not [m for m in mailoutbox if "実績" in m.subject]


def test_a_region_without_an_editors_address_gets_a_row_and_no_mail(
    past, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(username="editor").update(email="")
    [reminder] = run(due_day(past.year), django_capture_on_commit_callbacks)
    assert reminder.mail is None and reminder.recipients == []
    assert mailoutbox == []
    assert run(due_day(past.year), django_capture_on_commit_callbacks) == []


def test_the_daily_command_says_how_many_it_sent(past):
    out = StringIO()
    call_command("remind_results", stdout=out)
    sent = ResultReminder.objects.count()
    assert sent >= 1  # 2年前の年度 at least (the last one too after its 5月30日)
    assert f"実績の督促を {sent} 件送りました" in out.getvalue()
    out = StringIO()
    call_command("remind_results", stdout=out)
    assert "実績の督促を 0 件送りました" in out.getvalue()
    assert ResultReminder.objects.count() == sent


def test_the_reminders_sent_are_listed_read_only(past, shinsa, django_capture_on_commit_callbacks):
    reviewer_result_permissions()
    [reminder] = run(due_day(past.year), django_capture_on_commit_callbacks)
    client = signed_in(shinsa)
    page = client.get(reverse("admin:reports_resultreminder_changelist"))
    assert page.status_code == 200
    assert "editor@hokkaido.example.jp" in page.text and "令和" in page.text
    change = reverse("admin:reports_resultreminder_change", args=[reminder.pk])
    assert client.post(change, {"fiscal_year": "1999"}).status_code == 403
    assert client.get(reverse("admin:reports_resultreminder_add")).status_code == 403
