"""The mails about a revision: each leads to the item (issue 13).

Every mail names the region (never its database id), says what is expected of the reader
(「審査してください」「修正して再送付してください（理由: …）」「対応は不要です」) and carries the
absolute link to the page where that is done, from ``PORTAL_BASE_URL`` (``web.links``): the
admin review page for reviewers, the staff pages for the region's editors. The wording is in
``templates/mail/<name>.txt`` (the body) and ``<name>_subject.txt``; this module only gathers
the facts and sends through the outbox. The verbs' mails are ``workflow.notices``; the
comments' mails are here, below the verbs, since ``reviews.services`` posts the comments.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext

from accounts.notifications import editor_addresses, mail_day, notice_mail, reviewer_addresses
from reviews.selectors import anchors_of
from web.links import absolute_url


def revision_facts(revision) -> dict:
    """What every mail about ``revision`` says: its label and region, and the links."""
    region = revision.region
    return {
        "label": revision.label,
        "region": revision.region_title or region.slug,
        "document_label": revision.document_label,
        "number": revision.number,
        "portal": settings.PORTAL_NAME,
        "review_url": absolute_url(
            reverse("admin:reviews_revision", args=[revision.document, revision.pk])
        ),
        "queue_url": absolute_url(reverse("admin:reviews_queue")),
        "staff_url": absolute_url(revision.get_absolute_url()),
        "comments_url": absolute_url(
            reverse(
                "staff_comments:revision", args=[region.slug, revision.document, revision.number]
            )
        ),
    }


def day(value) -> str:
    """A date or a moment as the mails print it, in the reader's language: 和暦
    (「令和8年12月2日」) in Japanese, "2 December 2026" in English; "" for none."""
    return mail_day(value)


def notice_send(name: str, revision, recipients, **extra) -> None:
    """Render ``templates/mail/<name>`` with the revision's facts and queue one mail per
    language of the recipients (ADR 0126): the facts are gathered in each language."""
    notice_mail(name, lambda: {**revision_facts(revision), **extra}, recipients)


def _target_text(comment, revision) -> str:
    labels = {anchor.path: anchor.label for anchor in anchors_of(revision)}
    return labels.get(comment.anchor) or gettext("版の全体")


def comment_target(comment, revision) -> str:
    """The item a thread is about (its anchor's label), or 「版の全体」: written when the mail
    is rendered, in its reader's language."""
    return lazy(_target_text, str)(comment, revision)


def notify_commented(comment, revision) -> None:
    """A reviewer's comment goes to the region's editors; a region's reply to the reviewers."""
    target = comment_target(comment, revision)
    if comment.by_reviewer:
        notice_send(
            "comment_by_reviewer",
            revision,
            editor_addresses(revision.region),
            text=comment.body,
            target=target,
        )
    else:
        notice_send(
            "comment_by_staff", revision, reviewer_addresses(), text=comment.body, target=target
        )


def advice_facts(advice, revision) -> dict:
    """What the mails of a 事前相談 add: its question, its item and the two pages."""
    region = revision.region
    return {
        "question": advice.question,
        "advice_url": absolute_url(reverse("admin:reviews_advice_answer", args=[advice.pk])),
        "staff_advice_url": absolute_url(
            reverse("staff_comments:advice", args=[region.slug, revision.document, revision.number])
        ),
    }


def notify_advice_asked(advice, revision) -> None:
    """An editor asked for advice: the reviewers are told (ADR 0116)."""
    notice_send(
        "advice_asked",
        revision,
        reviewer_addresses(),
        text=advice.question,
        target=comment_target(advice, revision),
        **advice_facts(advice, revision),
    )


def notify_advice_answered(advice, comment, revision) -> None:
    """A reviewer's answer goes to the region's editors; an editor's follow-up to the
    reviewers. The editors' mail links to the staff page of the thread."""
    facts = advice_facts(advice, revision)
    if comment.by_reviewer:
        notice_send(
            "advice_answered",
            revision,
            editor_addresses(revision.region),
            text=comment.body,
            target=comment_target(comment, revision),
            **{**facts, "advice_url": facts["staff_advice_url"]},
        )
    else:
        notice_send("advice_followup", revision, reviewer_addresses(), text=comment.body, **facts)
