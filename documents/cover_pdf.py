"""The 送付書 (cover letter) that goes with every submitted document (要綱 第3(6)).

Addressed to ``settings.MINISTRY_OFFICE``, numbered (文書番号) and dated the day of
submission, it lists the enclosed document with its page count and SHA-256, so the
ministry can check the copy it received (``/verify/``), and the attachments sent with it
with their title, kind, size and SHA-256 (``AttachedFile``, ADR 0119: the list is part of
the frozen letter, so its own SHA-256 vouches for it), and ends with the region's
担当部署・連絡先 (``CoverDetails``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from documents.render import DOCUMENT_STYLESHEET, DocumentMeta, render_pdf
from filing.data import Filing, RevisionInfo, RevisionKind


@dataclass(frozen=True, slots=True)
class Enclosure:
    """One enclosed document as the cover letter lists it."""

    title: str  # 「瀬戸内広域リージョン　連携宣言書（変更）」
    number: int
    kind_label: str  # 策定・変更・廃止
    pages: int
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class AttachedFile:
    """One attachment as the cover letter lists it (what the 送付 recorded)."""

    title: str
    kind_label: str  # 協議の記録・署名済みの宣言書・参考資料・その他
    project_name: str  # "" for the revision's own
    original_name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class CoverDetails:
    """What the sender writes on the letter itself, beside the filing: the 文書番号 and
    the 担当部署・連絡先 (entered on the revision before 送付; none of them is required)."""

    document_number: str = ""  # 「瀬戸内広域第12号」
    department: str = ""
    person: str = ""
    phone: str = ""
    email: str = ""

    @property
    def has_contact(self) -> bool:
        return any((self.department, self.person, self.phone, self.email))


def cover_subject(document: str, kind: RevisionKind) -> str:
    subjects = {
        ("declaration", RevisionKind.ESTABLISHED): _("連携宣言書の写しの送付について"),
        ("declaration", RevisionKind.CHANGED): _("広域リージョン連携宣言の変更について（送付）"),
        ("declaration", RevisionKind.ABOLISHED): _("広域リージョン連携宣言の廃止について（送付）"),
        ("vision", RevisionKind.ESTABLISHED): _("広域リージョン連携ビジョンの送付について"),
        ("vision", RevisionKind.CHANGED): _("広域リージョン連携ビジョンの変更について（送付）"),
        ("vision", RevisionKind.ABOLISHED): _("広域リージョン連携ビジョンの廃止について（送付）"),
    }
    return subjects[(document, kind)]


def cover_context(
    filing: Filing,
    *,
    document: str,
    info: RevisionInfo,
    meta: DocumentMeta,
    enclosures: list[Enclosure],
    details: CoverDetails | None = None,
    attachments: list[AttachedFile] | tuple = (),
) -> dict:
    return {
        "filing": filing,
        "declaration": filing.declaration,
        "document": document,
        "info": info,
        "meta": meta,
        "title": cover_subject(document, info.kind),
        "running_title": "",
        "office": settings.MINISTRY_OFFICE,
        "member_count": len(filing.members),
        "enclosures": enclosures,
        "details": details or CoverDetails(),
        "attachments": list(attachments),
        "is_change": info.kind == RevisionKind.CHANGED,
        "is_abolition": info.kind == RevisionKind.ABOLISHED,
    }


def cover_html(filing: Filing, **context) -> str:
    return render_to_string("documents/pdf/cover.html", cover_context(filing, **context))


def cover_pdf(filing: Filing, **context) -> bytes:
    """The cover letter as PDF bytes (raises ``documents.render.PdfError``)."""
    meta = context["meta"]
    return render_pdf(
        cover_html(filing, **context),
        created=meta.created,
        identifier=meta.identifier,
        stylesheet=DOCUMENT_STYLESHEET,
    )
