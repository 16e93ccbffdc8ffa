from django.apps import AppConfig
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def publication_saved(sender, instance, update_fields=None, **kwargs):
    """A revision became published (the status is terminal): write the region's search text
    and clear the publication stamps, in every process that shares the cache (ADR 0100)."""
    from declarations.lifecycle import Status
    from public.cache import forget_stamps
    from public.search_index import refresh_region

    if instance.status != Status.PUBLISHED:
        return
    if update_fields is not None and "status" not in update_fields:
        return
    region = instance.region
    refresh_region(region.pk)
    forget_stamps([region.slug])


def publication_deleted(sender, instance, **kwargs):
    """A published revision deleted (its region with it): no stamp may outlive it."""
    from declarations.lifecycle import Status
    from public.cache import forget_stamps

    if instance.status != Status.PUBLISHED:
        return
    try:
        slugs = [instance.region.slug]
    except ObjectDoesNotExist:  # deleted with its region
        slugs = []
    forget_stamps(slugs)


def catalogue_changed(sender, **kwargs):
    """The support-measure catalogue changed (ADR 0114): /support/, the API, the open data
    and every region page (its projects' matched measures) read their stamps again."""
    from declarations.models import Region
    from public.cache import forget_stamps

    forget_stamps(Region.objects.values_list("slug", flat=True))


def missing_search_texts(sender, apps=None, **kwargs):
    """post_migrate: write the search texts a published region lacks, once the table is
    there. ``migrate`` sends the signal for every app, also when it migrated only another
    app's migrations (``migrate declarations`` on a new database): ``apps``, the migration
    state, then has no ``RegionSearchText`` yet, and there is nothing to write into."""
    from public.search_index import ensure_search_texts

    if apps is not None:
        try:
            apps.get_model("public", "RegionSearchText")
        except LookupError:
            return
    ensure_search_texts()


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("公開サイト")

    def ready(self):
        from declarations.models import DeclarationRevision
        from reports.models import TargetResult, Verification
        from visions.models import VisionRevision

        for model in (DeclarationRevision, VisionRevision, Verification, TargetResult):
            post_save.connect(
                publication_saved, sender=model, dispatch_uid=f"public-{model.__name__}"
            )
            post_delete.connect(
                publication_deleted, sender=model, dispatch_uid=f"public-del-{model.__name__}"
            )
        from support.services import catalogue_changed as support_catalogue_changed

        support_catalogue_changed.connect(catalogue_changed, dispatch_uid="public-support")
        post_migrate.connect(missing_search_texts, sender=self, dispatch_uid="public-search")
