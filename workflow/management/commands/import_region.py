from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from declarations.models import Region
from filing.bundle import STDIN, BundleError, read_bundle_file
from workflow.adapter import ImportRefused, filing_import


class Command(BaseCommand):
    help = (
        "リージョン・バンドル（JSON）を作成中の版として保存します（すべて保存するか、何も保存しないか）。"
        "--region を付けると既存のリージョンの新しい版になります。"
    )

    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help="バンドルの JSON ファイル（- で標準入力）")
        parser.add_argument(
            "--region", metavar="SLUG", help="新しい版として取り込む既存リージョンの識別名"
        )
        parser.add_argument(
            "--slug", help="新しいリージョンの識別名（省略時は region-0001 のように採番）"
        )

    def handle(self, *args, **options):
        source = options["file"]
        try:
            filing = read_bundle_file(source, stdin=options.get("stdin"))
        except BundleError as error:
            raise CommandError(f"取り込めません: {error}", returncode=2) from None
        region = None
        if options["region"]:
            region = Region.objects.filter(slug=options["region"]).first()
            if region is None:
                raise CommandError(
                    f"識別名 {options['region']} のリージョンはありません。", returncode=2
                )
        try:
            # No user runs a command: the creation rows have no actor and name the bundle.
            result = filing_import(
                filing,
                region=region,
                slug=options["slug"],
                actor=None,
                source="標準入力" if source == STDIN else Path(source).name,
            )
        except ImportRefused as error:
            raise CommandError(str(error), returncode=2) from None
        vision = (
            f"、連携ビジョン 第{result.vision_revision.number}版" if result.vision_revision else ""
        )
        self.stdout.write(
            f"リージョン {result.region.slug} に連携宣言書 第{result.declaration_revision.number}版{vision}"
            "を作成中の版として保存しました。"
        )
