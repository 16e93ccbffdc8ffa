"""Reading the requests for new support measures (ADR 0116): a region's own (for its staff,
with every forwarding), one of a region's by id (another region's is never found), and the
published ones (for the public region page: nothing a reviewer has not published)."""

from django.db.models import Prefetch

from support.models import RequestForwarding, SupportRequest


def _with_forwardings(rows):
    return rows.prefetch_related(
        Prefetch("forwardings", queryset=RequestForwarding.objects.order_by("forwarded_on", "pk"))
    )


def region_requests(region) -> list[SupportRequest]:
    """The region's requests, newest first, each with its forwardings (two queries)."""
    return list(_with_forwardings(SupportRequest.objects.filter(region=region)))


def region_request(region, pk) -> SupportRequest | None:
    """One of ``region``'s requests by id, with its forwardings, or ``None``."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return _with_forwardings(SupportRequest.objects.filter(region=region, pk=pk)).first()


def published_requests(region) -> list[SupportRequest]:
    """The requests of ``region`` a reviewer published with their outcome, newest first."""
    rows = SupportRequest.objects.published().filter(region=region).order_by("-published_at", "-pk")
    return list(_with_forwardings(rows))
