from django.core.management.base import BaseCommand

from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from documents.models import Kind
from documents.render import PdfError
from documents.services import MissingDeclaration, freeze_documents, frozen_documents
from visions.models import VisionRevision


class Command(BaseCommand):
    help = (
        "送付済みの版のうち、送付文書の PDF がまだないもの（この仕組みより前に送付された版）の "
        "PDF を作って保存します。何度実行しても、すでにある PDF は作り直しません。"
    )

    def handle(self, *args, **options):
        made = failed = 0
        for model in (DeclarationRevision, VisionRevision):
            for revision in model.objects.exclude(status=Status.DRAFT).order_by("pk"):
                if set(frozen_documents(revision)) == set(Kind.values):
                    continue
                try:
                    freeze_documents(revision=revision)
                except (PdfError, MissingDeclaration) as error:
                    failed += 1
                    self.stderr.write(f"{revision}: {error}")
                    continue
                made += 1
                self.stdout.write(f"{revision}: 保存しました")
        self.stdout.write(f"PDF を作った版 {made} 件、作れなかった版 {failed} 件。")
        if failed:
            raise SystemExit(1)
