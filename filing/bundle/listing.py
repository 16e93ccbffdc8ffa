"""A bundle's filing together with the attachments it lists (ADR 0120)."""

from filing.bundle.decoding import decode, read_file
from filing.bundle.reader import _Reader
from filing.data import Filing


def parse_bundle_listing(data: bytes | str | dict) -> tuple[Filing, tuple]:
    """The ``Filing`` of a bundle and the attachments it lists (``filing.bundle.attachments``
    ``ListedAttachment``), in bundle order: the declaration's, the vision's, each project's."""
    reader = _Reader()
    filing = reader.filing(decode(data))
    return filing, reader.attachments


def read_bundle_listing_file(path, *, stdin=None) -> tuple[Filing, tuple]:
    """``parse_bundle_listing`` of the bundle file at ``path`` (as ``read_bundle_file``)."""
    return parse_bundle_listing(read_file(path, stdin=stdin))
