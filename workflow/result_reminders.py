"""Reminders of the yearly results (実績, ADR 0108): once a 年度 has ended and
``RESULT_REMINDER_DAYS`` have passed, the region's editors are mailed the targets whose
result has not been sent (``reports.selectors.missing_results``), once per vision and 年度
(``reports.ResultReminder``, a unique constraint). Beside the verification reminders
(``workflow.verifications``), and run daily by ``manage.py remind_results``."""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.notifications import editor_addresses
from declarations import clock
from reports import result_notices
from reports.models import ResultReminder
from reports.selectors import MissingYear, missing_results


def result_reminder_send(missing: MissingYear) -> ResultReminder | None:
    """Mail the region's editors about one 年度's missing results, once per vision and 年度
    (the ``ResultReminder`` row, also when no editor has an address); ``None`` when that
    reminder was already sent."""
    vision = missing.revision.vision
    if ResultReminder.objects.filter(vision=vision, fiscal_year=missing.fiscal_year).exists():
        return None
    recipients = editor_addresses(vision.region)
    try:
        with transaction.atomic():  # the mail and its row together, or neither
            mail = result_notices.notify_missing(missing=missing, recipients=recipients)
            reminder = ResultReminder.objects.create(
                vision=vision,
                fiscal_year=missing.fiscal_year,
                missing=missing.names,
                sent_at=clock.now(),
                recipients=recipients,
                mail=mail,
            )
    except IntegrityError:  # sent by a command running at the same moment
        return None
    return reminder


def result_reminders_send(*, today: date | None = None) -> list[ResultReminder]:
    """The daily reminders (``manage.py remind_results``): each missing 年度 sent once."""
    today = today or timezone.localdate()
    sent = []
    for missing in missing_results(today=today, days=settings.RESULT_REMINDER_DAYS):
        reminder = result_reminder_send(missing)
        if reminder is not None:
            sent.append(reminder)
    return sent
