"""The ``reviewer`` group (総務省の審査担当) with exactly the permissions a reviewer needs.

- view: the filing models, the master data and the audit trail (read-only);
- add: comments; resolve: threads (a custom permission);
- the two verbs, return and accept (custom permissions on ``reviews.Review``).

No add, change or delete permission on any revision or its rows: content and status
change only through the verbs (STYLE.md §4, §7). Running the migration again sets the
group's permissions to exactly this list.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWER_GROUP = "reviewer"

REVIEWER_PERMISSIONS = [
    ("declarations", "view_region"),
    ("declarations", "view_organization"),
    ("declarations", "view_declaration"),
    ("declarations", "view_declarationrevision"),
    ("declarations", "view_declarationfield"),
    ("declarations", "view_member"),
    ("declarations", "view_statuschange"),
    ("declarations", "view_prefecture"),
    ("declarations", "view_municipality"),
    ("visions", "view_vision"),
    ("visions", "view_visionrevision"),
    ("projects", "view_project"),
    ("projects", "view_implementer"),
    ("projects", "view_planreference"),
    ("projects", "view_budgetline"),
    ("projects", "view_milestone"),
    ("reviews", "view_comment"),
    ("reviews", "add_comment"),
    ("reviews", "resolve_comment"),
    ("reviews", "view_review"),
    ("reviews", "return_revision"),
    ("reviews", "accept_revision"),
]


def create_reviewer_group(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now.
    for label in ("declarations", "visions", "projects", "reviews"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in REVIEWER_PERMISSIONS
    ]
    group.permissions.set(permissions)


def remove_reviewer_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWER_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("declarations", "0003_filing_domain"),
        ("visions", "0001_initial"),
        ("projects", "0002_initial"),
        ("reviews", "0002_review_permissions_and_system_decisions"),
    ]

    operations = [migrations.RunPython(create_reviewer_group, remove_reviewer_group)]
