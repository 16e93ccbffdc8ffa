"""The Atom feed of publications, ``/feeds/publications.atom``.

One entry per publication (a declaration or vision revision made public), newest first.
Published data only (``public.selectors``): no author is named, since the
people who moved a revision are staff, not authors of the region's filing.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from filing.formatting import wareki
from public.selectors.site import latest_publications

FEED_SIZE = 50


class PublicationsFeed(Feed):
    feed_type = Atom1Feed
    title_template = None

    def title(self):
        return _("%(portal)s 公表のお知らせ") % {"portal": settings.PORTAL_NAME}

    def subtitle(self):
        return _("公表された連携宣言書・連携ビジョン（策定・変更・廃止）の新しい順の一覧です。")

    def link(self):
        return reverse("regions:list")

    def feed_url(self):
        return reverse("feeds:publications")

    def author_name(self):
        return settings.PORTAL_NAME

    def feed_copyright(self):
        licence = settings.DATA_LICENCE
        return _("データは %(name)s（%(url)s）の条件で利用できます。出典: %(portal)s") % {
            "name": licence["name"],
            "url": licence["url"],
            "portal": settings.PORTAL_NAME,
        }

    def items(self):
        return latest_publications(FEED_SIZE)

    def item_title(self, item):
        publication = item.publication
        return _("%(region)s: %(document)s 第%(number)s版（%(kind)s）を公表") % {
            "region": item.region_name,
            "document": publication.document_label,
            "number": publication.number,
            "kind": publication.kind_label,
        }

    def item_description(self, item):
        publication = item.publication
        text = _(
            "%(date)s に %(region)s の%(document)s 第%(number)s版（%(kind)s）を公表しました。"
        ) % {
            "date": wareki(publication.published_at),
            "region": item.region_name,
            "document": publication.document_label,
            "number": publication.number,
            "kind": publication.kind_label,
        }
        if publication.reason:
            text += _("理由: %(reason)s") % {"reason": publication.reason}
        return text

    def item_link(self, item):
        return reverse("regions:revision", kwargs={"slug": item.slug, "key": item.publication.key})

    def item_guid(self, item):
        return f"tag:region-portal,2026:{item.slug}/{item.publication.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.publication.published_at

    def item_updateddate(self, item):
        return item.publication.published_at

    def item_copyright(self, item):
        return self.feed_copyright()
