"""The 連携ビジョン as a PDF (第4(2) ①②③), built from a plain ``Filing``.

① the medium/long-term aspiration, ② the roadmap: its text, a chart of every project's
period and milestones (SVG drawn here, inline in the HTML) and a table of schedules and
targets, the budgets of all projects per fiscal year, ③ every project with ア–ク.
A plan reference (広域地方計画等) that replaces ① or ② is printed in its place.

The projects are part of the vision document (③), so they are laid out here from the plain
``Filing`` (the projects app depends on visions, never the reverse).
"""

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from declarations.models import MemberKindChoices
from documents.declaration_pdf import document_title, title_parts
from documents.render import DOCUMENT_STYLESHEET, FONT_FAMILY, DocumentMeta, render_pdf
from filing.data import Filing, MilestoneData, PlanRef, ProjectData, RevisionKind, TargetData
from filing.diff import diff_filings
from filing.fields import fields_text
from filing.formatting import fiscal_year, fiscal_year_start, nendo, nendo_short, wareki, yen
from filing.milestones import in_date_order
from filing.strategy import strategy_text
from filing.targets import BETTER_LABELS, format_value

# Chart geometry, in millimetres of the A4 text block (174 mm wide).
CHART_WIDTH = 174.0
LABEL_WIDTH = 52.0
HEADER_HEIGHT = 8.0
ROW_HEIGHT = 7.0
ROWS_PER_CHART = 24  # one chart fits a page; more projects continue in the next chart
LABEL_CHARACTERS = 16


@dataclass(frozen=True, slots=True)
class VisionChanges:
    projects_added: tuple[str, ...] = ()
    projects_removed: tuple[str, ...] = ()
    projects_changed: tuple[str, ...] = ()
    items_changed: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.projects_added
            or self.projects_removed
            or self.projects_changed
            or self.items_changed
        )


def vision_changes(filing: Filing, previous: Filing | None) -> VisionChanges | None:
    if previous is None:
        return None
    diff = diff_filings(previous, filing)
    return VisionChanges(
        projects_added=tuple(p.name for p in diff.projects_added),
        projects_removed=tuple(p.name for p in diff.projects_removed),
        projects_changed=tuple(change.name for change in diff.projects_changed),
        items_changed=tuple(
            str(change.item) for change in diff.text_changes if change.path.startswith("vision.")
        ),
    )


# ---------------------------------------------------------------- the projects (③ ア〜ク)


@dataclass(frozen=True, slots=True)
class ImplementerRow:
    name: str
    note: str  # the member's kind, or 「構成団体以外」


@dataclass(frozen=True, slots=True)
class BudgetRow:
    fiscal_year: int
    amount: int


@dataclass(frozen=True, slots=True)
class TargetView:
    """One 目標（指標） as its table row prints it (ADR 0104): every cell already written out,
    「—」 where the filing gives nothing. The multi-line cells (``td.lines``) join their lines
    with a newline: ``baseline`` 「120.5万人」 and its day 「令和7年3月31日」, ``values`` one
    「令和8年度 130万人」 per 年度 (one space: ``td.figures`` widens it to put the figure at the
    right, ADR 0134), ``final`` 「令和12年度」 and 「160万人」."""

    name: str
    unit: str
    baseline: str
    values: str
    final: str
    source: str
    better: str  # 高いほどよい／低いほどよい

    @property
    def about(self) -> str:
        """The lines under the name in ②'s table (ADR 0134): 「単位　万人　高いほどよい」 and
        「出典　県観光統計」."""
        return _("単位　%(unit)s　%(better)s\n出典　%(source)s") % {
            "unit": self.unit,
            "better": self.better,
            "source": self.source,
        }


NONE = "—"


def _day(day: date | None) -> str:
    return wareki(day) if day is not None else NONE


def _figure(value, unit: str) -> str:
    return f"{format_value(value)}{unit}"


def target_view(target: TargetData) -> TargetView:
    unit = target.unit
    baseline = [_figure(target.baseline_value, unit)] if target.baseline_value is not None else []
    if target.baseline_on is not None:
        baseline.append(wareki(target.baseline_on))
    final = [nendo(target.final_year)] if target.final_year is not None else []
    if target.final_value is not None:
        final.append(_figure(target.final_value, unit))
    return TargetView(
        name=target.name or _("（名称なし）"),
        unit=unit or NONE,
        baseline="\n".join(baseline) or NONE,
        values="\n".join(f"{nendo(year)} {_figure(value, unit)}" for year, value in target.values)
        or NONE,
        final="\n".join(final) or NONE,
        source=target.source or NONE,
        better=BETTER_LABELS[target.better],
    )


@dataclass(frozen=True, slots=True)
class ProjectView:
    number: int
    name: str
    implementers: tuple[ImplementerRow, ...]
    joint_body_of: tuple[str, ...] | None  # founders' names
    plan_references: tuple[PlanRef, ...]
    content: str
    has_budget: bool
    budget_total: int | None
    budget_rows: tuple[BudgetRow, ...]
    effects: str
    start: date | None
    end: date | None
    milestones: tuple[MilestoneData, ...]
    other: str
    targets: tuple[TargetView, ...] = ()
    fields: str = ""  # the project's own 分野, one line (ADR 0115); "" when it names none
    strategy: str = ""  # 類型・戦略分野, one line (ADR 0121); "" when it carries neither

    @property
    def budget_sum(self) -> int:
        return sum(row.amount for row in self.budget_rows)

    @property
    def budget_lines(self) -> str:
        """「令和8年度 49,000,000円」 per line: オ's budget as one block of text (ADR 0134), the
        年度 and the amount parted by the one space that ``text-align-last: justify`` widens,
        so the amounts end at the right edge, one under the other."""
        return "\n".join(f"{nendo(row.fiscal_year)} {yen(row.amount)}" for row in self.budget_rows)

    @property
    def period(self) -> str:
        """「令和8年4月1日〜令和13年3月31日」 (「—」 for a missing end); "" when neither is given."""
        if self.start is None and self.end is None:
            return ""
        return f"{_day(self.start)}〜{_day(self.end)}"

    @property
    def period_lines(self) -> str:
        """The period on two lines, for the narrow column of ②'s schedule."""
        return self.period.replace("〜", "〜\n")

    @property
    def budget_sum_differs(self) -> bool:
        return self.budget_total is not None and self.budget_total != self.budget_sum


def _implementer_rows(project: ProjectData, filing: Filing) -> tuple[ImplementerRow, ...]:
    rows = []
    for implementer in project.implementers:
        if implementer.member is not None:
            member = filing.member(implementer.member)
            if member is None:
                rows.append(ImplementerRow(implementer.member, _("（構成団体に見当たらないキー）")))
            else:
                rows.append(ImplementerRow(member.name, str(MemberKindChoices(member.kind).label)))
        else:
            rows.append(ImplementerRow(implementer.name, _("構成団体以外の主体")))
    return tuple(rows)


def _founders(project: ProjectData, filing: Filing) -> tuple[str, ...] | None:
    if project.joint_body_of is None:
        return None
    names = []
    for key in project.joint_body_of:
        member = filing.member(key)
        names.append(member.name if member is not None else key)
    return tuple(names)


def project_view(number: int, project: ProjectData, filing: Filing) -> ProjectView:
    budget = project.budget
    rows: dict[int, int] = {}
    if budget is not None:
        for year, amount in budget.by_fiscal_year:
            rows[year] = rows.get(year, 0) + amount
    return ProjectView(
        number=number,
        name=project.name,
        implementers=_implementer_rows(project, filing),
        joint_body_of=_founders(project, filing),
        plan_references=project.plan_references,
        content=project.content,
        has_budget=budget is not None,
        budget_total=budget.total if budget is not None else None,
        budget_rows=tuple(BudgetRow(year, rows[year]) for year in sorted(rows)),
        effects=project.effects,
        start=project.start,
        end=project.end,
        milestones=in_date_order(project.milestones),
        other=project.other,
        targets=tuple(target_view(target) for target in project.targets),
        fields=fields_text(project.fields),
        strategy=strategy_text(project.cluster_type, project.strategic_fields),
    )


def project_views(filing: Filing) -> list[ProjectView]:
    if filing.vision is None:
        return []
    return [
        project_view(index, project, filing)
        for index, project in enumerate(filing.vision.projects, start=1)
    ]


def budget_by_fiscal_year(projects: list[ProjectView]) -> list[BudgetRow]:
    """Every project's amounts added up per fiscal year (年度)."""
    totals: dict[int, int] = {}
    for project in projects:
        for row in project.budget_rows:
            totals[row.fiscal_year] = totals.get(row.fiscal_year, 0) + row.amount
    return [BudgetRow(year, totals[year]) for year in sorted(totals)]


# ---------------------------------------------------------------- the roadmap chart


def chart_years(projects: list[ProjectView]) -> tuple[int, int] | None:
    """The first and last fiscal year any period or dated milestone touches."""
    days = [d for p in projects for d in (p.start, p.end) if d is not None]
    days += [m.date for p in projects for m in p.milestones if m.date is not None]
    if not days:
        return None
    return fiscal_year(min(days)), fiscal_year(max(days))


def _short(text: str, limit: int = LABEL_CHARACTERS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class _Chart:
    def __init__(self, first: int, last: int):
        self.first, self.last = first, last
        self.begin = fiscal_year_start(first)
        self.days = (fiscal_year_start(last + 1) - self.begin).days
        self.left = LABEL_WIDTH
        self.right = CHART_WIDTH - 2.5  # room for a milestone on the last day

    def x(self, day: date) -> float:
        share = (day - self.begin).days / self.days
        return self.left + max(0.0, min(1.0, share)) * (self.right - self.left)

    def year_label(self, year: int) -> str:
        years = self.last - self.first + 1
        return nendo(year) if years <= 7 else nendo_short(year)

    def svg(self, projects: list[ProjectView]) -> SafeString:
        """One chart: a header of fiscal years, then a row per project with its period as a
        bar and its milestones as diamonds. Each layer (stripes, grid, bars, diamonds) is a
        single ``<path>``: WeasyPrint draws one element much faster than hundreds."""
        n = _number
        height = HEADER_HEIGHT + ROW_HEIGHT * len(projects) + 1
        bottom = height - 1
        stripes, grid, bars, diamonds, texts = [], [], [], [], []
        for index in range(0, len(projects), 2):
            y = HEADER_HEIGHT + index * ROW_HEIGHT
            stripes.append(f"M0 {n(y)}h{n(CHART_WIDTH)}v{n(ROW_HEIGHT)}h-{n(CHART_WIDTH)}z")
        for year in range(self.first, self.last + 2):
            x = self.x(fiscal_year_start(year)) if year <= self.last else self.right
            grid.append(f"M{n(x)} 0V{n(bottom)}")
            if year <= self.last:
                following = self.x(fiscal_year_start(year + 1)) if year < self.last else self.right
                texts.append(
                    f'<text x="{n((x + following) / 2)}" y="5.2" text-anchor="middle">'
                    f"{escape(self.year_label(year))}</text>"
                )
        for index, project in enumerate(projects):
            middle = HEADER_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2
            label = f"{project.number}　{_short(project.name or _('（名称未記載）'))}"
            texts.append(f'<text x="1" y="{n(middle + 1)}">{escape(label)}</text>')
            if project.start and project.end and project.start <= project.end:
                x1, x2 = self.x(project.start), self.x(project.end)
                width = max(x2 - x1, 0.6)
                bars.append(f"M{n(x1)} {n(middle - 1.4)}h{n(width)}v2.8h-{n(width)}z")
            for milestone in project.milestones:
                if milestone.date is not None:
                    x = self.x(milestone.date)
                    diamonds.append(f"M{n(x)} {n(middle - 2.2)}l1.6 2.2l-1.6 2.2l-1.6-2.2z")
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n(CHART_WIDTH)} {n(height)}" '
            f'width="{n(CHART_WIDTH)}mm" height="{n(height)}mm" role="img">',
            f"<title>{escape(_('プロジェクトの期間とマイルストーン'))}</title>",
        ]
        if stripes:
            parts.append(f'<path d="{"".join(stripes)}" fill="#f2f2f2"/>')
        parts.append(f'<path d="{"".join(grid)}" stroke="#999" stroke-width="0.2" fill="none"/>')
        parts.append(
            f'<path d="M0 {n(HEADER_HEIGHT)}H{n(CHART_WIDTH)}" stroke="#333" stroke-width="0.3"/>'
        )
        if bars:
            parts.append(f'<path d="{"".join(bars)}" fill="#6b6b6b"/>')
        if diamonds:
            parts.append(
                f'<path d="{"".join(diamonds)}" fill="#000" stroke="#fff" stroke-width="0.3"/>'
            )
        parts.append(
            f'<g font-family="{escape(FONT_FAMILY)}" font-size="2.8" fill="#000">{"".join(texts)}</g>'
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))  # every text above is escaped


def roadmap_charts(projects: list[ProjectView], *, rows: int = ROWS_PER_CHART) -> list[SafeString]:
    """The roadmap chart as inline SVG, in pieces of ``rows`` projects (one per page at most)."""
    years = chart_years(projects)
    if years is None:
        return []
    chart = _Chart(*years)
    return [chart.svg(projects[start : start + rows]) for start in range(0, len(projects), rows)]


# ---------------------------------------------------------------- the document


def vision_context(
    filing: Filing,
    *,
    meta: DocumentMeta,
    previous: Filing | None = None,
    declaration_number: int | None = None,
    consultation_records: tuple[str, ...] = (),
) -> dict:
    """``consultation_records``: the titles of the revision's 協議の記録 attachments, printed
    in 「協議の経過」 (ADR 0120)."""
    vision = filing.vision
    if vision is None:
        raise ValueError("連携ビジョンのない届出からは連携ビジョンの PDF を作れません。")
    info = vision.revision
    projects = project_views(filing)
    budget_rows = budget_by_fiscal_year(projects)
    return {
        "filing": filing,
        "declaration": filing.declaration,
        "vision": vision,
        "info": info,
        "meta": meta,
        "title": document_title(filing.declaration.region_name, _("連携ビジョン"), info.kind),
        "title_parts": title_parts(filing.declaration.region_name, _("連携ビジョン"), info.kind),
        "running_title": _("%(name)s　連携ビジョン") % {"name": filing.declaration.region_name},
        "is_change": info.kind == RevisionKind.CHANGED,
        "is_abolition": info.kind == RevisionKind.ABOLISHED,
        "declaration_number": declaration_number,
        "consultation_records": tuple(consultation_records),
        "projects": projects,
        "charts": roadmap_charts(projects),
        "budget_rows": budget_rows,
        "budget_total": sum(row.amount for row in budget_rows),
        "changes": vision_changes(filing, previous)
        if info.kind != RevisionKind.ESTABLISHED
        else None,
    }


def vision_html(filing: Filing, **context) -> str:
    return render_to_string("visions/pdf/vision.html", vision_context(filing, **context))


def vision_pdf(filing: Filing, **context) -> bytes:
    """The 連携ビジョン of ``filing`` as PDF bytes (raises ``documents.render.PdfError``)."""
    meta = context["meta"]
    return render_pdf(
        vision_html(filing, **context),
        created=meta.created,
        identifier=meta.identifier,
        stylesheet=DOCUMENT_STYLESHEET,
    )
