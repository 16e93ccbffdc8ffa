"""目標のキー (ADR 0108): each target keeps one key across the vision's revisions. Existing
targets get theirs here: the same project name and 指標名 in a later revision of the same
vision share the key of the earlier one."""

import secrets

from django.db import migrations, models


def give_keys(apps, schema_editor):
    ProjectTarget = apps.get_model("projects", "ProjectTarget")
    keys: dict[tuple, str] = {}
    rows = ProjectTarget.objects.filter(key="").order_by(
        "project__revision__vision_id", "project__revision__number", "pk"
    )
    seen_in_revision: set[tuple] = set()
    for target in rows.values(
        "pk", "name", "project__name", "project__revision_id", "project__revision__vision_id"
    ):
        vision = target["project__revision__vision_id"]
        names = (vision, target["project__name"], target["name"])
        revision_names = (target["project__revision_id"], *names[1:])
        if names not in keys or revision_names in seen_in_revision:
            keys[names] = f"t{secrets.token_hex(4)}"
        seen_in_revision.add(revision_names)
        ProjectTarget.objects.filter(pk=target["pk"]).update(key=keys[names])


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_project_targets")]

    operations = [
        migrations.AddField(
            model_name="projecttarget",
            name="key",
            field=models.CharField(
                blank=True, db_index=True, max_length=40, verbose_name="目標のキー"
            ),
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
    ]
