"""What the region list, the CSV and the API say about each region, and names by region."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import Kind
from declarations.models import FieldChoices, Member
from declarations.selectors import current_declaration_revisions, published_fields
from filing.data import FieldCode
from projects.selectors import current_project_counts
from public.selectors.prefectures import PrefectureInfo, area_members, covered_prefectures


@dataclass(frozen=True)
class RegionSummary:
    slug: str
    name: str
    is_abolished: bool
    declared_on: date | None
    published_at: datetime | None
    aspiration: str
    prefectures: tuple[PrefectureInfo, ...]
    fields: tuple[str, ...]
    member_count: int
    project_count: int
    # the optional English name and summary (ADR 0124)
    name_en: str = ""
    aspiration_en: str = ""
    # the codes of ``fields``, in the same order (region-fields.csv, ADR 0129)
    field_codes: tuple[str, ...] = ()


def field_label(code: str, text: str = "") -> str:
    if code == FieldCode.OTHER:
        return _("その他（%(text)s）") % {"text": text} if text else str(_("その他"))
    return str(FieldChoices(code).label)


def region_summaries(revisions) -> list[RegionSummary]:
    """Summaries of the given current declaration revisions (three queries)."""
    revisions = list(revisions)
    ids = [r.pk for r in revisions]
    members = area_members(ids)
    fields, field_codes = defaultdict(list), defaultdict(list)
    for entry in published_fields(ids):
        fields[entry.revision_id].append(field_label(entry.code, entry.text))
        field_codes[entry.revision_id].append(entry.code)
    project_counts = current_project_counts(region_ids=[r.declaration.region_id for r in revisions])
    return [
        RegionSummary(
            slug=r.declaration.region.slug,
            name=r.region_name,
            is_abolished=r.kind == Kind.ABOLISHED,
            declared_on=r.declared_on,
            published_at=r.published_at,
            aspiration=r.aspiration,
            prefectures=covered_prefectures(members[r.pk]),
            fields=tuple(fields[r.pk]),
            member_count=len(members[r.pk]),
            project_count=project_counts.get(r.declaration.region_id, 0),
            name_en=r.region_name_en,
            aspiration_en=r.aspiration_en,
            field_codes=tuple(field_codes[r.pk]),
        )
        for r in revisions
    ]


def current_region_names(region_ids) -> dict[int, str]:
    """Region id → the name in its current published declaration revision (one query)."""
    return dict(
        current_declaration_revisions()
        .filter(declaration__region_id__in=list(region_ids))
        .values_list("declaration__region_id", "region_name")
    )


def current_member_names(region_ids) -> dict[int, dict[str, str]]:
    """Region id → {member key → name} from the current declaration revisions (one query)."""
    names: dict[int, dict[str, str]] = defaultdict(dict)
    rows = _current_member_rows(region_ids).values_list(
        "revision__declaration__region_id", "key", "name"
    )
    for region_id, key, name in rows:
        names[region_id][key] = name
    return names


def current_members(region_ids) -> dict[int, dict[str, Member]]:
    """Region id → {member key → member} of the current declaration revisions (one query):
    what project-implementers.csv says of an implementer that is a member (ADR 0129)."""
    members: dict[int, dict[str, Member]] = defaultdict(dict)
    for member in _current_member_rows(region_ids).select_related("revision__declaration"):
        members[member.revision.declaration.region_id][member.key] = member
    return members


def _current_member_rows(region_ids):
    return Member.objects.filter(
        revision__in=current_declaration_revisions().values("pk"),
        revision__declaration__region_id__in=list(region_ids),
    )
