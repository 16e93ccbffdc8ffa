"""The verbs of the support-measure catalogue (ADR 0114): save or delete a measure (the
admin's form), import a CSV (all or nothing), export it.

Every change sends ``catalogue_changed`` once, which the public site listens to (its
publication stamps, ADR 0100): a published measure is on ``/support/``, the API and the open
data at once. The audit row of an admin change is the admin's own history (``LogEntry``);
the import writes one ``LogEntry`` per measure it adds or changes, with the import's name.
"""

from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal

from filing import support_catalogue as catalogue
from support.models import SupportMeasure

# Sent after the catalogue changed (no arguments but ``sender``).
catalogue_changed = Signal()


@dataclass
class ImportOutcome:
    """What an import did: the measures added and changed, or every error (nothing done)."""

    created: list[SupportMeasure] = field(default_factory=list)
    updated: list[SupportMeasure] = field(default_factory=list)
    unchanged: int = 0
    errors: list[catalogue.CatalogueError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _values(data: catalogue.MeasureData) -> dict:
    return {
        "kind": str(data.kind),
        "fields": [str(code) for code in data.fields],
        "tags": list(data.tags),
        "fiscal_years": list(data.fiscal_years),
        "url": data.url,
        "gives_priority": data.gives_priority,
        "is_open": data.is_open,
        "summary": data.summary,
        "cluster_types": list(data.cluster_types),
        "strategic_fields": list(data.strategic_fields),
    }


def _changed():
    # The receivers (public.apps) forget the stamps now and again after the commit.
    catalogue_changed.send(sender=SupportMeasure)


def _log(actor, measures, flag, message: str) -> None:
    if actor is None or not measures:
        return
    content_type = ContentType.objects.get_for_model(SupportMeasure)
    LogEntry.objects.bulk_create(
        LogEntry(
            user_id=actor.pk,
            content_type=content_type,
            object_id=str(measure.pk),
            object_repr=str(measure)[:200],
            action_flag=flag,
            change_message=message,
        )
        for measure in measures
    )


@transaction.atomic
def import_catalogue(content: bytes, *, actor, is_demo: bool = False) -> ImportOutcome:
    """Read a catalogue CSV and, only if it has no error at all, add the measures that are
    new and change those already there (by 名称 and 府省名). A row without a 公表 column
    leaves an existing measure's publication as it is (a new one is not published)."""
    rows, errors = catalogue.read_csv(content)
    if errors:
        return ImportOutcome(errors=errors)
    outcome = ImportOutcome()
    existing = {
        (measure.name, measure.ministry): measure
        for measure in SupportMeasure.objects.select_for_update().filter(
            name__in={row.measure.name for row in rows}
        )
    }
    for row in rows:
        values = _values(row.measure)
        measure = existing.get(row.measure.key)
        if measure is None:
            measure = SupportMeasure(
                name=row.measure.name,
                ministry=row.measure.ministry,
                is_published=bool(row.is_published),
                is_demo=is_demo,
                **values,
            )
            measure.save()
            outcome.created.append(measure)
            continue
        if row.is_published is not None:
            values["is_published"] = row.is_published
        # a file without the 類型 / 戦略分野 columns (ADR 0121) leaves them as they are
        if catalogue.CLUSTERS in row.absent:
            values.pop("cluster_types")
        if catalogue.SECTORS in row.absent:
            values.pop("strategic_fields")
        if all(getattr(measure, name) == value for name, value in values.items()):
            outcome.unchanged += 1
            continue
        for name, value in values.items():
            setattr(measure, name, value)
        measure.save()
        outcome.updated.append(measure)
    message = "CSV の取り込み"
    _log(actor, outcome.created, ADDITION, message)
    _log(actor, outcome.updated, CHANGE, message)
    if outcome.created or outcome.updated:
        _changed()
    return outcome


@transaction.atomic
def save_measure(measure: SupportMeasure) -> SupportMeasure:
    """The admin's form saved a measure (the admin writes its own history row)."""
    measure.save()
    _changed()
    return measure


@transaction.atomic
def delete_measures(measures) -> int:
    """The admin deleted measures (it logs each deletion first, ADR 0114)."""
    count, _ = SupportMeasure.objects.filter(pk__in=[m.pk for m in measures]).delete()
    if count:
        _changed()
    return count


def export_catalogue(measures=None) -> bytes:
    """The catalogue (or the measures given) as the CSV ``import_catalogue`` reads."""
    measures = SupportMeasure.objects.all() if measures is None else measures
    return catalogue.write_csv((m.to_data(), m.is_published) for m in measures)


def load_catalogue_file(path) -> ImportOutcome:
    """The demo catalogue (``demo/support-measures.csv``) loaded as demo measures."""
    with open(path, "rb") as handle:
        return import_catalogue(handle.read(), actor=None, is_demo=True)


__all__ = [
    "ImportOutcome",
    "catalogue_changed",
    "delete_measures",
    "export_catalogue",
    "import_catalogue",
    "load_catalogue_file",
    "save_measure",
]
