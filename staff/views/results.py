"""The region's yearly results (実績, ADR 0108, 0109): the overview of the published vision's
projects, a page per project with the grid (rows: its targets; columns: the 年度 of its
period that have ended; each cell the latest result and its status), the form that enters
or fixes a draft, the 送付 of a 年度's column, the 訂正 of a published result and the
evidence file, served only to the region's staff. Thin: the work is
``reports.result_services``; the rules are ``filing.rules.results``."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.access import editor_required, staff_required
from declarations import clock
from declarations.lifecycle import FrozenRevisionError, Status
from declarations.services import DraftConflict, RevisionNotStarted, TransitionNotAllowed
from filing.evidence import HEAD_BYTES, evidence_kind
from filing.formatting import nendo
from filing.rules.results import period_years, year_ended
from reports.models import TargetResult
from reports.result_services import (
    ResultRefused,
    result_correct,
    result_save,
    results_submit_year,
)
from reports.selectors import (
    current_published_vision,
    result_loaded,
    result_targets,
    results_of,
)
from reviews.models import Review
from staff.forms.results import ResultForm

MAX_ID = 2**31 - 1


def _today():
    return timezone.localtime(clock.now()).date()


# A result's status in the grid: a result is a 下書き until it is sent.
STATUS_LABELS = {
    Status.DRAFT: gettext_lazy("下書き"),
    Status.SUBMITTED: gettext_lazy("送付済み"),
    Status.RETURNED: gettext_lazy("差戻し"),
    Status.ACCEPTED: gettext_lazy("受理"),
    Status.PUBLISHED: gettext_lazy("公表"),
}


def fixable(result) -> bool:
    """A draft is fixed as it is; a returned result becomes a draft again when saved."""
    return result is not None and result.status in (Status.DRAFT, Status.RETURNED)


@dataclass
class Cell:
    year: int
    target_value: Decimal | None
    result: TargetResult | None
    returned_comment: str = ""
    # The public figure while ``result`` is a correction not yet published.
    published: TargetResult | None = None

    @property
    def status(self) -> str:
        return self.result.status if self.result is not None else ""

    @property
    def fixable(self) -> bool:
        return fixable(self.result)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, _("未入力")))


@dataclass
class Row:
    key: str
    entry: object  # reports.selectors.ResultTarget
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Column:
    year: int
    drafts: int = 0  # the drafts a 送付 of this 年度 sends

    @property
    def label(self) -> str:
        return nendo(self.year)


@dataclass
class ProjectResults:
    number: int
    project: object
    years: list[int]
    rows: list[Row]
    columns: list[Column]
    slug: str  # the region's

    @property
    def url(self) -> str:
        return reverse("staff:results_project", args=[self.slug, self.number])

    @property
    def summary(self) -> list[tuple[str, int]]:
        """(status label, cells) over the grid: 「未入力 2」「下書き 1」…"""
        found: dict[str, int] = {}
        for row in self.rows:
            for cell in row.cells:
                found[cell.status_label] = found.get(cell.status_label, 0) + 1
        return list(found.items())


def _return_comments(results) -> dict[int, str]:
    """result pk → the comment of its latest 差戻し (one query)."""
    returned = [r.pk for r in results if r.status == Status.RETURNED]
    if not returned:
        return {}
    reviews = Review.objects.filter(
        content_type=ContentType.objects.get_for_model(TargetResult),
        object_id__in=returned,
        decision=Review.Decision.RETURNED,
    ).order_by("at", "pk")
    return {review.object_id: review.comment for review in reviews}


def _projects(region, revision, *, today) -> list[ProjectResults]:
    """The grid of every project of the published ``revision`` (3 queries + 1 for returns)."""
    targets = result_targets(revision)
    latest: dict[tuple[str, int], TargetResult] = {}
    public: dict[tuple[str, int], TargetResult] = {}
    for result in results_of(revision.vision):  # by number: the last one is the latest
        latest[(result.target_key, result.fiscal_year)] = result
        if result.status == Status.PUBLISHED:
            public[(result.target_key, result.fiscal_year)] = result
    comments = _return_comments(latest.values())
    projects = list(revision.projects.order_by("position", "pk"))
    found = []
    for number, project in enumerate(projects, start=1):
        years = [y for y in period_years(project.start, project.end) if year_ended(y, today)]
        columns = [Column(year) for year in years]
        rows = []
        for key, entry in targets.items():
            if entry.number != number:
                continue
            values = dict(entry.target.value_list())
            row = Row(key, entry)
            for column in columns:
                result = latest.get((key, column.year))
                shown = public.get((key, column.year))
                row.cells.append(
                    Cell(
                        column.year,
                        values.get(column.year),
                        result,
                        comments.get(result.pk, "") if result is not None else "",
                        shown if shown is not result else None,
                    )
                )
                if result is not None and result.status == Status.DRAFT:
                    column.drafts += 1
            rows.append(row)
        found.append(ProjectResults(number, project, years, rows, columns, region.slug))
    return found


def _context(request, revision, **extra):
    region = request.staff_region
    crumbs = [{"label": _("目標の実績"), "url": reverse("staff:results", args=[region.slug])}]
    return {
        "region": region,
        "role": request.staff_role,
        "vision": revision,
        "crumbs": crumbs,
        **extra,
    }


@require_GET
@staff_required
def results_overview(request, slug):
    """The published vision's projects with the state of their results, each leading to its grid."""
    revision = current_published_vision(request.staff_region)
    projects = (
        _projects(request.staff_region, revision, today=_today()) if revision is not None else []
    )
    context = _context(request, revision, projects=projects)
    context["crumbs"][-1]["url"] = ""
    return render(request, "staff/results.html", context)


def _project_or_404(request, number: int):
    revision = current_published_vision(request.staff_region)
    if revision is None:
        raise Http404(_("公表中の連携ビジョンがありません。"))
    projects = _projects(request.staff_region, revision, today=_today())
    if not 1 <= number <= len(projects):
        raise Http404(_("そのプロジェクトはありません。"))
    return revision, projects[number - 1]


def _id(value) -> int | None:
    """A result id sent by the page, or ``None`` (``Http404`` when it is no id)."""
    if value in (None, ""):
        return None
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk <= MAX_ID:
        raise Http404
    return pk


def _result_of(request, project: ProjectResults, pk) -> TargetResult:
    """The region's result ``pk`` for one of the project's targets, or 404."""
    result = result_loaded(request.staff_region, pk)
    if result is None or result.target_key not in {row.key for row in project.rows}:
        raise Http404(_("その実績はありません。"))
    return result


def _project_targets(project: ProjectResults) -> dict:
    return {row.key: row.entry for row in project.rows}


@staff_required
def results_project(request, slug, number):
    """One project's grid and, for an editor, the form: a new result (``?target=&year=`` fill
    it from a cell) or a draft or returned one (``?result=``). POST saves it."""
    revision, project = _project_or_404(request, number)
    source = request.POST if request.method == "POST" else request.GET
    pk = _id(source.get("result"))
    result = _result_of(request, project, pk) if pk is not None else None
    targets = _project_targets(project)
    form = None
    may_enter = bool(project.rows and project.columns)
    if may_enter and request.staff_role.can_edit and (result is None or fixable(result)):
        if request.method == "POST":
            form = ResultForm(request.POST, request.FILES, targets=targets, result=result)
            if form.is_valid() and _save(request, form, result):
                return redirect(project.url)
        else:
            initial = {}
            if result is None:
                initial = {
                    "target_key": source.get("target", ""),
                    "fiscal_year": source.get("year"),
                }
            form = ResultForm(
                targets=targets, result=result, **({"initial": initial} if initial else {})
            )
    elif request.method == "POST":
        if result is not None and not fixable(result):  # sent or published meanwhile
            messages.error(request, str(FrozenRevisionError(result)))
        else:
            messages.error(
                request, _("このプロジェクトには、実績を入力できる年度がまだありません。")
            )
        return redirect(project.url)
    context = _context(
        request,
        revision,
        project=project,
        form=form,
        editing=result,
        version=result.version if result is not None else "",
        evidence_name=result.evidence_file.name.rsplit("/", 1)[-1]
        if result is not None and result.evidence_file
        else "",
        # A file input cannot keep its file: a refused page asks for it again.
        file_lost=form is not None and form.is_bound and bool(request.FILES),
    )
    name = project.project.name
    context["crumbs"].append({"label": name or _("（名称未入力）"), "url": "", "filed": bool(name)})
    return render(request, "staff/results_project.html", context)


def _save(request, form, result) -> bool:
    try:
        saved = result_save(
            region=request.staff_region,
            actor=request.user,
            given=form.given(),
            result=result,
            version=request.POST.get("version"),
        )
    except ResultRefused as refused:
        form.apply_findings(refused.findings)
        return False
    except DraftConflict:
        messages.error(
            request,
            _(
                "開いた後に別の人がこの実績を保存しました。入力した内容は画面に残しています。"
                "保存されている内容を別のタブで確かめてから、もう一度保存してください。"
            ),
        )
        return False
    except (FrozenRevisionError, RevisionNotStarted) as error:
        messages.error(request, str(error))
        return False
    messages.success(
        request,
        _("%(label)sを下書きとして保存しました。年度の列の「この年度の実績を送付」で送付します。")
        % {"label": saved.label},
    )
    return True


def _year(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
@editor_required
def results_submit(request, slug, number):
    """「この年度の実績を送付」: every draft of the project's targets for the 年度 sent."""
    _revision, project = _project_or_404(request, number)
    year = _year(request.POST.get("fiscal_year"))
    if year not in project.years:
        messages.error(request, _("送付する年度を、表の列から選んでください。"))
        return redirect(project.url)
    try:
        sent = results_submit_year(
            region=request.staff_region,
            fiscal_year=year,
            keys=[row.key for row in project.rows],
            actor=request.user,
        )
    except ResultRefused as refused:
        messages.error(
            request,
            _("%(nendo)sの実績は送付できません: %(reasons)s")
            % {"nendo": nendo(year), "reasons": "、".join(f.message for f in refused.findings)},
        )
    except (TransitionNotAllowed, FrozenRevisionError) as error:
        messages.error(request, str(error))
    else:
        if sent:
            messages.success(
                request,
                _("%(nendo)sの実績 %(count)d 件を送付しました。総務省の審査に回ります。")
                % {"nendo": nendo(year), "count": len(sent)},
            )
        else:
            messages.error(
                request, _("%(nendo)sに送付する下書きの実績がありません。") % {"nendo": nendo(year)}
            )
    return redirect(project.url)


@require_POST
@editor_required
def results_correct(request, slug, number):
    """「訂正する」: a new draft from a published result, opened in the form."""
    _revision, project = _project_or_404(request, number)
    pk = _id(request.POST.get("result"))
    if pk is None:
        messages.error(request, _("訂正する実績を、表から選んでください。"))
        return redirect(project.url)
    result = _result_of(request, project, pk)
    try:
        correction = result_correct(result=result, actor=request.user)
    except RevisionNotStarted as error:
        messages.error(request, str(error))
        return redirect(project.url)
    messages.success(
        request,
        _("%(label)sの訂正を始めました。直して保存し、年度の列から送付してください。")
        % {"label": result.label},
    )
    return redirect(f"{project.url}?result={correction.pk}#result-form")


@require_GET
@staff_required
def result_evidence(request, slug, pk):
    """The evidence file of one of the region's results, any status, to its staff only: as
    an attachment, never from the storage's own URL."""
    if not 0 < pk <= MAX_ID:
        raise Http404
    result = result_loaded(request.staff_region, pk)
    if result is None or not result.evidence_file:
        raise Http404(_("根拠のファイルがありません。"))
    try:
        handle = result.evidence_file.open("rb")
    except OSError as error:
        raise Http404(_("根拠のファイルを読み出せませんでした。")) from error
    kind = evidence_kind(handle.read(HEAD_BYTES))
    handle.seek(0)
    name = result.evidence_file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        handle, content_type=kind.content_type if kind else "application/octet-stream"
    )
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
