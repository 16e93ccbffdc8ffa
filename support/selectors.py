"""The support measures shown under a project (「このプロジェクトに関連する国の支援措置」,
要綱 第5(1)②, ADR 0115): the pure match rule (``filing.support``) over the published
measures, then the reviewers' decisions (``SupportMatchDecision``): a hidden measure is left
out, a pinned one comes first with its note (pinned even when the rule does not match it).

Only published measures, ever. ``published_project_matches`` gives nothing for a project
whose vision revision is not published (the public pages); the staff pages call
``projects_matches`` for the projects they show. Two queries however many projects.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from declarations.lifecycle import Status
from filing.data import FieldCode
from filing.fields import effective_fields
from filing.support import Match, match_measures
from support.models import MatchAction, SupportMatchDecision, SupportMeasure


@dataclass(frozen=True)
class ShownMatch:
    """One measure under one project: the model row, why it is shown, and a pin's note."""

    measure: SupportMeasure
    reasons: tuple[str, ...] = ()
    pinned: bool = False
    note: str = ""


def _codes(values) -> list[str]:
    known = {str(code) for code in FieldCode}
    return [str(v) for v in values or () if str(v) in known]


def _shown(project, measures, decisions, region_fields) -> list[ShownMatch]:
    by_key = {m.to_data().key: m for m in measures}
    mine = decisions.get(project.name, {})
    hidden = {pk for pk, d in mine.items() if d.action == MatchAction.HIDE}
    matches: list[Match] = match_measures(
        fields=effective_fields(_codes(project.fields), _codes(region_fields)),
        name=project.name,
        content=project.content,
        cluster_type=project.cluster_type,
        strategic_fields=tuple(project.strategic_fields or ()),
        measures=[m.to_data() for m in measures if m.pk not in hidden],
    )
    reasons = {by_key[m.measure.key].pk: m.reasons for m in matches}
    pinned = [
        ShownMatch(
            measure=measure,
            reasons=reasons.get(measure.pk, ()),
            pinned=True,
            note=mine[measure.pk].note,
        )
        for measure in measures
        if measure.pk in mine and mine[measure.pk].action == MatchAction.PIN
    ]
    pinned_pks = {shown.measure.pk for shown in pinned}
    rest = [
        ShownMatch(measure=by_key[m.measure.key], reasons=m.reasons)
        for m in matches
        if by_key[m.measure.key].pk not in pinned_pks
    ]
    return pinned + rest


def projects_matches(region, projects: Iterable, region_fields: Iterable[str]) -> dict:
    """Project pk → its shown matches (``ShownMatch``), for ``projects`` of ``region`` whose
    declaration declares ``region_fields`` (codes). Published measures only."""
    projects = list(projects)
    if not projects:
        return {}
    measures = list(SupportMeasure.objects.published().order_by("ministry", "name", "pk"))
    if not measures:  # nothing to show, nothing to decide on (one query)
        return {p.pk: [] for p in projects}
    decisions: dict[str, dict[int, SupportMatchDecision]] = {}
    rows = SupportMatchDecision.objects.filter(
        region=region, project_name__in={p.name for p in projects}
    )
    for decision in rows:
        decisions.setdefault(decision.project_name, {})[decision.measure_id] = decision
    region_fields = list(region_fields)
    return {p.pk: _shown(p, measures, decisions, region_fields) for p in projects}


def project_matches(project, region_fields: Iterable[str] = ()) -> list[ShownMatch]:
    """The shown matches of one ``project`` (its region is its vision's)."""
    region = project.revision.vision.region
    return projects_matches(region, [project], region_fields).get(project.pk, [])


def published_project_matches(region, projects: Iterable, region_fields: Iterable[str]) -> dict:
    """``projects_matches`` for the public pages: a project of a vision revision that is not
    published has none."""
    shown = [p for p in projects if p.revision.status == Status.PUBLISHED]
    return projects_matches(region, shown, region_fields)


@dataclass
class ReviewRow:
    """One published measure on the reviewers' page of a project: what the rule says
    (``reasons``, empty when it does not match) and the decision, if any (``form``: the
    page's own, set by the admin)."""

    measure: SupportMeasure
    reasons: tuple[str, ...]
    decision: SupportMatchDecision | None
    form: object = None


def project_match_review(project, region_fields: Iterable[str]) -> list[ReviewRow]:
    """Every published measure for the reviewers' page of ``project``: the decided ones
    first, then those the rule matches (in its order), then the rest (by 府省 and name)."""
    region = project.revision.vision.region
    measures = list(SupportMeasure.objects.published().order_by("ministry", "name", "pk"))
    decisions = {
        d.measure_id: d
        for d in SupportMatchDecision.objects.filter(
            region=region, project_name=project.name
        ).select_related("decided_by")
    }
    by_key = {m.to_data().key: m for m in measures}
    matches = match_measures(
        fields=effective_fields(_codes(project.fields), _codes(region_fields)),
        name=project.name,
        content=project.content,
        cluster_type=project.cluster_type,
        strategic_fields=tuple(project.strategic_fields or ()),
        measures=[m.to_data() for m in measures],
    )
    order = {by_key[m.measure.key].pk: (i, m.reasons) for i, m in enumerate(matches)}
    rows = [ReviewRow(m, order.get(m.pk, (0, ()))[1], decisions.get(m.pk)) for m in measures]
    return sorted(
        rows,
        key=lambda row: (
            row.decision is None,
            row.measure.pk not in order,
            order.get(row.measure.pk, (len(order), ()))[0],
        ),
    )


def declared_codes(declaration) -> list[str]:
    """The field codes a declaration revision declares (``[]`` for none)."""
    return [f.code for f in declaration.fields.all()] if declaration is not None else []


def project_declared_codes(project) -> list[str]:
    """The field codes of the declaration ``project``'s vision revision is read with."""
    from visions.selectors import paired_declaration

    return declared_codes(paired_declaration(project.revision))
