"""``manage.py load_demo_data``: the demo regions of demo/manifest.json, each moved to its status.

Each step of the manifest may give the moments of its moves (``submitted_at``, ``returned_at``,
``published_at``: ISO 8601 with the offset, +09:00). The verbs record them (``at``) in the
revisions, the audit rows and the reviews, so the demo reads as a plausible history: published a
few weeks after the declaration, a change declared after the first publication (issue 13).
A step without them is recorded as happening now.

A region may also list ``verifications``: 検証 records of its published vision (ADR 0105),
filed, sent and published through the same services. They are reports about the vision,
not part of its revisions, so they live in the manifest rather than in the region bundle.

The demo catalogue of national support measures (demo/support-measures.csv, ADR 0114) is
read with the admin's CSV reader after the regions, every measure marked as demo.

A region may list ``results`` too: yearly results of its targets (ADR 0108), one batch per
project and 年度 (the targets named as the published vision names them), saved, sent with
``results_submit_year`` at ``submitted_at`` and, when ``published_at`` is given, accepted
(and so published) then. The result rules judge each at its moment: a 年度 must have ended.
"""

import json
from datetime import date, datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from declarations.clock import recorded_at
from declarations.models import Region
from filing.bundle import BundleError, read_bundle_file
from filing.targets import ValueRefused, parse_value
from reports.result_services import (
    ResultInput,
    ResultRefused,
    result_accept,
    result_save,
    results_submit_year,
)
from reports.selectors import current_published_vision, result_targets
from reports.services import (
    AssessmentInput,
    verification_accept,
    verification_create,
    verification_save,
    verification_submit,
)
from support.services import load_catalogue_file
from workflow.adapter import filing_import
from workflow.verbs import revision_accept, revision_return, revision_submit

DEMO_DIR = settings.BASE_DIR / "demo"


class Command(BaseCommand):
    help = "デモ用のリージョン（demo/manifest.json）を読み込みます。読み込み済みのリージョンは飛ばします。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--manifest",
            default=str(DEMO_DIR / "manifest.json"),
            metavar="FILE",
            help="読み込むデモの一覧（既定: demo/manifest.json）",
        )

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
        self._load_catalogue(DEMO_DIR / "support-measures.csv")

    def _load_catalogue(self, path):
        """The demo catalogue of national support measures (ADR 0114), added or updated by
        name and ministry with the admin's CSV reader, marked as demo."""
        outcome = load_catalogue_file(path)
        if not outcome.ok:
            errors = "\n".join(str(error) for error in outcome.errors)
            raise CommandError(f"{path.name}:\n{errors}", returncode=2)
        self.stdout.write(
            f"デモ用の国の支援措置を {len(outcome.created)} 件追加、{len(outcome.updated)} 件更新しました"
            f"（変更なし {outcome.unchanged} 件）。"
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
        for batch in entry.get("results", ()):
            load_demo_results(region, batch)
        for verification in entry.get("verifications", ()):
            load_demo_verification(region, verification)

    def _advance(self, revision, step):
        status = step["status"]
        if status == "draft":
            return
        moments = step_moments(step)
        with recorded_at(moments.get("submitted_at")):
            revision_submit(revision=revision, actor=None)
        if status == "returned":
            with recorded_at(moments.get("returned_at")):
                revision_return(
                    revision=revision,
                    actor=None,
                    comment=step.get("comment") or "記載内容の確認をお願いします。",
                )
        elif status == "published":
            # 受理 publishes at once: accepted and published at the same moment.
            with recorded_at(moments.get("published_at")):
                revision_accept(revision=revision, actor=None)


MOMENTS = ("submitted_at", "returned_at", "published_at")


def step_moments(step: dict) -> dict[str, datetime]:
    """The moments a manifest step gives, checked: ISO 8601 with an offset, in order, past."""
    moments = {}
    for key in MOMENTS:
        if key not in step:
            continue
        try:
            moment = datetime.fromisoformat(step[key])
        except (TypeError, ValueError):
            moment = None
        if moment is None or moment.tzinfo is None:
            raise CommandError(
                f"{step['bundle']}: {key} は時差付きの ISO 8601 の日時で書いてください"
                f"（例: 2026-06-05T14:00:00+09:00。受け取った値: {step[key]!r}）。",
                returncode=2,
            )
        moments[key] = moment
    ordered = [moments[key] for key in MOMENTS if key in moments]
    if ordered != sorted(ordered) or any(moment > timezone.now() for moment in ordered):
        raise CommandError(
            f"{step['bundle']}: 送付・差戻し・公表の日時は、この順で、今より前にしてください。",
            returncode=2,
        )
    return moments


def load_demo_verification(region, data: dict) -> None:
    """One 検証 record of the manifest: filled in (the assessments in the order of the
    projects), sent at ``submitted_at`` and, when ``published_at`` is given, accepted and
    published then."""
    moments = step_moments({"bundle": f"{region.slug} verification", **data})
    with recorded_at(moments.get("submitted_at")):
        verification = verification_create(region=region, actor=None)
    assessments = list(verification.assessments.order_by("position"))
    given = data.get("assessments", [])
    if len(given) != len(assessments):
        raise CommandError(
            f"{region.slug}: 検証の assessments は、公表中の連携ビジョンのプロジェクトの数"
            f"（{len(assessments)} 件）だけ書いてください（{len(given)} 件あります）。",
            returncode=2,
        )
    fields = {
        name: date.fromisoformat(data[name]) if data.get(name) else None
        for name in ("period_start", "period_end", "verified_on", "consulted_on")
    } | {"conclusion": data.get("conclusion", ""), "summary": data.get("summary", "")}
    verification_save(
        verification=verification,
        version=verification.version,
        fields=fields,
        assessments={
            a.pk: AssessmentInput(item.get("rating", ""), item.get("text", ""))
            for a, item in zip(assessments, given, strict=True)
        },
    )
    verification.refresh_from_db()
    with recorded_at(moments.get("submitted_at")):
        verification_submit(verification=verification, actor=None)
    if "published_at" in moments:
        with recorded_at(moments["published_at"]):
            verification_accept(verification=verification, actor=None)


def load_demo_results(region, batch: dict) -> None:
    """One 年度's batch of a project's results: each saved and sent at ``submitted_at``,
    then accepted and published at ``published_at`` when it is given."""
    name = f"{region.slug} {batch.get('project')} {batch.get('fiscal_year')}"
    moments = step_moments({"bundle": f"{name} results", **batch})
    targets = {
        (t.project.name, t.target.name): key
        for key, t in result_targets(current_published_vision(region)).items()
    }
    keys = []
    with recorded_at(moments.get("submitted_at")):
        for item in batch["values"]:
            key = targets.get((batch["project"], item["target"]))
            if key is None:
                raise CommandError(
                    f"{name}: 公表中の連携ビジョンに目標「{item['target']}」がありません。",
                    returncode=2,
                )
            try:
                value = parse_value(str(item["value"]))
                result_save(
                    region=region,
                    actor=None,
                    given=ResultInput(
                        key, batch["fiscal_year"], value, comment=item.get("comment", "")
                    ),
                )
            except (ValueRefused, ResultRefused) as error:
                raise CommandError(f"{name} {item['target']}: {error}", returncode=2) from None
            keys.append(key)
        sent = results_submit_year(
            region=region, fiscal_year=batch["fiscal_year"], keys=keys, actor=None
        )
    if "published_at" in moments:
        with recorded_at(moments["published_at"]):
            for result in sent:
                result_accept(result=result, actor=None)
