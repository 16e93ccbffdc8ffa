"""The two documents a region files, in one table: which model holds a document's revisions
and how a region's revisions of it are found. Staff pages, the review admin, the PDFs and
the commands ask this table instead of branching on ``"declaration"`` / ``"vision"``.

The services that start a revision of either document (``workflow.revisions``:
``revision_start``, ``revision_start_change``, ``revision_start_abolition``) take the
document's code, so that one staff view serves both documents."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from declarations.models import DeclarationRevision
from visions.models import VisionRevision


class UnknownDocument(LookupError):
    """A document code that is neither ``declaration`` nor ``vision`` (a mistyped URL)."""


@dataclass(frozen=True)
class DocumentKind:
    code: str  # "declaration" | "vision", as in URLs, bundles and ``revision.document``
    model: type
    parent: str  # the revision's foreign key to its document: "declaration" | "vision"
    act: str  # what the document records, as the 要綱 names it: 連携宣言 / 連携ビジョン
    succession_clause: str  # where the 要綱 provides for its change and abolition

    @property
    def label(self) -> str:
        return self.model.document_label

    def revisions_of(self, region):
        """Every revision of this document of ``region``, any status."""
        return self.model.objects.filter(**{f"{self.parent}__region": region})

    def revision_of(self, region, number: int):
        """The region's revision ``number`` of this document, or ``None``."""
        return self.revisions_of(region).filter(number=number).first()


DOCUMENTS = {
    "declaration": DocumentKind(
        "declaration",
        DeclarationRevision,
        "declaration",
        act=_("連携宣言"),
        succession_clause="第3(5)",
    ),
    "vision": DocumentKind(
        "vision",
        VisionRevision,
        "vision",
        act=_("連携ビジョン"),
        succession_clause="第4(3)",
    ),
}


def document_kind(code: str) -> DocumentKind:
    try:
        return DOCUMENTS[code]
    except KeyError:
        raise UnknownDocument(code) from None


def kind_of(revision) -> DocumentKind:
    return DOCUMENTS[revision.document]
