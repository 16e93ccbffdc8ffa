"""Publish every accepted revision whose publication day (``publish_on``) has come.

Run it once a day, shortly after midnight (Asia/Tokyo), from cron or a systemd timer:

    5 0 * * *  cd /srv/region-portal && .venv/bin/python manage.py publish_scheduled

Running it again the same day is harmless (a revision is published once), and a day the
command missed is caught up the next time it runs (every day up to today is due).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from workflow.verbs import publish_due


class Command(BaseCommand):
    help = "公表予定日が来た受理済みの版を公表します（cron などで毎日 1 回実行します）。"

    def handle(self, *args, **options):
        today = timezone.localdate()
        count = publish_due(today=today)
        self.stdout.write(f"{today:%Y-%m-%d} までが公表予定日の版を {count} 件公表しました。")
