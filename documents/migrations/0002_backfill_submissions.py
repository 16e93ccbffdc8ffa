"""One ``reviews.Submission`` for every 送付 made before the record existed (ADR 0094).

Each revision with a ``submitted_at`` gets one row per ``StatusChange`` to ``submitted``
(its 送付, numbered 1, 2, … in order; the revision's ``submitted_at`` alone when the trail
has none), with 受付番号 given in the order the 送付 happened. Only the last 送付 of a
revision that is still frozen (not a reopened draft) has its content: the revision has not
changed since, so its snapshot is the revision as it stands. An earlier 送付 of a revision
returned and sent again, and the last one of a revision reopened since, keep an empty
snapshot: what was sent then was not kept (the frozen PDFs of each 送付 still are).

It lives in the documents app, the lowest layer that may build a revision's bundle
(``workflow``; ADR 0080), and reads the revisions through the current models: run it with
the schema of this release.
"""

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    from declarations.models import DeclarationRevision
    from filing.bundle import filing_to_bundle
    from reviews.services import receipt_number
    from visions.models import VisionRevision
    from workflow.verbs import revision_filing

    ContentType = apps.get_model("contenttypes", "ContentType")
    StatusChange = apps.get_model("declarations", "StatusChange")
    Submission = apps.get_model("reviews", "Submission")
    ReceiptCounter = apps.get_model("reviews", "ReceiptCounter")

    moves = []  # (at, sequence, revision, content type, is the last 送付, who sent it)
    for model in (DeclarationRevision, VisionRevision):
        if not model.objects.exclude(submitted_at=None).exists():
            continue
        content_type, _created = ContentType.objects.get_or_create(
            app_label=model._meta.app_label, model=model._meta.model_name
        )
        for revision in model.objects.exclude(submitted_at=None).order_by("pk"):
            if Submission.objects.filter(
                content_type_id=content_type.pk, object_id=revision.pk
            ).exists():
                continue
            times = list(
                StatusChange.objects.filter(
                    content_type_id=content_type.pk, object_id=revision.pk, new="submitted"
                )
                .order_by("at", "pk")
                .values_list("at", "actor_id")
            ) or [(revision.submitted_at, None)]
            # The PDFs of the last 送付 carry the revision's time.
            times[-1] = (revision.submitted_at, times[-1][1])
            for index, (at, actor_id) in enumerate(times):
                last = index == len(times) - 1
                moves.append((at, index + 1, revision, content_type, last, actor_id))
    moves.sort(key=lambda move: (move[0], move[3].pk, move[2].pk, move[1]))
    for at, sequence, revision, content_type, last, actor_id in moves:
        snapshot = {}
        if last and revision.status != "draft":
            filing = revision_filing(revision)
            snapshot = filing_to_bundle(filing) if filing is not None else {}
        year = timezone.localtime(at).year
        counter, _created = ReceiptCounter.objects.get_or_create(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        Submission.objects.create(
            region_id=revision.region.pk,
            content_type_id=content_type.pk,
            object_id=revision.pk,
            sequence=sequence,
            receipt_number=receipt_number(at, counter.last),
            receipt_year=year,
            receipt_serial=counter.last,
            submitted_at=at,
            actor_id=actor_id,
            snapshot=snapshot,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0001_initial"),
        ("reviews", "0005_submission"),
        ("declarations", "0005_region_name_kana"),
        ("visions", "0002_cover_letter"),
        ("projects", "0002_initial"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
