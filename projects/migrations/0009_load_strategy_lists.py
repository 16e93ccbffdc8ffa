"""Load the shipped national-strategy lists (ADR 0121): the three cluster types of the
地域未来戦略 and the 17 戦略分野 of the 日本成長戦略会議 (2025-11-10). The versions are named
constants of ``filing.strategy`` that never change (a revision is a new constant and a new
migration)."""

from django.db import migrations

from filing.strategy import CLUSTER_TYPES_2026, STRATEGIC_FIELDS_2025


def load(apps, schema_editor):
    StrategyList = apps.get_model("projects", "StrategyList")
    StrategyTerm = apps.get_model("projects", "StrategyTerm")
    for shipped in (CLUSTER_TYPES_2026, STRATEGIC_FIELDS_2025):
        row, created = StrategyList.objects.get_or_create(
            kind=shipped.kind,
            version=shipped.version,
            defaults={"source": shipped.source, "decided_on": shipped.decided_on},
        )
        if created:
            StrategyTerm.objects.bulk_create(
                StrategyTerm(strategy_list=row, position=i, code=t.code, label=t.label)
                for i, t in enumerate(shipped.terms)
            )


def unload(apps, schema_editor):
    StrategyList = apps.get_model("projects", "StrategyList")
    for shipped in (CLUSTER_TYPES_2026, STRATEGIC_FIELDS_2025):
        StrategyList.objects.filter(kind=shipped.kind, version=shipped.version).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0008_project_strategy")]

    operations = [migrations.RunPython(load, unload)]
