"""manage.py mail_retry [--failed]: queue again every pending mail that is due (and, with
--failed, every failed one). Safe to run at any time, e.g. from cron every few minutes."""

from django.core.management.base import BaseCommand

from outbox.models import Mail
from outbox.services import mails_due, mails_retry


class Command(BaseCommand):
    help = "送信待ちで時刻の来たメール（--failed なら送信失敗のメールも）を再送の列に入れます。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--failed", action="store_true", help="送信失敗のメールももう一度送ります。"
        )

    def handle(self, *, failed: bool, verbosity: int, **options):
        mails = Mail.objects.filter(pk__in=mails_due().values("pk"))
        if failed:
            mails = mails | Mail.objects.filter(status=Mail.Status.FAILED)
        count = mails_retry(mails)
        if verbosity:
            self.stdout.write(f"{count} 通のメールを再送の列に入れました。")
