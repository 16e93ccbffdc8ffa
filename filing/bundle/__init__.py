"""The region bundle: one JSON document for a whole filing (DESIGN.md, "The region bundle").

``parse_bundle`` reads a bundle strictly into a ``Filing``: the first input error
(malformed JSON, an unknown key, a wrong type, a bad date, an amount or a text
over its limit, an unknown member key, ...) raises ``BundleError`` with the JSON
path of the offending value, and nothing is built. Whether the filing meets the
要綱 is not decided here: that is the rules' job (``filing.engine``).
``filing_to_bundle``/``dumps_bundle`` write the canonical form back, and
``parse_bundle(filing_to_bundle(f)) == f`` for every ``f`` that ``parse_bundle`` returns.

The modules, from the bytes up:

* ``limits``   -- sizes, counts, amounts and the year range a bundle may hold;
* ``keys``     -- which keys each object of the format holds (read and written);
* ``errors``   -- ``BundleError`` and how its path and message are spelled;
* ``decoding`` -- bytes, text or a file into decoded JSON (UTF-8, size, duplicate keys);
* ``reader``   -- decoded JSON into a ``Filing``, strictly (the decisions DESIGN leaves open);
* ``writer``   -- a ``Filing`` into the canonical bundle.
* ``attachments`` -- the attachments a bundle lists beside the filing, and the check of a
  file against its entry (ADR 0120); ``listing`` -- a bundle's filing with that list.

This package re-exports what its callers use, so they keep importing from
``filing.bundle`` (the name ``docs/open-data.md`` gives the API's users).
"""

from filing.bundle.attachments import ListedAttachment, check_file, has_consultation_record
from filing.bundle.decoding import STDIN
from filing.bundle.errors import BundleError
from filing.bundle.limits import MAX_AMOUNT, MAX_BUNDLE_BYTES, MAX_MEMBERS, MAX_YEAR, MIN_YEAR
from filing.bundle.listing import parse_bundle_listing, read_bundle_listing_file
from filing.bundle.reader import parse_bundle, read_bundle_file
from filing.bundle.writer import dumps_bundle, filing_to_bundle

__all__ = [
    "MAX_AMOUNT",
    "MAX_BUNDLE_BYTES",
    "MAX_MEMBERS",
    "MAX_YEAR",
    "MIN_YEAR",
    "STDIN",
    "BundleError",
    "ListedAttachment",
    "check_file",
    "dumps_bundle",
    "filing_to_bundle",
    "has_consultation_record",
    "parse_bundle",
    "parse_bundle_listing",
    "read_bundle_file",
    "read_bundle_listing_file",
]
