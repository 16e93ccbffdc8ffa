"""Attachments filed for the public-leak test (tests/test_public_never_leaks.py, ADR 0118)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.services import attachment_add

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
ATTACHMENT_PUBLISHED = "公表する添付OKQ7"
ATTACHMENT_SECRETS = {
    "private": "審査担当だけの添付LEAKATTACHQ7",
    "private_name": "LEAKATTACHNAMEQ7.pdf",
    "draft": "下書きの添付LEAKATTACHDRAFTQ7",
    "draft_name": "LEAKATTACHDRAFTNAMEQ7.pdf",
}


def _add(target, actor, title, name, *, is_public):
    upload = SimpleUploadedFile(name, PDF)
    return attachment_add(
        target=target, upload=upload, actor=actor, title=title, is_public=is_public
    )


def file_public_and_private(draft, actor):
    """On a draft about to be published: a public attachment (on the vision and on a
    project) and a private one."""
    _add(draft.vision_revision, actor, ATTACHMENT_PUBLISHED, "公表.pdf", is_public=True)
    project = draft.vision_revision.projects.order_by("pk").first()
    _add(project, actor, ATTACHMENT_PUBLISHED + "P", "公表P.pdf", is_public=True)
    secrets = ATTACHMENT_SECRETS
    _add(
        draft.declaration_revision,
        actor,
        secrets["private"],
        secrets["private_name"],
        is_public=False,
    )


def file_unpublished(draft, actor):
    """A public attachment of a revision that stays a draft: never public either."""
    secrets = ATTACHMENT_SECRETS
    _add(draft.declaration_revision, actor, secrets["draft"], secrets["draft_name"], is_public=True)
