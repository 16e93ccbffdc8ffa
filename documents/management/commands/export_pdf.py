import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from declarations.models import DeclarationRevision, Region
from documents.models import Document, Kind
from documents.render import PdfError
from documents.services import (
    FreezeRefused,
    MissingDeclaration,
    StoredDocumentDamaged,
    freeze_documents,
    frozen_documents,
    read_frozen,
    render_document,
)
from visions.models import VisionRevision
from workflow.adapter import latest_revision


class Command(BaseCommand):
    help = (
        "リージョンの連携宣言書・連携ビジョン・送付書を PDF に書き出します。送付した版は、"
        "送付のときに保存した PDF（ダウンロードと同じバイト列）を、作成中の版は「下書き」と"
        "入れた PDF を書き出します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="リージョンの識別名")
        parser.add_argument(
            "--document",
            required=True,
            choices=["declaration", "vision", "cover"],
            help="declaration（連携宣言書）、vision（連携ビジョン）、cover（送付書）",
        )
        parser.add_argument(
            "--revision", type=int, help="版の番号（省略すると最新の版）", metavar="N"
        )
        parser.add_argument(
            "--of",
            choices=["declaration", "vision"],
            default="declaration",
            help="--document cover のとき、どちらの文書の送付書か（既定: declaration）",
        )
        parser.add_argument("--out", required=True, help="書き出す PDF ファイル", metavar="FILE")

    def handle(self, *args, **options):
        region = Region.objects.filter(slug=options["slug"]).first()
        if region is None:
            raise CommandError(f"識別名 {options['slug']} のリージョンはありません。", returncode=2)
        if options["document"] == "cover":
            document, kind = options["of"], Kind.COVER
        else:
            document, kind = options["document"], Kind.DOCUMENT
        revision = self._revision(region, document, options["revision"])
        try:
            data, frozen = self._pdf(revision, kind)
        except (PdfError, FreezeRefused, MissingDeclaration, StoredDocumentDamaged) as error:
            raise CommandError(str(error), returncode=1) from None
        target = Path(options["out"])
        try:
            target.write_bytes(data)
        except OSError as error:
            raise CommandError(f"{target} に書き出せません: {error}", returncode=2) from None
        state = "送付時に保存した PDF" if frozen else "下書き（保存していない PDF）"
        label = (
            Document(document).label
            if kind == Kind.DOCUMENT
            else f"送付書（{Document(document).label}）"
        )
        self.stdout.write(
            f"{target}: {region.slug} の{label} 第{revision.number}版"
            f"（{state}、{len(data):,} バイト、SHA-256 {hashlib.sha256(data).hexdigest()}）"
        )

    def _revision(self, region, document, number):
        queryset = (
            DeclarationRevision.objects.filter(declaration__region=region)
            if document == Document.DECLARATION
            else VisionRevision.objects.filter(vision__region=region)
        )
        revision = queryset.filter(number=number).first() if number else latest_revision(queryset)
        if revision is None:
            label = Document(document).label
            which = f"第{number}版" if number else "版"
            raise CommandError(
                f"リージョン {region.slug} に{label}の{which}がありません。", returncode=2
            )
        return revision

    def _pdf(self, revision, kind) -> tuple[bytes, bool]:
        if revision.is_editable:
            return render_document(revision, kind, draft=True), False
        stored = frozen_documents(revision).get(kind)
        if stored is None:
            stored = freeze_documents(revision=revision)[kind]
        return read_frozen(stored), True
