from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from declarations.models import Region
from filing.bundle import STDIN, BundleError, read_bundle_listing_file
from workflow.adapter import ImportRefused, filing_import
from workflow.bundle_attachments import filing_import_with_attachments, read_files


class Command(BaseCommand):
    help = (
        "リージョン・バンドル（JSON）を作成中の版として保存します（すべて保存するか、何も保存しないか）。"
        "--region を付けると既存のリージョンの新しい版になります。バンドルが添付ファイルを挙げるときは、"
        "--attachments DIR と --user USERNAME でファイルも取り込むか、--skip-attachments で添付なしに取り込みます。"
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
        parser.add_argument(
            "--attachments",
            metavar="DIR",
            help="添付ファイルのフォルダ（export_region --with-attachments が書いたもの）",
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="添付した人として記録する職員のユーザー名"
        )
        parser.add_argument(
            "--skip-attachments",
            action="store_true",
            help="バンドルが挙げる添付ファイルを取り込まずに、版だけを取り込む",
        )

    def handle(self, *args, **options):
        source = options["file"]
        try:
            filing, listing = read_bundle_listing_file(source, stdin=options.get("stdin"))
        except BundleError as error:
            raise CommandError(f"取り込めません: {error}", returncode=2) from None
        region = None
        if options["region"]:
            region = Region.objects.filter(slug=options["region"]).first()
            if region is None:
                raise CommandError(
                    f"識別名 {options['region']} のリージョンはありません。", returncode=2
                )
        attach = bool(listing) and not options["skip_attachments"]
        if attach and not options["attachments"]:
            raise CommandError(
                f"取り込めません: バンドルが添付ファイルを {len(listing)} 件挙げています。"
                "--attachments DIR でファイルのフォルダを指定するか、添付なしで取り込むなら"
                " --skip-attachments を付けてください。",
                returncode=2,
            )
        actor = self.actor(options["user"]) if attach else None
        kwargs = {
            "region": region,
            "slug": options["slug"],
            "source": "標準入力" if source == STDIN else Path(source).name,
        }
        try:
            if attach:
                files = read_files(listing, options["attachments"])
                result = filing_import_with_attachments(
                    filing, listing, files, actor=actor, **kwargs
                )
            else:
                # No user runs a command: the creation rows have no actor and name the bundle.
                result = filing_import(filing, actor=None, **kwargs)
        except BundleError as error:
            raise CommandError(f"取り込めません: {error}", returncode=2) from None
        except ImportRefused as error:
            raise CommandError(str(error), returncode=2) from None
        vision = (
            f"、連携ビジョン 第{result.vision_revision.number}版" if result.vision_revision else ""
        )
        attached = f"（添付ファイル {len(listing)} 件）" if attach else ""
        self.stdout.write(
            f"リージョン {result.region.slug} に連携宣言書 第{result.declaration_revision.number}版{vision}"
            f"を作成中の版として保存しました{attached}。"
        )
        if listing and not attach:
            self.stdout.write(
                f"バンドルが挙げる添付ファイル {len(listing)} 件は取り込んでいません。"
            )

    def actor(self, username):
        """The staff user recorded as having attached the files (an attachment needs one)."""
        if not username:
            raise CommandError(
                "取り込めません: 添付ファイルを取り込むには --user USERNAME（添付した人として"
                "記録する職員）を指定してください。",
                returncode=2,
            )
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(
                f"取り込めません: ユーザー {username} はいません（有効なユーザー名を指定してください）。",
                returncode=2,
            )
        return user
