from django.core.management.base import BaseCommand, CommandError

from declarations.models import DeclarationRevision, Region
from filing.bundle import dumps_bundle
from workflow.adapter import filing_from_revisions, revisions_for_export


class Command(BaseCommand):
    help = "リージョンをリージョン・バンドル（JSON）として書き出します。"

    def add_arguments(self, parser):
        parser.add_argument("slug", help="リージョンの識別名")
        parser.add_argument(
            "--revision", type=int, metavar="N", help="連携宣言書の版（省略時は最新の版）"
        )
        parser.add_argument("--out", metavar="FILE", help="書き出すファイル（省略時は標準出力）")

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
        text = dumps_bundle(filing_from_revisions(declaration_revision, vision_revision))
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
