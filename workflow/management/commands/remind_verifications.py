"""Mail each region's editors before its vision's verification falls due, and once when it
is overdue (第4(3), ADR 0105).

Run it once a day from cron, beside ``publish_scheduled``:

    10 0 * * *  cd /srv/region-portal && .venv/bin/python manage.py remind_verifications

Each reminder is sent once per vision, due day and kind (``reports.VerificationReminder``,
listed in the admin); running it again the same day sends nothing more. The mails go
through the outbox and the worker (ADR 0081).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from workflow.verifications import reminders_send


class Command(BaseCommand):
    help = "検証の期限が近い・過ぎた連携ビジョンの編集者に督促のメールを送ります（毎日 1 回実行します）。"

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = reminders_send(today=today)
        self.stdout.write(
            f"{today:%Y-%m-%d}: 検証の督促を {len(sent)} 件送りました"
            f"（期限の {settings.VERIFICATION_REMINDER_DAYS} 日前から、期限の超過は 1 回）。"
        )
