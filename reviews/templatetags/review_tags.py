"""Template helpers of the review pages: comment threads, decisions, people's names.

Dates, 年度 and 円 are written by ``{% load portal_format %}``.
"""

from django import template
from django.utils.translation import gettext as _

from reviews.selectors import can_reply, reviews_of, threads_of

register = template.Library()


@register.simple_tag
def revision_threads(revision):
    """The comment threads of a revision (for ``reviews/includes/threads.html``)."""

    if revision is None:
        return []
    return threads_of(revision)


@register.simple_tag
def revision_decisions(revision):
    """The reviewers' decisions on a revision, oldest first."""

    if revision is None:
        return []
    return list(reviews_of(revision))


@register.filter
def person(user) -> str:
    """A user's name, family name first as written in Japanese; the user name without one;
    「システム」 for an action no person took (a command, the scheduled publication)."""
    if user is None:
        return _("システム")
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()


@register.simple_tag(takes_context=True)
def can_reply_to_reviewers(context, revision) -> bool:
    """Whether the signed-in user may answer this revision's threads (an editor of its region)."""

    request = context.get("request")
    if revision is None or request is None:
        return False
    return can_reply(request.user, revision.region)
