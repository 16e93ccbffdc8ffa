"""The data licence of everything the portal publishes: one place that reads it (ADR 0123).

The operator sets it in ``settings.DATA_LICENCE`` (name, URL, note; the environment
variables ``DATA_LICENCE_NAME``, ``DATA_LICENCE_URL`` and ``DATA_LICENCE_NOTE``); the default
is the 公共データ利用規約 第1.0版 (PDL 1.0), which is compatible with CC BY 4.0. Every API
body (``license``), the OpenAPI ``info.license``, the CSV responses (a ``Link: …;
rel="license"`` header: a note row above the header row would break the one-header-row
rule of the machine-readability rules), the Atom ``<rights>``, the DCAT catalogue
(``dct:license``), the footer and the open-data page read it from here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True, slots=True)
class Licence:
    name: str
    url: str
    note: str
    attribution: str

    def as_json(self) -> dict:
        """The ``license`` object of every API body."""
        return {
            "name": self.name,
            "url": self.url,
            "note": self.note,
            "attribution": self.attribution,
        }

    def sentence(self) -> str:
        """One line naming the licence, its URL, the source to credit and the note."""
        text = _("データは %(name)s（%(url)s）の条件で利用できます。出典: %(portal)s") % {
            "name": self.name,
            "url": self.url,
            "portal": self.attribution,
        }
        return f"{text}。{self.note}" if self.note else text

    def link_header(self) -> str:
        """The HTTP ``Link`` value that points at the licence (RFC 8288, ``rel="license"``)."""
        return f'<{self.url}>; rel="license"'


def data_licence() -> Licence:
    """The licence configured in ``settings.DATA_LICENCE`` (``note`` may be left out)."""
    configured = settings.DATA_LICENCE
    return Licence(
        name=configured["name"],
        url=configured["url"],
        note=configured.get("note", ""),
        attribution=settings.PORTAL_NAME,
    )
