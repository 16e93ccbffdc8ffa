"""The reviewers (``reviewer`` group, reviews 0003) read the yearly results (実績) and their reminders
and may return or accept a result (custom permissions): no add, change or delete,
the status moves only through the verbs (ADR 0108)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWER_GROUP = "reviewer"

PERMISSIONS = [
    "view_targetresult",
    "view_resultreminder",
    "return_targetresult",
    "accept_targetresult",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("reports")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="reports", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=REVIEWER_GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="reports", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_target_results"),
        ("reviews", "0003_reviewer_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
