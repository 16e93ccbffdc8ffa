"""The precomputed search text of each region (``RegionSearchText``, ADR 0100).

A region's row is rewritten when one of its revisions is published (``public.apps``
connects ``publication_saved`` to the revisions' ``post_save``), in the same transaction;
``ensure_search_texts`` (after ``migrate``) writes what is missing or of an older format.
A search then reads one folded column per region instead of five tables.
"""

from declarations.models import Municipality, Prefecture, Region
from declarations.selectors import current_declaration_revisions, published_fields
from filing.master import normalize_kana
from projects.models import Project
from public.models import RegionSearchText
from public.selectors.summaries import field_label
from visions.selectors import current_vision_revisions

# Raise when what goes into the text changes: ``ensure_search_texts`` rewrites older rows.
SEARCH_TEXT_VERSION = 1
SEPARATOR = "\n"


def fold(text: str) -> str:
    """A query word and the stored text alike: NFKC, katakana to hiragana, lower case,
    control characters (and so the separator) to spaces."""
    folded = normalize_kana(text or "").lower()
    return "".join(" " if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c for c in folded)


def region_search_text(region_id: int) -> str | None:
    """The folded text of the region's current publication; None when nothing is published."""
    revision = (
        current_declaration_revisions()
        .filter(declaration__region_id=region_id)
        .select_related("declaration__region")
        .first()
    )
    if revision is None:
        return None
    parts = [
        revision.region_name,
        revision.region_name_kana,
        revision.aspiration,
        revision.area_note,
        revision.declaration.region.slug,
    ]
    members = list(revision.members.values_list("name", "lg_code"))
    codes = {code for _name, code in members if code}
    parts += [name for name, _code in members]
    for model in (Municipality, Prefecture):
        for name, kana in model.objects.filter(lg_code__in=codes).values_list("name", "kana"):
            parts += [name, kana]
    parts += [field_label(entry.code, entry.text) for entry in published_fields([revision.pk])]
    parts += Project.objects.filter(
        revision__in=current_vision_revisions().filter(vision__region_id=region_id).values("pk")
    ).values_list("name", flat=True)
    return SEPARATOR.join(fold(str(part)) for part in parts if part)


def refresh_region(region_id: int) -> None:
    text = region_search_text(region_id)
    if text is None:
        RegionSearchText.objects.filter(region_id=region_id).delete()
        return
    RegionSearchText.objects.update_or_create(
        region_id=region_id, defaults={"text": text, "version": SEARCH_TEXT_VERSION}
    )


def ensure_search_texts() -> int:
    """Write the rows of published regions that have none, or one of an older format."""
    current = RegionSearchText.objects.filter(version=SEARCH_TEXT_VERSION).values("region_id")
    missing = (
        Region.objects.filter(
            pk__in=current_declaration_revisions().values("declaration__region_id")
        )
        .exclude(pk__in=current)
        .values_list("pk", flat=True)
    )
    count = 0
    for region_id in list(missing):
        refresh_region(region_id)
        count += 1
    return count
