"""Yearly results (実績, ADR 0108) of the published test region, made through the real
services (``reports.result_services``) at a day when the years asked for have ended."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from declarations import clock
from declarations.lifecycle import Status
from reports.result_services import (
    ResultInput,
    result_accept,
    result_correct,
    result_return,
    result_save,
    results_submit_year,
)
from reports.selectors import result_targets

# The test bundle's projects run from 令和8年度 to 令和10年度 (and 令和12年度): on this day the
# 年度 2026, 2027 and 2028 have ended.
LATER = datetime(2029, 6, 1, 10, tzinfo=UTC)
PDF = b"%PDF-1.4\n% evidence\n%%EOF\n"


def target_key(revision, name: str) -> str:
    """The key of the published target called ``name``."""
    return next(k for k, t in result_targets(revision).items() if t.target.name == name)


def file_result(
    region,
    editor,
    reviewer,
    key: str,
    year: int,
    value,
    *,
    status=Status.PUBLISHED,
    comment: str = "",
    evidence_url: str = "",
    evidence: bytes | None = None,
    return_comment: str = "根拠を添えてください",
):
    """A result moved as far as ``status`` (draft, submitted, returned or published)."""
    with clock.recorded_at(LATER):
        result = result_save(
            region=region,
            actor=editor,
            given=ResultInput(
                key,
                year,
                Decimal(str(value)),
                comment=comment,
                evidence_url=evidence_url,
                evidence_file=SimpleUploadedFile("evidence.pdf", evidence) if evidence else None,
            ),
        )
        if status != Status.DRAFT:
            results_submit_year(region=region, fiscal_year=year, keys=[key], actor=editor)
            result.refresh_from_db()
        if status == Status.RETURNED:
            result_return(result=result, actor=reviewer, comment=return_comment)
        elif status == Status.PUBLISHED:
            result_accept(result=result, actor=reviewer)
        result.refresh_from_db()
    return result


def correct(result, editor, reviewer, value, *, comment: str = "", publish: bool = False):
    """A correction of a published result with ``value``, sent (and published if asked), a day
    after the results (so that its publication moves the publication stamp)."""
    with clock.recorded_at(LATER + timedelta(days=1)):
        correction = result_correct(result=result, actor=editor)
        correction = result_save(
            region=result.vision.region,
            actor=editor,
            given=ResultInput(result.target_key, result.fiscal_year, Decimal(str(value)), comment),
            result=correction,
            version=correction.version,
        )
        results_submit_year(
            region=result.vision.region,
            fiscal_year=result.fiscal_year,
            keys=[result.target_key],
            actor=editor,
        )
        correction.refresh_from_db()
        if publish:
            result_accept(result=correction, actor=reviewer)
            correction.refresh_from_db()
    return correction
