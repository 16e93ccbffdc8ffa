"""The Atom feed of publications, ``/feeds/publications.atom``.

One entry per publication (a declaration or vision revision made public), newest first.
Published data only (``public.selectors``): no author is named, since the
people who moved a revision are staff, not authors of the region's filing.

Stored text may hold what XML 1.0 cannot carry (a control character written by a script
or before the one text cleaner, ADR 0084): every text and attribute is scrubbed
(``filing.text.scrub``) as it is written, so the feed never fails on stored data.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from filing.formatting import JST, wareki
from filing.text import scrub
from public.licence import data_licence
from public.selectors.site import latest_publications

FEED_SIZE = 50


class _ScrubbingXMLGenerator(SimplerXMLGenerator):
    """Writes only what XML 1.0 can carry (Django's generator refuses the rest)."""

    def characters(self, content):
        super().characters(scrub(content) if isinstance(content, str) else content)

    def startElement(self, name, attrs):
        attrs = {key: scrub(v) if isinstance(v, str) else v for key, v in (attrs or {}).items()}
        super().startElement(name, attrs)


class ScrubbedAtom1Feed(Atom1Feed):
    """Django's Atom 1.0 feed, written through ``_ScrubbingXMLGenerator``."""

    def write(self, outfile, encoding):
        handler = _ScrubbingXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        # the data licence as a link too (RFC 4946), beside <rights> (ADR 0123)
        handler.addQuickElement("link", "", {"rel": "license", "href": data_licence().url})
        self.write_items(handler)
        handler.endElement("feed")


class PublicationsFeed(Feed):
    feed_type = ScrubbedAtom1Feed
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
        return data_licence().sentence()

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
        # In Japan time, so the feed writes +09:00 as the API and the CSV do (issue 13).
        return item.publication.published_at.astimezone(JST)

    def item_updateddate(self, item):
        return item.publication.published_at.astimezone(JST)

    def item_copyright(self, item):
        return self.feed_copyright()
