"""The two documents a region files, in one table: which model holds a document's revisions
and how a region's revisions of it are found. Staff pages, the review admin, the PDFs and
the commands ask this table instead of branching on ``"declaration"`` / ``"vision"``.

Besides the model, a row names the services that start a revision of the document (the
first one, a change, an abolition), so that one staff view serves both documents."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from declarations.models import DeclarationRevision
from declarations.services import declaration_create
from visions.models import VisionRevision
from visions.services import vision_create
from workflow.revisions import (
    declaration_start_abolition,
    declaration_start_change,
    vision_start_abolition,
    vision_start_change,
)


class UnknownDocument(LookupError):
    """A document code that is neither ``declaration`` nor ``vision`` (a mistyped URL)."""


@dataclass(frozen=True)
class DocumentKind:
    code: str  # "declaration" | "vision", as in URLs, bundles and ``revision.document``
    model: type
    parent: str  # the revision's foreign key to its document: "declaration" | "vision"
    act: str  # what the document records, as the 要綱 names it: 連携宣言 / 連携ビジョン
    succession_clause: str  # where the 要綱 provides for its change and abolition
    create: Callable  # (region=, actor=) → revision 1, a draft
    start_change: Callable  # (region=, actor=) → a draft copied from the published revision
    start_abolition: Callable  # (region=, actor=, reason=, consulted_on=) → a draft (廃止)

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
        create=declaration_create,
        start_change=declaration_start_change,
        start_abolition=declaration_start_abolition,
    ),
    "vision": DocumentKind(
        "vision",
        VisionRevision,
        "vision",
        act=_("連携ビジョン"),
        succession_clause="第4(3)",
        create=vision_create,
        start_change=vision_start_change,
        start_abolition=vision_start_abolition,
    ),
}


def document_kind(code: str) -> DocumentKind:
    try:
        return DOCUMENTS[code]
    except KeyError:
        raise UnknownDocument(code) from None


def kind_of(revision) -> DocumentKind:
    return DOCUMENTS[revision.document]
