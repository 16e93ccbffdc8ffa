"""Mail each region's editors once when a 年度's results (実績) of their published vision have
not been sent ``RESULT_REMINDER_DAYS`` days after the 年度 ended (第4(2)②・第4(3), ADR 0108).

Run it once a day from cron, beside ``remind_verifications``:

    5 8 * * *  cd /srv/region-portal && .venv/bin/python manage.py remind_results

Each reminder is sent once per vision and 年度 (``reports.ResultReminder``, listed in the
admin); running it again sends nothing more. The mails go through the outbox and the worker
(ADR 0081).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from workflow.result_reminders import result_reminders_send


class Command(BaseCommand):
    help = "年度が終わっても目標の実績が送付されていない連携ビジョンの編集者に督促のメールを送ります（毎日 1 回実行します）。"

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = result_reminders_send(today=today)
        self.stdout.write(
            f"{today:%Y-%m-%d}: 実績の督促を {len(sent)} 件送りました"
            f"（年度の終わりから {settings.RESULT_REMINDER_DAYS} 日を過ぎた年度、(ビジョン・年度)ごとに 1 回）。"
        )
