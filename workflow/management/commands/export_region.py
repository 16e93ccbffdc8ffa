from django.core.management.base import BaseCommand, CommandError

from declarations.models import DeclarationRevision, Region
from filing.bundle import dumps_bundle
from workflow.adapter import filing_from_revisions, revisions_for_export
from workflow.bundle_attachments import export_listing, write_files


class Command(BaseCommand):
    help = (
        "リージョンをリージョン・バンドル（JSON）として書き出します。"
        "--with-attachments DIR を付けると、添付ファイルの一覧をバンドルに書き、"
        "ファイルを DIR に SHA-256 の名前で書き出します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="リージョンの識別名")
        parser.add_argument(
            "--revision", type=int, metavar="N", help="連携宣言書の版（省略時は最新の版）"
        )
        parser.add_argument("--out", metavar="FILE", help="書き出すファイル（省略時は標準出力）")
        parser.add_argument(
            "--with-attachments",
            metavar="DIR",
            help="添付ファイルを書き出すフォルダ（バンドルには一覧とハッシュを書きます）",
        )

    def handle(self, *args, **options):
        region = Region.objects.filter(slug=options["slug"]).first()
        if region is None:
            raise CommandError(f"識別名 {options['slug']} のリージョンはありません。", returncode=2)
        try:
            declaration_revision, vision_revision = revisions_for_export(
                region, options["revision"]
            )
        except DeclarationRevision.DoesNotExist:
            raise CommandError(
                f"リージョン {region.slug} に第{options['revision']}版はありません。", returncode=2
            ) from None
        filing = filing_from_revisions(declaration_revision, vision_revision)
        folder = options["with_attachments"]
        exported = export_listing(declaration_revision, vision_revision) if folder else []
        text = dumps_bundle(filing, [item.listed for item in exported])
        if folder:
            written = write_files(exported, folder)
            self.stderr.write(
                f"添付ファイル {len(exported)} 件（ファイル {written} 個）を {folder} に書き出しました。"
            )
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
