import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from declarations.models import Region
from filing.bundle import BundleError, read_bundle_file
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_return, revision_submit

DEMO_DIR = settings.BASE_DIR / "demo"


class Command(BaseCommand):
    help = "デモ用のリージョン（demo/manifest.json）を読み込みます。読み込み済みのリージョンは飛ばします。"

    def add_arguments(self, parser):
        parser.add_argument("--manifest", default=str(DEMO_DIR / "manifest.json"))

    def handle(self, *args, **options):
        manifest_path = options["manifest"]
        try:
            with open(manifest_path, encoding="utf-8") as handle:
                manifest = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(
                f"デモデータの一覧 {manifest_path} を読めません: {error}", returncode=2
            ) from None
        loaded = 0
        for entry in manifest["regions"]:
            if Region.objects.filter(slug=entry["slug"]).exists():
                continue
            self._load_region(entry, base=DEMO_DIR)
            loaded += 1
        self.stdout.write(
            f"デモ用のリージョンを {loaded} 件読み込みました（読み込み済み {len(manifest['regions']) - loaded} 件）。"
        )

    @transaction.atomic
    def _load_region(self, entry, *, base):
        region = None
        for step in entry["revisions"]:
            try:
                filing = read_bundle_file(base / step["bundle"])
            except BundleError as error:
                raise CommandError(f"{step['bundle']}: {error}", returncode=2) from None
            result = filing_import(
                filing, region=region, slug=entry["slug"] if region is None else None
            )
            region = result.region
            revisions = [result.declaration_revision] + (
                [result.vision_revision] if result.vision_revision else []
            )
            for revision in revisions:
                self._advance(revision, step)

    def _advance(self, revision, step):
        status = step["status"]
        if status == "draft":
            return
        revision_submit(revision=revision, actor=None)
        if status == "returned":
            revision_return(
                revision=revision,
                actor=None,
                comment=step.get("comment") or "記載内容の確認をお願いします。",
            )
        elif status == "published":
            revision_accept(revision=revision, actor=None)
