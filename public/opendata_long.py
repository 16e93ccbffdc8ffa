"""The long-format companions of the open-data CSVs (issue 18, ADR 0129): every column that
holds several values in one cell (kept for the users of the file) has a file that holds them
one a row, keyed by the same identifiers (``public.datasets``: ``CsvColumns.several`` names
the column, the companion and how a cell splits into its rows).

Each is built from the same selectors and helpers as the file it completes (published data
only) and served like it (``open_data``: GET/HEAD, ``Last-Modified`` from the site stamp, the
licence in the ``Link`` header). The year-by-year 事業費 of projects.csv are budgets.csv.
"""

from django.urls import path
from django.utils.translation import gettext as _

from filing import strategy
from filing.bundle.project_fields import ordered
from filing.fields import FIELD_NAMES
from filing.support_catalogue import FIELD_LABELS
from public.opendata import (
    csv_response,
    implementer_name,
    open_data,
    prefecture_name,
    projects_with_names,
)
from public.selectors.prefectures import prefectures
from public.selectors.search import search_members, search_regions
from public.selectors.summaries import current_members, region_summaries
from public.selectors.support import published_measures


def _region_columns() -> list[str]:
    return [_("リージョン識別名"), _("リージョン名")]


def _project_columns() -> list[str]:
    return [*_region_columns(), _("プロジェクト番号"), _("プロジェクトの名称")]


def _measure_columns() -> list[str]:
    return [_("支援措置の名称"), _("府省名")]


@open_data
def region_prefectures_csv(request):
    """regions.csv's 区域の都道府県コード and 区域の都道府県: a row per region × prefecture."""
    rows = [
        [s.slug, s.name, p.code, p.name]
        for s in region_summaries(search_regions())
        for p in s.prefectures
    ]
    header = [*_region_columns(), _("都道府県コード"), _("都道府県")]
    return csv_response("region-prefectures.csv", header, rows)


@open_data
def region_fields_csv(request):
    """regions.csv's 分野: a row per region × declared field (its code and its label)."""
    rows = [
        [s.slug, s.name, code, label]
        for s in region_summaries(search_regions())
        for code, label in zip(s.field_codes, s.fields, strict=True)
    ]
    header = [*_region_columns(), _("分野コード"), _("分野")]
    return csv_response("region-fields.csv", header, rows)


@open_data
def member_prefectures_csv(request):
    """members.csv's 区域の都道府県 (その他の地方公共団体) and 活動範囲の都道府県 (経済団体),
    names and codes: a row per member × prefecture, 区分 telling which."""
    known = prefectures()
    rows = [
        [
            m.revision.declaration.region.slug,
            m.revision.region_name,
            m.key,
            m.name,
            role,
            code,
            prefecture_name(code, known),
        ]
        for m in search_members()
        for role, codes in (
            (_("区域"), m.area_prefectures),
            (_("活動範囲"), m.activity_prefectures),
        )
        for code in codes or ()
    ]
    header = [
        *_region_columns(),
        _("構成団体のキー"),
        _("構成団体の名称"),
        _("区分"),
        _("都道府県コード"),
        _("都道府県"),
    ]
    return csv_response("member-prefectures.csv", header, rows)


def _project_head(project, regions) -> list:
    return [
        project.revision.vision.region.slug,
        regions.get(project.revision.vision.region_id, ""),
        project.position + 1,
        project.name,
    ]


@open_data
def project_implementers_csv(request):
    """projects.csv's 実施主体: a row per project × implementer, with the member's key,
    全国地方公共団体コード and 法人番号 when the implementer is a member."""
    projects, names, regions = projects_with_names()
    members = current_members({p.revision.vision.region_id for p in projects})
    rows = []
    for project in projects:
        region_id = project.revision.vision.region_id
        for number, implementer in enumerate(project.implementers.all(), start=1):
            member = members[region_id].get(implementer.member_key)
            rows.append(
                [
                    *_project_head(project, regions),
                    number,
                    implementer.member_key,
                    implementer_name(implementer, names[region_id]),
                    member.lg_code if member else "",
                    member.corporate_number if member else "",
                ]
            )
    header = [
        *_project_columns(),
        _("順序"),
        _("構成団体のキー"),
        _("実施主体の名称"),
        _("全国地方公共団体コード"),
        _("法人番号"),
    ]
    return csv_response("project-implementers.csv", header, rows)


@open_data
def project_plans_csv(request):
    """projects.csv's 広域地方計画等の関連する記載: a row per reference, its parts apart."""
    projects, _names, regions = projects_with_names()
    rows = [
        [*_project_head(project, regions), number, r.plan, r.section, r.note]
        for project in projects
        for number, r in enumerate(project.plan_references.all(), start=1)
    ]
    header = [*_project_columns(), _("順序"), _("計画"), _("参照箇所"), _("備考")]
    return csv_response("project-plans.csv", header, rows)


@open_data
def project_milestones_csv(request):
    """projects.csv's マイルストーン: a row per milestone, the date (ISO) apart from the text."""
    projects, _names, regions = projects_with_names()
    rows = [
        [
            *_project_head(project, regions),
            number,
            m.date.isoformat() if m.date else "",
            m.target,
        ]
        for project in projects
        for number, m in enumerate(project.milestones.all(), start=1)
    ]
    header = [*_project_columns(), _("順序"), _("日付"), _("内容")]
    return csv_response("project-milestones.csv", header, rows)


@open_data
def project_categories_csv(request):
    """projects.csv's 分野 and 戦略分野: a row per project × term, 分類 telling which. A
    project without 分野 has no 分野 row (it serves every field of its region, ADR 0115)."""
    projects, _names, regions = projects_with_names()
    rows = []
    for project in projects:
        head = _project_head(project, regions)
        for code in ordered(project.fields or ()):
            rows.append([*head, _("分野"), code, FIELD_NAMES[code]])
        for code in strategy.ordered(strategy.SECTOR, project.strategic_fields or ()):
            rows.append([*head, _("戦略分野"), code, strategy.label(strategy.SECTOR, code)])
    header = [*_project_columns(), _("分類"), _("コード"), _("名称")]
    return csv_response("project-categories.csv", header, rows)


@open_data
def support_measure_categories_csv(request):
    """support-measures.csv's 分野, タグ, 類型 and 戦略分野: a row per measure × term."""
    rows = []
    for data in (m.to_data() for m in published_measures()):
        head = [data.name, data.ministry]
        rows += [[*head, _("分野"), code, FIELD_LABELS[code]] for code in data.fields]
        rows += [[*head, _("タグ"), "", tag] for tag in data.tags]
        for kind, axis, codes in (
            (strategy.CLUSTER, _("類型"), data.cluster_types),
            (strategy.SECTOR, _("戦略分野"), data.strategic_fields),
        ):
            rows += [[*head, axis, code, strategy.label(kind, code)] for code in codes]
    header = [*_measure_columns(), _("分類"), _("コード"), _("名称")]
    return csv_response("support-measure-categories.csv", header, rows)


@open_data
def support_measure_years_csv(request):
    """support-measures.csv's 年度: a row per measure × 西暦 fiscal year."""
    rows = [
        [data.name, data.ministry, year]
        for data in (m.to_data() for m in published_measures())
        for year in data.fiscal_years
    ]
    return csv_response("support-measure-years.csv", [*_measure_columns(), _("年度")], rows)


# Mounted at the root by region_portal/urls.py, next to the files they complete.
urlpatterns = [
    path(
        "opendata/region-prefectures.csv",
        region_prefectures_csv,
        name="opendata_region_prefectures",
    ),
    path("opendata/region-fields.csv", region_fields_csv, name="opendata_region_fields"),
    path(
        "opendata/member-prefectures.csv",
        member_prefectures_csv,
        name="opendata_member_prefectures",
    ),
    path(
        "opendata/project-implementers.csv",
        project_implementers_csv,
        name="opendata_project_implementers",
    ),
    path("opendata/project-plans.csv", project_plans_csv, name="opendata_project_plans"),
    path(
        "opendata/project-milestones.csv",
        project_milestones_csv,
        name="opendata_project_milestones",
    ),
    path(
        "opendata/project-categories.csv",
        project_categories_csv,
        name="opendata_project_categories",
    ),
    path(
        "opendata/support-measure-categories.csv",
        support_measure_categories_csv,
        name="opendata_support_measure_categories",
    ),
    path(
        "opendata/support-measure-years.csv",
        support_measure_years_csv,
        name="opendata_support_measure_years",
    ),
]
