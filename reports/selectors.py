"""Reads of the 検証 records (ADR 0105) and of the yearly results (実績, ADR 0108)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Prefetch

from declarations.lifecycle import Kind, Status
from filing.rules.results import TargetPeriod, reminder_due, years_due
from filing.rules.verification import AssessmentData, VerificationData
from projects.models import ProjectTarget
from reports.models import Assessment, TargetResult, Verification
from visions.models import VisionRevision


def verifications_of(region):
    """The region's verifications, newest first, any status (the staff list)."""
    return (
        Verification.objects.filter(vision__region=region)
        .select_related(
            "vision__region", "vision_revision__declaration_revision", "change_revision"
        )
        .order_by("-number")
    )


def verification_loaded(pk: int) -> Verification:
    """One verification with its assessments and their projects."""
    return (
        Verification.objects.select_related(
            "vision__region", "vision_revision__declaration_revision", "change_revision"
        )
        .prefetch_related("assessments__project")
        .get(pk=pk)
    )


def current_published_vision(region) -> VisionRevision | None:
    """The region's public vision revision (the latest published), or ``None``; an
    abolished vision is not verified any more (``None`` too)."""
    revision = (
        VisionRevision.objects.filter(vision__region=region, status=Status.PUBLISHED)
        .select_related("declaration_revision", "vision")
        .order_by("-number")
        .first()
    )
    if revision is None or revision.kind == Kind.ABOLISHED:
        return None
    return revision


def open_verification(vision) -> Verification | None:
    """The verification being written or reviewed (not yet published), if any: one at a time."""
    return (
        Verification.objects.filter(vision=vision)
        .exclude(status=Status.PUBLISHED)
        .order_by("-number")
        .first()
    )


def _published():
    return Verification.objects.filter(status=Status.PUBLISHED, verified_on__isnull=False)


def last_verified_on(region) -> date | None:
    """The 検証を行った日 of the region's latest published verification (vision.verification
    counts from it, ``RuleContext.last_verified_on``)."""
    return _published().filter(vision__region=region).aggregate(last=Max("verified_on"))["last"]


def last_verifications(region_ids) -> dict[int, date]:
    """``last_verified_on`` for many regions in one query: region id → day."""
    rows = (
        _published()
        .filter(vision__region_id__in=set(region_ids))
        .values("vision__region_id")
        .annotate(last=Max("verified_on"))
        .values_list("vision__region_id", "last")
    )
    return dict(rows)


def published_verifications(region):
    """The region's published verifications, newest first, with their assessments: the
    public history."""
    return (
        _published()
        .filter(vision__region=region)
        .select_related("vision__region", "vision_revision__declaration_revision")
        .prefetch_related(
            Prefetch("assessments", queryset=Assessment.objects.select_related("project"))
        )
        .order_by("-verified_on", "-number")
    )


def submitted_verifications():
    """Verifications waiting for review, oldest submission first (the reviewers' overview)."""
    return (
        Verification.objects.filter(status=Status.SUBMITTED)
        .select_related("vision__region", "vision_revision__declaration_revision")
        .order_by("submitted_at", "pk")
    )


def verification_data(verification: Verification) -> VerificationData:
    """The plain data the 第4(3) rules check (``filing.rules.verification``)."""
    return VerificationData(
        period_start=verification.period_start,
        period_end=verification.period_end,
        verified_on=verification.verified_on,
        conclusion=verification.conclusion,
        consulted_on=verification.consulted_on,
        summary=verification.summary,
        assessments=tuple(
            AssessmentData(a.project.name, a.rating, a.text) for a in verification.assessments.all()
        ),
    )


# ---------------------------------------------------------------- yearly results (ADR 0108)


@dataclass(frozen=True)
class ResultTarget:
    """A target of the published vision a result may be for, with its project."""

    project: object  # projects.Project of the published revision
    number: int  # the project's number on the public page (position + 1)
    target: object  # projects.ProjectTarget
    period: TargetPeriod


def result_targets(revision: VisionRevision | None) -> dict[str, ResultTarget]:
    """The targets of a published vision revision by key, in page order (2 queries)."""
    if revision is None:
        return {}
    found: dict[str, ResultTarget] = {}
    projects = revision.projects.order_by("position", "pk").prefetch_related(
        Prefetch("targets", queryset=ProjectTarget.objects.order_by("position", "pk"))
    )
    for number, project in enumerate(projects, start=1):
        for target in project.targets.all():
            if target.key:
                found[target.key] = ResultTarget(
                    project,
                    number,
                    target,
                    TargetPeriod(target.key, target.name, target.unit, project.start, project.end),
                )
    return found


def results_of(vision):
    """Every result of the vision, any status (the staff grid)."""
    return TargetResult.objects.filter(vision=vision).order_by(
        "target_key", "fiscal_year", "number"
    )


def latest_results(vision) -> dict[tuple[str, int], TargetResult]:
    """(target key, 年度) → the latest result (the highest ``number``), any status."""
    latest: dict[tuple[str, int], TargetResult] = {}
    for result in results_of(vision):
        latest[(result.target_key, result.fiscal_year)] = result
    return latest


def published_results(vision_ids) -> dict[tuple[int, str, int], TargetResult]:
    """(vision id, target key, 年度) → the figure the public reads: the latest published
    result (a correction replaces it once published). Only published results, ever."""
    found: dict[tuple[int, str, int], TargetResult] = {}
    rows = TargetResult.objects.filter(
        vision_id__in=set(vision_ids), status=Status.PUBLISHED
    ).order_by("vision_id", "target_key", "fiscal_year", "number")
    for result in rows:
        found[(result.vision_id, result.target_key, result.fiscal_year)] = result
    return found


def result_loaded(region, pk: int) -> TargetResult | None:
    return (
        TargetResult.objects.filter(vision__region=region, pk=pk)
        .select_related("vision__region")
        .first()
    )


def submitted_results():
    """Results waiting for review, oldest submission first (the reviewers' overview)."""
    return (
        TargetResult.objects.filter(status=Status.SUBMITTED)
        .select_related("vision__region")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class MissingYear:
    """A 年度 of a published vision whose results are missing ``days`` after its end."""

    revision: VisionRevision
    fiscal_year: int
    targets: tuple[ResultTarget, ...]

    @property
    def names(self) -> list[str]:
        return [f"{t.project.name} / {t.target.name}" for t in self.targets]


def missing_results(*, today: date, days: int) -> list[MissingYear]:
    """The published visions' 年度 (within each target's project period) ended more than
    ``days`` days ago with a target that has no result sent (submitted, accepted or
    published): the reminders and the reviewers' overview."""
    latest: dict[int, VisionRevision] = {}
    for revision in (
        VisionRevision.objects.filter(status=Status.PUBLISHED)
        .select_related("vision__region", "declaration_revision")
        .order_by("vision_id", "number")
    ):
        latest[revision.vision_id] = revision
    sent = set(
        TargetResult.objects.filter(vision_id__in=latest)
        .exclude(status__in=[Status.DRAFT, Status.RETURNED])
        .values_list("vision_id", "target_key", "fiscal_year")
    )
    missing = []
    for vision_id, revision in latest.items():
        if revision.kind == Kind.ABOLISHED:
            continue
        by_year: dict[int, list[ResultTarget]] = {}
        for key, entry in result_targets(revision).items():
            for year in years_due(entry.period, today):
                if reminder_due(year, today, days) and (vision_id, key, year) not in sent:
                    by_year.setdefault(year, []).append(entry)
        missing += [
            MissingYear(revision, year, tuple(entries)) for year, entries in sorted(by_year.items())
        ]
    return missing
