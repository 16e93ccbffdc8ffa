"""The national support measures shown under a published project on the public region page
(「このプロジェクトに関連する国の支援措置」, ADR 0115): only published measures, only the
projects of a published vision revision, on the region's current page only (a past page
shows the region as it was; the catalogue of then is not kept)."""

from support.selectors import declared_codes, published_project_matches


def region_project_matches(state) -> dict:
    """Project pk → its shown matches (``support.selectors.ShownMatch``) for the region
    ``state`` (``public.selectors.region.RegionState``); empty on a past page."""
    if not state.is_current or state.vision is None:
        return {}
    return published_project_matches(
        state.region, state.projects, declared_codes(state.declaration)
    )
