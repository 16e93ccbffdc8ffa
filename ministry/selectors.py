"""Read-only queries of the review: the queue, one revision as a reviewer sees it, the
comment threads and the overview (the audit trail is ``ministry.audit``).

Reviewers see a revision once it has been submitted (``submitted_at`` is set); a draft
the region has never sent is not theirs to read: ``reviewer_readable`` says so for the review
pages and the admin's model pages alike (ADR 0133). The queue computes the findings of
every row from prefetched rows and one load of the master data, so its query count does
not grow with the number of rows (``tests/reviews/test_admin_queue.py`` measures it).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from attachments.selectors import consultation_recorded
from declarations.lifecycle import Status
from declarations.models import (
    DeclarationField,
    DeclarationRevision,
    Member,
    Prefecture,
)
from declarations.selectors import master_data
from filing.anchors import Anchor, anchor_of
from filing.bundle import BundleError, parse_bundle
from filing.data import FieldCode, Filing, MasterData, PublishedDeclaration
from filing.engine import all_rules, check_filing
from filing.findings import Finding
from filing.rules import declaration as declaration_rules
from filing.rules.declaration import local_government_area
from filing.rules.vision import last_verification
from projects.models import PROJECT_CHILDREN, Project
from reports.selectors import last_verifications, missing_results
from reviews.models import Submission
from reviews.selectors import latest_submissions, submissions_of
from visions.models import VisionRevision
from visions.selectors import paired_declaration
from workflow.adapter import filing_from_revisions, rule_context, vision_first_publications

DOCUMENTS = {"declaration": DeclarationRevision, "vision": VisionRevision}


def document_label(document: str) -> str:
    return DOCUMENTS[document].document_label


# ---------------------------------------------------------------- loading revisions


def _projects_prefetch(lookup: str = "projects") -> Prefetch:
    return Prefetch(
        lookup,
        queryset=Project.objects.prefetch_related(*PROJECT_CHILDREN),
    )


def reviewer_readable(rows, revision_lookup: str = ""):
    """The rows of ``rows`` (a queryset) a reviewer may read: the revisions sent at least once
    (``RevisionQuerySet.sent``), or, with ``revision_lookup`` the way from a row to its
    revision ("revision", "memberships__revision"), the rows of one."""
    if not revision_lookup:
        return rows.sent()
    model, many = rows.model, False
    for name in revision_lookup.split("__"):
        field = model._meta.get_field(name)
        model, many = field.related_model, many or field.one_to_many or field.many_to_many
    condition = {f"{revision_lookup}__in": model.objects.sent().values("pk")}
    if many:  # a row named by several revisions, listed once
        return rows.filter(pk__in=rows.model.objects.filter(**condition).values("pk"))
    return rows.filter(**condition)


def declaration_revisions():
    """Declaration revisions a reviewer may read, with what a filing needs prefetched."""
    return (
        reviewer_readable(DeclarationRevision.objects.all())
        .select_related("declaration__region")
        .prefetch_related("fields", "members")
    )


def vision_revisions():
    """Vision revisions a reviewer may read, with their paired declaration revision."""
    return (
        reviewer_readable(VisionRevision.objects.all())
        .select_related("vision__region", "declaration_revision__declaration__region")
        .prefetch_related(
            "declaration_revision__fields",
            "declaration_revision__members",
            _projects_prefetch(),
        )
    )


def advised_revision(advice):
    """The revision a 事前相談 is about, loaded for display as ``reviewable_revision`` loads
    one, draft or not: a reviewer reads a draft only through a question on it (ADR 0116)."""
    model = advice.content_type.model_class()
    if model is DeclarationRevision:
        rows = DeclarationRevision.objects.select_related("declaration__region").prefetch_related(
            "fields", "members"
        )
    elif model is VisionRevision:
        rows = VisionRevision.objects.select_related(
            "vision__region", "declaration_revision__declaration__region"
        ).prefetch_related(
            "declaration_revision__fields", "declaration_revision__members", _projects_prefetch()
        )
    else:
        return None
    return rows.filter(pk=advice.object_id).first()


def reviewable_revision(document: str, pk: int):
    """One revision a reviewer may read (loaded for display), or ``None``."""
    if document == "declaration":
        return declaration_revisions().filter(pk=pk).first()
    if document == "vision":
        return vision_revisions().filter(pk=pk).first()
    return None


def filing_of(revision) -> Filing | None:
    """The ``Filing`` a revision is checked as (a vision with its paired declaration)."""
    if revision.document == "declaration":
        return filing_from_revisions(revision)
    declaration = paired_declaration(revision)
    if declaration is None:
        return None
    return filing_from_revisions(declaration, revision)


def region_name_of(revision) -> str:
    if revision.document == "declaration":
        return revision.region_name
    declaration = paired_declaration(revision)
    return declaration.region_name if declaration is not None else ""


# ---------------------------------------------------------------- findings in bulk


def published_declarations(region_ids) -> dict[int, PublishedDeclaration]:
    """For each region, what its current published declaration holds (three queries)."""
    latest: dict[int, tuple[int, int]] = {}
    rows = DeclarationRevision.objects.filter(
        status=Status.PUBLISHED, declaration__region_id__in=set(region_ids)
    ).values_list("pk", "number", "declaration__region_id")
    for pk, number, region_id in rows:
        if region_id not in latest or number > latest[region_id][1]:
            latest[region_id] = (pk, number)
    revision_region = {pk: region_id for region_id, (pk, _) in latest.items()}
    keys: dict[int, set[str]] = defaultdict(set)
    codes: dict[int, set[FieldCode]] = defaultdict(set)
    for revision_id, key in Member.objects.filter(revision_id__in=revision_region).values_list(
        "revision_id", "key"
    ):
        keys[revision_region[revision_id]].add(key)
    for revision_id, code in DeclarationField.objects.filter(
        revision_id__in=revision_region
    ).values_list("revision_id", "code"):
        codes[revision_region[revision_id]].add(FieldCode(code))
    return {
        region_id: PublishedDeclaration(
            member_keys=frozenset(keys[region_id]), fields=frozenset(codes[region_id])
        )
        for region_id in latest
    }


def findings_of(revisions, *, master: MasterData | None = None, today=None) -> dict:
    """``{(document, pk): [Finding, …]}`` for prefetched revisions, with the same results as
    ``workflow.verbs.revision_findings`` and a fixed number of queries."""
    revisions = list(revisions)
    master = master or master_data()
    today = today or timezone.localdate()
    published = published_declarations(r.region.pk for r in revisions)
    first_published = vision_first_publications(r.region.pk for r in revisions)
    last_verified = last_verifications(r.region.pk for r in revisions)
    recorded = consultation_recorded(revisions)  # 協議の記録 (ADR 0120), one query
    result = {}
    for revision in revisions:
        filing = filing_of(revision)
        if filing is None:
            result[(revision.document, revision.pk)] = []
            continue
        context = rule_context(
            master=master,
            today=today,
            published=published.get(revision.region.pk),
            vision_first_published_on=first_published.get(revision.region.pk),
            last_verified_on=last_verified.get(revision.region.pk),
            **{
                f"{revision.document}_consultation_record": (revision.document, revision.pk)
                in recorded
            },
        )
        result[(revision.document, revision.pk)] = [
            f for f in check_filing(filing, context) if f.document == revision.document
        ]
    return result


# ---------------------------------------------------------------- the queue


@dataclass
class QueueRow:
    revision: object
    document: str
    region_name: str
    prefectures: frozenset[str]
    prefecture_names: tuple[str, ...] = ()
    errors: int | None = None
    warnings: int | None = None
    submission: Submission | None = None  # the last 送付 (with_submissions)

    @property
    def document_label(self) -> str:
        return document_label(self.document)

    @property
    def days_waiting(self) -> int | None:
        if self.revision.status != Status.SUBMITTED or self.revision.submitted_at is None:
            return None
        submitted = timezone.localdate(self.revision.submitted_at)
        return (timezone.localdate() - submitted).days


def _search(queryset, document: str, query: str):
    if document == "declaration":
        condition = (
            Q(region_name__icontains=query)
            | Q(declaration__region__slug__icontains=query)
            | Q(members__name__icontains=query)
        )
    else:
        condition = (
            Q(vision__region__slug__icontains=query)
            | Q(declaration_revision__region_name__icontains=query)
            | Q(declaration_revision__members__name__icontains=query)
            | Q(projects__name__icontains=query)
        )
    matching = queryset.model.objects.filter(condition).values("pk")
    return queryset.filter(pk__in=matching)


def review_queue(
    *,
    status: str = Status.SUBMITTED,
    document: str = "",
    prefecture: str = "",
    field_code: str = "",
    query: str = "",
    master: MasterData | None = None,
) -> list[QueueRow]:
    """Revisions for the review queue, oldest submission first (without findings: see
    ``with_findings``). ``status`` empty means every status a reviewer may see."""
    master = master or master_data()
    rows = []
    for name, queryset in (
        ("declaration", declaration_revisions()),
        ("vision", vision_revisions()),
    ):
        if document and document != name:
            continue
        if status:
            queryset = queryset.filter(status=status)
        if query:
            queryset = _search(queryset, name, query)
        if field_code:
            lookup = (
                "fields__code" if name == "declaration" else "declaration_revision__fields__code"
            )
            queryset = queryset.filter(
                pk__in=queryset.model.objects.filter(**{lookup: field_code}).values("pk")
            )
        for revision in queryset:
            declaration = revision if name == "declaration" else paired_declaration(revision)
            members = filing_from_revisions(declaration).members if declaration is not None else ()
            area = local_government_area(members, master).prefectures
            if prefecture and prefecture not in area:
                continue
            rows.append(
                QueueRow(
                    revision=revision,
                    document=name,
                    region_name=declaration.region_name if declaration is not None else "",
                    prefectures=area,
                    prefecture_names=tuple(master.prefectures[code] for code in sorted(area)),
                )
            )
    far_future = timezone.now() + datetime.timedelta(days=36500)
    rows.sort(
        key=lambda row: (row.revision.submitted_at or far_future, row.document, row.revision.pk)
    )
    return rows


def with_findings(rows: list[QueueRow], *, master: MasterData | None = None) -> list[QueueRow]:
    """Fill in the error and warning counts of ``rows`` (in place; returns them)."""
    found = findings_of((row.revision for row in rows), master=master)
    for row in rows:
        findings = found[(row.document, row.revision.pk)]
        row.errors = sum(1 for f in findings if f.is_error)
        row.warnings = len(findings) - row.errors
    return rows


def with_submissions(rows: list[QueueRow]) -> list[QueueRow]:
    """Fill in the last 送付 (its number and 受付番号) of ``rows``: one query per document."""
    latest = latest_submissions(row.revision for row in rows)
    for row in rows:
        row.submission = latest.get((row.document, row.revision.pk))
    return rows


# ---------------------------------------------------------------- one revision


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    clause: str
    description: str
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def passed(self) -> bool:
        return not self.findings


_VISION_CODES_IN_DECLARATION_RULES = {"members.in_project", "change.consultation"}


def checklist(document: str, findings: list[Finding]) -> list[ChecklistRow]:
    """Every rule that can judge this document, in rule order, with its findings."""
    declaration_codes = {rule.code for rule in declaration_rules.RULES} - {"members.in_project"}
    rows = []
    for rule in all_rules():
        belongs = rule.code in declaration_codes
        if document == "vision":
            belongs = (
                rule.code not in declaration_codes
                or rule.code in _VISION_CODES_IN_DECLARATION_RULES
            )
        if not belongs:
            continue
        rows.append(
            ChecklistRow(
                code=rule.code,
                clause=rule.clause,
                description=rule.description,
                findings=tuple(f for f in findings if f.code == rule.code),
            )
        )
    return rows


def findings_by_anchor(findings: list[Finding], anchors: list[Anchor]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[anchor_of(finding.path, anchors).path].append(finding)
    return dict(grouped)


def previous_published(revision):
    """The latest published revision of the same document before this one, loaded; or None."""
    if revision.document == "declaration":
        queryset = declaration_revisions().filter(declaration_id=revision.declaration_id)
    else:
        queryset = vision_revisions().filter(vision_id=revision.vision_id)
    return (
        queryset.filter(status=Status.PUBLISHED, number__lt=revision.number)
        .order_by("-number")
        .first()
    )


# ---------------------------------------------------------------- the 送付 of a revision


@dataclass(frozen=True)
class SubmissionPair:
    """The revision's last 送付 and the one before it (the 送付 that was returned), or None."""

    current: Submission | None
    previous: Submission | None


def submissions_compared(revision) -> SubmissionPair:
    """The last two 送付 of a revision (ADR 0094): two queries' worth of rows at most."""
    rows = list(submissions_of(revision).order_by("-sequence")[:2])
    return SubmissionPair(
        current=rows[0] if rows else None, previous=rows[1] if len(rows) > 1 else None
    )


def snapshot_filing(submission: Submission | None) -> Filing | None:
    """What was sent in a 送付, read back from its bundle; ``None`` when it was not kept."""
    if submission is None or not submission.snapshot:
        return None
    try:
        return parse_bundle(submission.snapshot)
    except BundleError:
        return None


# ---------------------------------------------------------------- threads


# ---------------------------------------------------------------- overview


@dataclass(frozen=True)
class CoverageRow:
    prefecture: Prefecture
    published: tuple[str, ...]  # region names
    under_review: tuple[str, ...]


def status_counts() -> list[dict]:
    """``[{"status": Status, "declaration": n, "vision": n}, …]`` for every status."""
    counts = {
        name: dict(model.objects.values_list("status").annotate(n=Count("pk")).order_by())
        for name, model in DOCUMENTS.items()
    }
    return [
        {
            "status": status,
            "declaration": counts["declaration"].get(status.value, 0),
            "vision": counts["vision"].get(status.value, 0),
        }
        for status in Status
    ]


def _latest_by_region(revisions):
    latest = {}
    for revision in revisions:
        region_id = revision.region.pk
        if region_id not in latest or revision.number > latest[region_id].number:
            latest[region_id] = revision
    return latest


def prefecture_coverage(master: MasterData | None = None) -> list[CoverageRow]:
    """For each prefecture, the regions whose current published declaration covers it, and
    those whose submitted declaration (waiting for review) would."""
    master = master or master_data()
    published = _latest_by_region(declaration_revisions().filter(status=Status.PUBLISHED))
    pending = _latest_by_region(declaration_revisions().filter(status=Status.SUBMITTED))
    covered: dict[str, list[str]] = defaultdict(list)
    reviewing: dict[str, list[str]] = defaultdict(list)
    for target, revisions in ((covered, published), (reviewing, pending)):
        for revision in sorted(revisions.values(), key=lambda r: r.region_name):
            members = filing_from_revisions(revision).members
            for code in local_government_area(members, master).prefectures:
                target[code].append(revision.region_name or revision.region.slug)
    return [
        CoverageRow(
            prefecture=prefecture,
            published=tuple(covered.get(prefecture.code, ())),
            under_review=tuple(reviewing.get(prefecture.code, ())),
        )
        for prefecture in Prefecture.objects.order_by("code")
    ]


def current_published_visions():
    """Each region's latest published vision revision (loaded with its projects)."""
    return list(_latest_by_region(vision_revisions().filter(status=Status.PUBLISHED)).values())


@dataclass(frozen=True)
class VisionItem:
    revision: VisionRevision
    region_name: str
    finding: Finding | None = None
    project: Project | None = None
    project_index: int = 0
    verified_on: datetime.date | None = None  # the last verification (revision or 検証 record)


def overdue_verifications(visions, *, master: MasterData | None = None, today=None):
    """Published visions the ``vision.verification`` rule reports as not verified for
    longer than the configured interval."""
    today = today or timezone.localdate()
    found = findings_of(visions, master=master, today=today)
    recorded = last_verifications(revision.region.pk for revision in visions)
    overdue = [
        VisionItem(
            revision,
            region_name_of(revision),
            finding=finding,
            verified_on=last_verification(revision.verified_on, recorded.get(revision.region.pk)),
        )
        for revision in visions
        for finding in found[("vision", revision.pk)]
        if finding.code == "vision.verification"
    ]
    return sorted(overdue, key=lambda item: item.region_name)


def projects_ending_soon(visions, *, today=None):
    """Projects of the published visions that end between today and one year from today,
    soonest first."""
    today = today or timezone.localdate()
    try:
        horizon = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        horizon = today.replace(year=today.year + 1, day=28)
    ending = [
        VisionItem(revision, region_name_of(revision), project=project, project_index=index)
        for revision in visions
        for index, project in enumerate(revision.projects.all())
        if project.end is not None and today <= project.end <= horizon
    ]
    return sorted(ending, key=lambda item: (item.project.end, item.project.name))


@dataclass(frozen=True)
class MissingResultRow:
    """A project's targets without a result sent for an ended 年度 (``missing_results``)."""

    revision: VisionRevision
    region_name: str
    project_name: str
    target_count: int
    fiscal_year: int
    days_overdue: int  # days after the reminder day (3月31日 + RESULT_REMINDER_DAYS)

    @property
    def region(self):
        return self.revision.vision.region


def missing_result_rows(*, today=None) -> list[MissingResultRow]:
    """「実績が届いていない年度」: one row per region, 年度 and project, longest overdue first."""
    today = today or timezone.localdate()
    days = settings.RESULT_REMINDER_DAYS
    rows = []
    for missing in missing_results(today=today, days=days):
        due = datetime.date(missing.fiscal_year + 1, 3, 31) + datetime.timedelta(days=days)
        by_project: dict[int, list] = {}
        for entry in missing.targets:
            by_project.setdefault(entry.number, []).append(entry)
        rows += [
            MissingResultRow(
                revision=missing.revision,
                region_name=region_name_of(missing.revision),
                project_name=entries[0].project.name,
                target_count=len(entries),
                fiscal_year=missing.fiscal_year,
                days_overdue=(today - due).days,
            )
            for _, entries in sorted(by_project.items())
        ]
    return sorted(rows, key=lambda row: (row.fiscal_year, row.region_name))


# ---------------------------------------------------------------- the staff side
