"""Public pages: the list of declared regions and each region's page, history and diff.

Thin views over ``public.selectors`` (published revisions only, STYLE.md
§6). The expensive part of a region page is rendered without the request (so nothing
about the visitor can get into it) and cached under the region's latest publication
time: a new publication changes the key, so a cached page is never stale. Every page
answers conditional requests (ETag and Last-Modified from the same time).
"""

import itertools
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from attachments.selectors import public_attachments
from declarations.lifecycle import Kind
from declarations.models import FieldChoices, MemberKindChoices
from declarations.selectors import master_data
from filing.data import MemberKind
from filing.diff import diff_filings
from filing.formatting import nendo
from filing.rules.declaration import lg_prefecture
from public.cache import (
    cached_fragment,
    public_page,
    region_stamp,
    region_with_others_stamp,
    site_stamp,
)
from public.charts import RoadmapRow, TargetPoint, roadmap_chart, target_chart
from public.forms import RegionFilterForm, common_list_query
from public.maps import MAX_LEVEL, japan_map
from public.selectors.history import DECLARATION, PUBLICATION_KEY_RE, VISION, region_history
from public.selectors.matches import region_project_matches
from public.selectors.prefectures import PrefectureInfo, prefectures
from public.selectors.region import published_region, region_state
from public.selectors.results import TargetWithResults, results_by_target, with_results
from public.selectors.search import search_regions
from public.selectors.summaries import region_summaries
from public.templatetags.public_tags import shown_text
from public.views.organizations import linked_names, region_overlap_context
from web.pages import paginate

PAGE_SIZE = 20


# ---------------------------------------------------------------- the list


def is_common_list(request) -> bool:
    """The unfiltered list and its common filters, with no search words: at most one of the
    filters, each a known choice, and a sort and a page number. These pages are kept whole
    (a bounded set of addresses); a search or an odd query string is rendered each time."""
    return common_list_query(request.GET)


@public_page(site_stamp, whole_page=is_common_list)
def region_list(request):
    form = RegionFilterForm(request.GET, prefectures=prefectures().values())
    filters = form.filters()
    page = paginate(search_regions(**filters), PAGE_SIZE, request.GET.get("page"))
    paginator = page.paginator
    return render(
        request,
        "regions/region_list.html",
        {
            "form": form,
            "page": page,
            "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "ellipsis": paginator.ELLIPSIS,
            "regions": region_summaries(page.object_list),
            "filtered": any(value for key, value in filters.items() if key != "sort"),
        },
    )


# ---------------------------------------------------------------- a region


@dataclass(frozen=True)
class ProjectView:
    project: object
    number: int
    implementers: tuple[str, ...]
    joint_body: tuple[str, ...]
    budget_lines: tuple
    milestones: tuple
    plan_references: tuple
    targets: tuple = ()  # TargetView: the current page only (the published results)
    support: tuple = ()  # ShownMatch: the matched support measures (current page, ADR 0115)
    # The names as HTML, members linked to their organisation's page (current page, ADR 0122).
    implementers_linked: str = ""
    joint_body_linked: str = ""


@dataclass(frozen=True)
class TargetView:
    """A target with its 年度 (target values and published results) and its chart."""

    entry: TargetWithResults
    chart: object  # SafeString | None
    chart_id: str


def _target_views(project, number: int, results) -> tuple[TargetView, ...]:
    views = []
    for index, entry in enumerate(with_results(project, results), start=1):
        target = entry.target
        name = target.name or _("（名称なし）")
        points = []
        if target.baseline_value is not None:
            points.append(TargetPoint(_("基準値"), target=target.baseline_value, is_baseline=True))
        points += [
            TargetPoint(
                nendo(year.fiscal_year) if year.fiscal_year else _("最終目標"),
                target=year.target,
                result=year.result.value if year.result is not None else None,
            )
            for year in entry.years
        ]
        chart_id = f"target-chart-{number}-{index}"
        better = target.get_better_display()
        chart = target_chart(
            points,
            unit=target.unit,
            title=_("%(name)s の目標と実績（%(better)s）") % {"name": name, "better": better},
            description=_(
                "基準値を最初の点に、年度ごとの目標値を線と四角で、公表された実績値を棒で示します"
                "（%(better)s指標です）。同じ内容を下の表に示します。"
            )
            % {"better": better},
            id_prefix=chart_id,
        )
        views.append(TargetView(entry, chart, chart_id))
    return tuple(views)


@dataclass(frozen=True)
class PrefectureRow:
    prefecture: PrefectureInfo
    members: tuple[str, ...]
    members_linked: str = ""  # the names as HTML, linked on the current page (ADR 0122)


def _prefecture_rows(state, org_ids) -> list[PrefectureRow]:
    master = master_data()
    by_code: dict[str, list[str]] = {p.code: [] for p in state.prefectures}
    keys: dict[str, list[tuple[str, str]]] = {p.code: [] for p in state.prefectures}
    for member in state.filing.members:
        if member.kind == MemberKind.OTHER_LOCAL_GOVERNMENT:
            codes = member.area_prefectures
        else:
            code = lg_prefecture(member, master)
            codes = (code,) if code else ()
        for code in codes:
            if code in by_code:
                by_code[code].append(member.name)
                keys[code].append((member.name, member.key))
    return [
        PrefectureRow(p, tuple(by_code[p.code]), linked_names(keys[p.code], org_ids))
        for p in state.prefectures
    ]


def _project_views(state, org_ids) -> list[ProjectView]:
    names = state.member_names
    # The published results (ADR 0108) are shown on the current page only: a past page shows
    # the region as it was right after that publication.
    results = (
        results_by_target([state.vision.vision_id])
        if state.is_current and state.vision is not None
        else None
    )
    matches = region_project_matches(state)
    views = []
    for number, project in enumerate(state.projects, start=1):
        views.append(
            ProjectView(
                project=project,
                number=number,
                implementers=tuple(
                    names.get(i.member_key, i.member_key) if i.member_key else i.name
                    for i in project.implementers.all()
                ),
                joint_body=tuple(names.get(key, key) for key in (project.joint_body_of or ())),
                implementers_linked=linked_names(
                    (
                        (names.get(i.member_key, i.member_key), i.member_key)
                        if i.member_key
                        else (i.name, "")
                        for i in project.implementers.all()
                    ),
                    org_ids,
                ),
                joint_body_linked=linked_names(
                    ((names.get(key, key), key) for key in (project.joint_body_of or ())), org_ids
                ),
                budget_lines=tuple(project.budget_lines.all()),
                milestones=tuple(project.milestones.all()),
                plan_references=tuple(project.plan_references.all()),
                targets=_target_views(project, number, results) if results is not None else (),
                support=tuple(matches.get(project.pk, ())),
            )
        )
    return views


def _documents(revision) -> list:
    """The stored PDFs of a published revision, when the documents app provides them.
    Only the documents themselves: the 送付書 (cover letter) is the region's letter to the
    ministry and is not published."""
    try:
        from documents.selectors import documents_for
    except ImportError:
        return []
    if revision is None:
        return []
    links = documents_for(revision, build_status=False)  # 作成中 whether making or failed
    return [d for d in links if getattr(d, "kind", "document") == "document"]


def region_context(state) -> dict:
    overlap = region_overlap_context(state)  # the organisations and other regions (ADR 0122)
    projects = _project_views(state, overlap["org_ids"])
    name = state.declaration.region_name
    covered = "、".join(p.name for p in state.prefectures) or _("なし")
    rows = [
        RoadmapRow(
            label=view.project.name,
            start=view.project.start,
            end=view.project.end,
            milestones=tuple((m.date, m.target) for m in view.milestones if m.date),
        )
        for view in projects
    ]
    show_vision = state.vision is not None and not state.is_abolished
    history = state.history
    states = history.states
    previous = previous_of_same_document(states)
    return {
        "state": state,
        "declaration": state.declaration,
        "vision": state.vision if show_vision else None,
        "projects": projects if show_vision else [],
        "member_groups": state.member_groups,
        "prefecture_rows": _prefecture_rows(state, overlap["org_ids"]),
        **overlap,
        "map": japan_map(
            prefectures().values(),
            {p.code: MAX_LEVEL for p in state.prefectures},
            title=_("%(name)s の区域（地図）") % {"name": name},
            description=_("色を付けた都道府県が区域です: %(prefectures)s。")
            % {"prefectures": covered},
            id_prefix="region-map",
        ),
        "roadmap": roadmap_chart(
            rows,
            title=_("%(name)s のロードマップ（プロジェクトの期間とマイルストーン）")
            % {"name": name},
            description=_(
                "プロジェクトごとに、期間を横棒で、マイルストーンをひし形で示します。"
                "同じ内容を下の表に示します。"
            ),
        )
        if show_vision
        else None,
        "declaration_documents": _documents(state.declaration),
        "vision_documents": _documents(state.vision) if show_vision else [],
        # The attachments marked 公表する of the revisions shown (ADR 0118).
        "attachments": list(
            public_attachments(state.declaration) | public_attachments(state.vision)
            if show_vision
            else public_attachments(state.declaration)
        ),
        "history": history.newest_first,
        "states": tuple(reversed(states)),
        "state_groups": _grouped(states),
        "compare_to": states[-1].key if states else "",
        "compare_from": previous.get(states[-1].key, "") if states else "",
        "previous": previous,
    }


def _render_state(slug, key, stamp):
    def build():
        state = region_state(slug, key)
        if state is None:
            raise Http404(_("公表されている宣言リージョンが見つかりません。"))
        return {
            "title": shown_text(state.declaration, "region_name"),
            "body": render_to_string("regions/_region_body.html", region_context(state)),
        }

    return cached_fragment(("region", slug, key or "", stamp.isoformat() if stamp else ""), build)


# The current page also shows the regions it overlaps (ADR 0122): it follows the site's stamp too.
@public_page(region_with_others_stamp, whole_page=True)
def region_detail(request, slug):
    stamp = region_with_others_stamp(request, slug)
    if stamp is None:
        raise Http404(_("公表されている宣言リージョンが見つかりません。"))
    data = _render_state(slug, None, stamp)
    return render(
        request,
        "regions/region_detail.html",
        {"title": data["title"], "body": mark_safe(data["body"]), "slug": slug},
    )


@public_page(region_stamp, whole_page=True)
def region_revision(request, slug, key):
    stamp = region_stamp(request, slug)
    if stamp is None or not PUBLICATION_KEY_RE.match(key):
        raise Http404(_("公表されている版が見つかりません。"))
    data = _render_state(slug, key, stamp)
    return render(
        request,
        "regions/region_detail.html",
        {"title": data["title"], "body": mark_safe(data["body"]), "slug": slug},
    )


# ---------------------------------------------------------------- the difference


def previous_of_same_document(states) -> dict[str, str]:
    """Each publication's key → the key of the one before it of the same document."""
    previous = {}
    for document in (DECLARATION, VISION):
        own = [p for p in states if p.document == document]
        previous |= {later.key: earlier.key for earlier, later in itertools.pairwise(own)}
    return previous


@dataclass(frozen=True)
class DiffChoice:
    old: str
    new: str
    document: str
    notice: str = ""  # why the pair asked for is not the pair shown


def _diff_keys(request, states) -> DiffChoice:
    """The two publications of ONE document to compare: by default the latest publication
    and the one before it of the same document. A pair of two documents compares the
    later one with its own previous publication; an unknown key, the default pair."""
    by_key = {p.key: p for p in states}
    previous = previous_of_same_document(states)

    def pair(new_key: str, notice: str = "") -> DiffChoice:
        return DiffChoice(previous.get(new_key, new_key), new_key, by_key[new_key].document, notice)

    asked = "from" in request.GET or "to" in request.GET
    default_new = states[-1].key
    old = request.GET.get("from", previous.get(default_new, default_new))
    new = request.GET.get("to", default_new)
    if old not in by_key or new not in by_key:
        notice = _("指定された版が見つからないため、最新の公表とその前の版を比べています。")
        return pair(default_new, notice if asked else "")
    if by_key[old].document != by_key[new].document:
        return pair(
            new,
            _(
                "連携宣言書と連携ビジョンは別の文書のため、同じ文書の版どうしを比べます"
                "（%(document)s の前の版と比べています）。"
            )
            % {"document": by_key[new].document_label},
        )
    return DiffChoice(old, new, by_key[new].document)


def _grouped(states) -> list[tuple[str, tuple]]:
    """(document label, its publications newest first) for the compare form's optgroups."""
    groups = []
    for document in (DECLARATION, VISION):
        own = tuple(p for p in reversed(states) if p.document == document)
        if own:
            groups.append((own[0].document_label, own))
    return groups


@public_page(region_stamp, whole_page=True)
def region_diff(request, slug):
    stamp = region_stamp(request, slug)
    if stamp is None:
        raise Http404(_("公表されている宣言リージョンが見つかりません。"))
    region = published_region(slug)
    if region is None:
        raise Http404(_("公表されている宣言リージョンが見つかりません。"))
    history = region_history(region.pk)
    states = history.states
    choice = _diff_keys(request, states)
    old_key, new_key = choice.old, choice.new

    def build():
        old = region_state(slug, old_key)
        new = region_state(slug, new_key)
        if old is None or new is None:
            raise Http404
        diff = diff_filings(old.filing, new.filing, document=choice.document)
        return {
            "title": new.declaration.region_name,
            "body": render_to_string(
                "regions/_diff_body.html",
                {
                    "slug": slug,
                    "old": old,
                    "new": new,
                    "diff": diff,
                    "member_kind_labels": dict(MemberKindChoices.choices),
                    "field_labels": dict(FieldChoices.choices),
                    "old_names": old.member_names,
                    "new_names": new.member_names,
                    "abolished": Kind.ABOLISHED,
                },
            ),
        }

    data = cached_fragment(("diff", slug, old_key, new_key, stamp.isoformat()), build)
    return render(
        request,
        "regions/region_diff.html",
        {
            "title": data["title"],
            "body": mark_safe(data["body"]),
            "slug": slug,
            "state_groups": _grouped(states),
            "old_key": old_key,
            "new_key": new_key,
            "notice": choice.notice,
        },
    )
