"""Open data downloads: CSV of regions, members, projects, budgets and targets with their
published yearly results, and their index page. The long-format companions of their
multi-valued columns are ``public.opendata_long`` (ADR 0129).

CSV files are UTF-8 with a byte-order mark (so Excel on Japanese Windows opens them
right), CRLF line ends, a header row in Japanese. A text cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return -- also behind leading white space, and in
their full-width forms (``＝``, ``＋``, ``－``, ``＠``) -- is written with a leading ``'`` so
a spreadsheet never runs it as a formula. Published data only
(``public.selectors``).
"""

import csv
import io
import unicodedata
from decimal import Decimal
from functools import wraps

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from declarations.models import MemberKindChoices
from filing import strategy
from filing.fields import fields_text
from filing.formatting import iso_datetime
from filing.targets import plain
from public.licence import data_licence
from public.selectors.prefectures import prefectures
from public.selectors.results import results_by_target, with_results
from public.selectors.search import search_members, search_projects, search_regions
from public.selectors.stamps import site_stamp
from public.selectors.summaries import current_member_names, current_region_names, region_summaries

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value) -> str:
    """A cell as text, defused against spreadsheet formulas; ``None`` is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    if isinstance(value, str) and _runs_as_formula(text):
        return "'" + text
    return text


def _runs_as_formula(text: str) -> bool:
    """Whether a spreadsheet may read ``text`` as a formula: it starts with a tab or a
    carriage return, or, once the leading white space (a space, a full-width space, a line
    break …) is stripped and the first characters width-normalised (NFKC: ``＝`` is ``=``,
    ``＋`` is ``+``), with ``=``, ``+``, ``-`` or ``@``."""
    if text.startswith(("\t", "\r")):
        return True
    head = unicodedata.normalize("NFKC", text.lstrip()[:4])
    return head.startswith(_FORMULA_STARTS)


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(
        buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _site_stamp(request, *args, **kwargs):
    memo = request.__dict__.setdefault("_public_stamps", {})
    if "site" not in memo:
        memo["site"] = site_stamp()
    return memo["site"]


def open_data(view):
    """GET/HEAD only; Last-Modified from the latest publication; the data licence in a
    ``Link: <…>; rel="license"`` header (``public.licence``: the file itself keeps its one
    header row, ADR 0123)."""
    conditional = require_safe(condition(last_modified_func=_site_stamp)(view))

    @wraps(view)
    def licensed(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        response["Link"] = data_licence().link_header()
        return response

    return licensed


def prefecture_name(code: str, known) -> str:
    """The prefecture's name (``known``: ``prefectures()``); the code itself if unknown."""
    return known[code].name if code in known else code


def _prefecture_names(codes) -> str:
    known = prefectures()
    return "、".join(prefecture_name(code, known) for code in codes or ())


@open_data
def regions_csv(request):
    summaries = region_summaries(search_regions())
    header = [
        _("識別名"),
        _("名称"),
        _("状態"),
        _("宣言日"),
        _("公表日時"),
        _("区域の都道府県コード"),
        _("区域の都道府県"),
        _("分野"),
        _("構成団体数"),
        _("プロジェクト数"),
        _("目指すべき姿"),
        _("URL"),
    ]
    rows = (
        [
            s.slug,
            s.name,
            _("廃止") if s.is_abolished else _("宣言中"),
            s.declared_on.isoformat() if s.declared_on else "",
            iso_datetime(s.published_at),
            " ".join(p.code for p in s.prefectures),
            "、".join(p.name for p in s.prefectures),
            "、".join(s.fields),
            s.member_count,
            s.project_count,
            s.aspiration,
            request.build_absolute_uri(reverse("regions:detail", kwargs={"slug": s.slug})),
        ]
        for s in summaries
    )
    return csv_response("regions.csv", header, rows)


@open_data
def members_csv(request):
    header = [
        _("リージョン識別名"),
        _("リージョン名"),
        _("キー"),
        _("名称"),
        _("種別コード"),
        _("種別"),
        _("全国地方公共団体コード"),
        _("区域の都道府県（その他の地方公共団体）"),
        _("活動範囲の都道府県（経済団体）"),
        _("構成員が複数の業種にわたる"),
        # Added by ADR 0123, at the end so that the earlier columns keep their places.
        _("区域の都道府県コード（その他の地方公共団体）"),
        _("活動範囲の都道府県コード（経済団体）"),
        _("法人番号"),
    ]
    labels = dict(MemberKindChoices.choices)
    rows = (
        [
            m.revision.declaration.region.slug,
            m.revision.region_name,
            m.key,
            m.name,
            m.kind,
            labels.get(m.kind, m.kind),
            m.lg_code,
            _prefecture_names(m.area_prefectures),
            _prefecture_names(m.activity_prefectures),
            m.multi_industry if m.kind == "economic_organization" else "",
            " ".join(m.area_prefectures or ()),
            " ".join(m.activity_prefectures or ()),
            m.corporate_number,
        ]
        for m in search_members()
    )
    return csv_response("members.csv", header, rows)


def projects_with_names():
    """The published projects, their regions' member names and region names (three queries
    and the projects' prefetches): what every project CSV starts from."""
    projects = list(search_projects())
    names = current_member_names({p.revision.vision.region_id for p in projects})
    regions = current_region_names({p.revision.vision.region_id for p in projects})
    return projects, names, regions


def implementer_name(implementer, member_names: dict[str, str]) -> str:
    """A member's name from the current declaration (its key if it left), or the name of
    an implementer that is not a member."""
    if implementer.member_key:
        return member_names.get(implementer.member_key, implementer.member_key)
    return implementer.name


@open_data
def projects_csv(request):
    projects, names, regions = projects_with_names()
    header = [
        _("リージョン識別名"),
        _("リージョン名"),
        _("番号"),
        _("プロジェクトの名称"),
        _("分野"),
        _("実施主体"),
        _("広域地方計画等の関連する記載"),
        _("具体的内容"),
        _("予算措置"),
        _("総事業費（円）"),
        _("年度別事業費（年度:円）"),
        _("期待される効果"),
        _("開始"),
        _("終了"),
        _("マイルストーン"),
        _("その他"),
        # the national strategy's terms (ADR 0121), last so that earlier columns keep places
        _("類型"),
        _("戦略分野"),
        _("単位"),  # of 総事業費 (ADR 0123: the unit in its own column)
    ]
    rows = []
    for project in projects:
        region_id = project.revision.vision.region_id
        member_names = names[region_id]
        rows.append(
            [
                project.revision.vision.region.slug,
                regions.get(region_id, ""),
                project.position + 1,
                project.name,
                # the project's own 分野 (ADR 0115); empty: every field of its region
                fields_text(project.fields or ()),
                "、".join(implementer_name(i, member_names) for i in project.implementers.all()),
                "、".join(
                    " ".join(part for part in (r.plan, r.section, r.note) if part)
                    for r in project.plan_references.all()
                ),
                project.content,
                project.has_budget,
                project.budget_total if project.has_budget else None,
                " ".join(f"{b.fiscal_year}:{b.amount}" for b in project.budget_lines.all())
                if project.has_budget
                else "",
                project.effects,
                project.start.isoformat() if project.start else "",
                project.end.isoformat() if project.end else "",
                " ／ ".join(
                    f"{m.date.isoformat() if m.date else ''} {m.target}".strip()
                    for m in project.milestones.all()
                ),
                project.other,
                strategy.label(strategy.CLUSTER, project.cluster_type)
                if project.cluster_type
                else "",
                strategy.labels_text(strategy.SECTOR, project.strategic_fields or ()),
                _("円") if project.has_budget else "",
            ]
        )
    return csv_response("projects.csv", header, rows)


@open_data
def budgets_csv(request):
    projects, _names, regions = projects_with_names()
    header = [
        _("リージョン識別名"),
        _("リージョン名"),
        _("プロジェクト番号"),
        _("プロジェクトの名称"),
        _("年度"),
        _("事業費（円）"),
        _("単位"),  # ADR 0123: the unit in its own column
    ]
    rows = [
        [
            project.revision.vision.region.slug,
            regions.get(project.revision.vision.region_id, ""),
            project.position + 1,
            project.name,
            line.fiscal_year,
            line.amount,
            _("円"),
        ]
        for project in projects
        if project.has_budget
        for line in project.budget_lines.all()
    ]
    return csv_response("budgets.csv", header, rows)


@open_data
def targets_csv(request):
    """目標（指標）and their yearly results (実績) in long format (ADR 0104, 0108): one row per
    target × 年度 (西暦), the unit in its own column. 実績値 and 実績の備考 hold the published
    result of that 年度 (``reports.selectors.published_results``: the latest accepted
    correction, never a draft, submitted or returned result); a 年度 with a result but no
    target value has its own row with an empty 目標値."""
    projects, _names, regions = projects_with_names()
    results = results_by_target({p.revision.vision_id for p in projects})
    header = [
        _("リージョン識別名"),
        _("リージョン名"),
        _("プロジェクト番号"),
        _("プロジェクトの名称"),
        _("指標番号"),
        _("指標名"),
        _("単位"),
        _("目標の向き（higher: 高いほどよい、lower: 低いほどよい）"),
        _("基準値"),
        _("基準値の時点"),
        _("年度"),
        _("目標値"),
        _("最終目標"),
        _("出典"),
        _("実績値"),
        _("実績の備考"),
    ]
    rows = [
        [
            project.revision.vision.region.slug,
            regions.get(project.revision.vision.region_id, ""),
            project.position + 1,
            project.name,
            number,
            entry.target.name,
            entry.target.unit,
            entry.target.better,
            _figure(entry.target.baseline_value),
            entry.target.baseline_on.isoformat() if entry.target.baseline_on else "",
            "" if year.fiscal_year is None else year.fiscal_year,
            _figure(year.target),
            year.is_final,
            entry.target.source,
            _figure(year.result.value) if year.result is not None else "",
            year.result.comment if year.result is not None else "",
        ]
        for project in projects
        for number, entry in enumerate(with_results(project, results), start=1)
        for year in entry.years
    ]
    return csv_response("targets.csv", header, rows)


def _figure(value) -> str:
    return "" if value is None else str(plain(Decimal(value)))


@require_safe
def opendata_index(request):
    return render(request, "regions/opendata.html")
