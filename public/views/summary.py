"""A region's summary as HTML (ADR 0124): what a reader abroad needs first, on one page.

At ``/en/regions/<slug>/summary/`` in English (and at ``/regions/<slug>/summary/`` in
Japanese): the region's name (its English name when it gave one), its area, its members,
the summary of its aspiration and its projects by name. Filed text is shown as filed
(Japanese, ``lang="ja"``); the PDFs stay Japanese and are linked from the full page.
Thin, like the other public views: the published state from ``public.selectors`` only.
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from public.cache import public_page, region_stamp
from public.selectors.prefectures import PrefectureInfo, prefectures
from public.selectors.region import region_state


@dataclass(frozen=True)
class SummaryMember:
    name: str  # as filed
    prefecture: PrefectureInfo | None  # a prefecture member: its master data (English name)


def _members(state) -> list[tuple[str, tuple[SummaryMember, ...]]]:
    by_lg_code = {p.lg_code: p for p in prefectures().values()}
    return [
        (
            group.label,
            tuple(
                SummaryMember(
                    member.name,
                    by_lg_code.get(member.lg_code) if member.kind == "prefecture" else None,
                )
                for member in group.members
            ),
        )
        for group in state.member_groups
    ]


@public_page(region_stamp, whole_page=True)
def region_summary(request, slug):
    stamp = region_stamp(request, slug)
    state = region_state(slug) if stamp is not None else None
    if state is None:
        raise Http404(_("公表されている宣言リージョンが見つかりません。"))
    show_vision = state.vision is not None and not state.is_abolished
    return render(
        request,
        "regions/region_summary.html",
        {
            "state": state,
            "declaration": state.declaration,
            "member_groups": _members(state),
            "member_count": len(state.declaration.members.all()),
            "projects": state.projects if show_vision else [],
            "vision": state.vision if show_vision else None,
        },
    )
