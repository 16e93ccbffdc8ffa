"""The ``reviewer`` group (総務省の審査担当) holds exactly the permissions its apps list.

Each app that reviewers work in names, on its AppConfig, the permissions of its own models
a reviewer holds (``reviewer_permissions``: codenames). After every ``migrate`` (and after
the flush of a transactional test, which sends the same signal) ``sync_reviewer_group``
gives the group exactly those permissions of that app: a permission an app adds to its list
is granted, one it drops is taken away. One list per app and one handler (ADR 0125) instead
of a data migration per app; the earlier data migrations stay as history.
"""

from django.apps import apps as global_apps

from accounts.models import REVIEWER_GROUP


def sync_reviewer_group(sender, apps=None, using="default", **kwargs):
    """post_migrate receiver: run once per migrated app (``sender``), after Django's own
    receivers have created that app's content types and permissions. ``migrate`` passes the
    migration state's ``apps``; ``flush`` passes none (then the installed models)."""
    codenames = getattr(sender, "reviewer_permissions", None)
    if codenames is None:
        return
    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:  # auth is not migrated in this run
        return
    group, _ = Group.objects.using(using).get_or_create(name=REVIEWER_GROUP)
    held = Permission.objects.using(using).filter(content_type__app_label=sender.label)
    wanted = set(codenames)
    group.permissions.remove(*held.exclude(codename__in=wanted))
    group.permissions.add(*held.filter(codename__in=wanted))
