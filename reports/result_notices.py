"""The mails about the yearly results (実績, ADR 0108), like the 検証 records'
(``reports.notices``): to the reviewers one mail per 年度's batch sent by a region, to the
region's editors when a result is returned or published, and the reminder of a 年度 whose
results are missing. The wording is in ``templates/mail/result_*.txt``; mails go through the
outbox (ADR 0081)."""

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from accounts.notifications import editor_addresses, mail_nendo, reviewer_addresses
from filing.targets import format_value
from reports.notices import send
from reports.selectors import current_published_vision
from reviews.notices import day
from web.links import absolute_url

# The staff page of a region's results (staff/views/results.py); until it exists, the
# region's staff page.
STAFF_RESULTS_URL = "staff:results"


def staff_results_url(region) -> str:
    try:
        path = reverse(STAFF_RESULTS_URL, args=[region.slug])
    except NoReverseMatch:
        path = reverse("staff:region", args=[region.slug])
    return absolute_url(path)


def region_title(region) -> str:
    revision = current_published_vision(region)
    return (revision.region_title if revision is not None else "") or region.slug


def figure(result) -> str:
    """「3社」, 「（未記入）」 without a value (in the active language)."""
    if result.value is None:
        return gettext("（未記入）")
    return f"{format_value(result.value)}{result.unit}"


def result_facts(result) -> dict:
    return {
        "label": result.label,
        "region": region_title(result.region),
        "nendo": mail_nendo(result.fiscal_year),
        "project": result.project_name,
        "target": result.target_name,
        "figure": figure(result),
        "review_url": absolute_url(reverse("admin:reports_targetresult_change", args=[result.pk])),
        "staff_url": staff_results_url(result.region),
    }


def notify_batch_submitted(*, region, fiscal_year: int, results) -> None:
    """To the reviewers, once per 年度's batch (``results_submit_year``): 「審査してください」
    with each result and the admin list of the region's results of that 年度."""
    if not results:
        return
    query = urlencode(
        {
            "vision__region__id__exact": region.pk,
            "fiscal_year": fiscal_year,
            "status__exact": "submitted",
        }
    )
    send(
        "result_submitted",
        lambda: {
            "region": region_title(region),
            "nendo": mail_nendo(fiscal_year),
            "count": len(results),
            "submitted_on": day(results[0].submitted_at),
            "lines": [f"{r.project_name} / {r.target_name}: {figure(r)}" for r in results],
            "list_url": absolute_url(f"{reverse('admin:reports_targetresult_changelist')}?{query}"),
        },
        reviewer_addresses(),
    )


def notify_returned(result, reason: str) -> None:
    """To the region's editors: 「修正して再送付してください（理由: …）」."""
    send(
        "result_returned",
        lambda: {**result_facts(result), "reason": reason},
        editor_addresses(result.region),
    )


def notify_published(result) -> None:
    """To the region's editors: accepted and published; 「対応は不要です」."""
    send(
        "result_published",
        lambda: {**result_facts(result), "published_on": day(result.published_at)},
        editor_addresses(result.region),
    )


def notify_missing(*, missing, recipients):
    """To the region's editors: the 年度's results of ``missing.names`` have not been sent
    (a ``reports.selectors.MissingYear``). Returns the ``Mail`` (``None`` without
    recipients)."""
    region = missing.revision.vision.region
    return send(
        "result_missing",
        {
            "region": missing.revision.region_title or region.slug,
            "nendo": mail_nendo(missing.fiscal_year),
            "names": missing.names,
            "staff_url": staff_results_url(region),
        },
        recipients,
    )
