"""manage.py freeze_documents [--retry-failed] [--now]: put on the worker's queue again the
PDFs of every submitted revision that are not all stored (ADR 0102): a lost queue entry, a
worker that died, a revision sent before the worker made them. Failed builds only with
--retry-failed. --now makes them here instead, in this process (operators, ``make run``).
Safe to run at any time, e.g. from cron every few minutes."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from documents.builds import build_queue, builds_missing
from documents.models import DocumentBuild
from documents.render import PdfError
from documents.services import MissingDeclaration, SentContentMissing, build_make


class Command(BaseCommand):
    help = (
        "送付済みの版のうち、送付文書の PDF がそろっていないものを作成の列に入れ直します"
        "（--now なら、このプロセスで作って保存します）。作成に失敗したものは --retry-failed を"
        "付けたときだけです。何度実行しても、すでにある PDF は作り直しません。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="作成に失敗した PDF ももう一度作ります。",
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="ワーカーを待たず、このプロセスで作って保存します。",
        )

    def handle(self, *, retry_failed: bool, now: bool, verbosity: int, **options):
        builds = [
            build
            for build in builds_missing()
            if retry_failed or build.status != DocumentBuild.Status.FAILED
        ]
        if not now:
            moment = timezone.now()
            queued = 0
            for build in builds:
                if build.status == DocumentBuild.Status.FAILED:
                    DocumentBuild.objects.filter(pk=build.pk).update(
                        status=DocumentBuild.Status.PENDING, next_attempt_at=moment
                    )
                elif build.next_attempt_at > moment:
                    continue  # being made, or waiting for its retry: its task will come
                build_queue(build)
                queued += 1
            if verbosity:
                self.stdout.write(f"PDF の作成を {queued} 件、列に入れました。")
            return
        made = failed = 0
        for build in builds:
            try:
                build_make(build)
            except (PdfError, MissingDeclaration, SentContentMissing) as error:
                failed += 1
                self.stderr.write(f"{build}: {error}")
                continue
            made += 1
            if verbosity:
                self.stdout.write(f"{build}: 保存しました")
        self.stdout.write(f"PDF を作った版 {made} 件、作れなかった版 {failed} 件。")
        if failed:
            raise SystemExit(1)
