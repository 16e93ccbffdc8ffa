"""The mails of the requests for new support measures (ADR 0116), through the outbox: the
reviewers when a region submits one, the region's editors when a forwarding (検討依頼) is
recorded or its status changes. Wording in ``templates/mail/support_request_*.txt``."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import lazy

from accounts.notifications import editor_addresses, mail_day, notice_mail, reviewer_addresses
from web.links import absolute_url


def _facts(request) -> dict:
    region = request.region
    return {
        "title": request.title,
        "region": region.slug,
        "portal": settings.PORTAL_NAME,
        "projects": "、".join(request.project_names),
        "staff_url": absolute_url(reverse("staff:support_request", args=[region.slug, request.pk])),
        "admin_url": absolute_url(
            reverse("admin:support_supportrequest_change", args=[request.pk])
        ),
    }


def _send(name: str, recipients, **context) -> None:
    # one mail per language of the recipients (ADR 0126); the lazy texts are written then
    notice_mail(name, context, recipients)


def notify_request_submitted(request) -> None:
    """A region submitted a request: the reviewers are asked to consider forwarding it."""
    _send("support_request_submitted", reviewer_addresses(), **_facts(request))


def notify_forwarding(forwarding) -> None:
    """A forwarding was recorded or its status changed: the region's editors are told."""
    request = forwarding.request
    _send(
        "support_request_forwarding",
        editor_addresses(request.region),
        **_facts(request),
        ministry=forwarding.ministry,
        status=lazy(forwarding.get_status_display, str)(),
        forwarded_on=mail_day(forwarding.forwarded_on),
        answer=forwarding.answer,
    )
