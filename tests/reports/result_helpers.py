"""Yearly results (実績, ADR 0108) of the published test region, made through the real
services. The test bundle's two projects run 令和8・9年度 (2026–2027) with one target each
(立地企業数, 社; 2026年度の目標 2社): 令和8年度 has ended on ``LATER``."""

from datetime import UTC, datetime
from decimal import Decimal

from django.contrib.auth.models import Group, Permission

from accounts.models import REVIEWER_GROUP
from declarations import clock
from declarations.lifecycle import Status
from reports.result_services import (
    ResultInput,
    result_accept,
    result_return,
    result_save,
    results_submit_year,
)
from reports.selectors import result_targets

LATER = datetime(2027, 6, 1, 10, tzinfo=UTC)
YEAR = 2026


def reviewer_result_permissions() -> None:
    """The results permissions of the reviewer group (reports 0004), again after a flush."""
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reports",
            codename__in=[
                "view_targetresult",
                "view_resultreminder",
                "return_targetresult",
                "accept_targetresult",
            ],
        )
    )


def targets_of(published):
    """key → ``ResultTarget`` of the published vision, in page order."""
    return result_targets(published.vision_revision)


def file_results(published, editor, *, status=Status.SUBMITTED, value="3", keys=None, **given):
    """A 令和8年度 result for each target (or ``keys``), moved as far as ``status``; the
    submitted ones sent as one batch per project (``results_submit_year``)."""
    keys = list(keys or targets_of(published))
    with clock.recorded_at(LATER):
        results = [
            result_save(
                region=published.region,
                actor=editor,
                given=ResultInput(key, YEAR, Decimal(value), **given),
            )
            for key in keys
        ]
        if status != Status.DRAFT:
            results_submit_year(region=published.region, fiscal_year=YEAR, keys=keys, actor=editor)
        for result in results:
            result.refresh_from_db()
            if status == Status.RETURNED:
                result_return(result=result, actor=editor, comment="根拠が不足しています。")
            elif status == Status.PUBLISHED:
                result_accept(result=result, actor=editor)
            result.refresh_from_db()
    return results


def past_filing():
    """The valid test filing with both projects running from two 年度 before the present
    one to its end (no budget), each with a target: 2年前の年度 has ended long ago, whatever
    today is."""
    from dataclasses import replace
    from datetime import date

    from django.utils import timezone

    from filing.data import MilestoneData
    from filing.formatting import fiscal_year
    from tests.filing_factories import target, valid_filing, with_vision

    now = fiscal_year(timezone.localdate())
    filing = valid_filing()
    goal = target(
        values=((now - 2, Decimal(2)),),
        baseline_on=date(now - 2, 3, 31),
        final_year=now,
        final_value=Decimal(5),
    )
    projects = tuple(
        replace(
            project,
            start=date(now - 2, 4, 1),
            end=date(now + 1, 3, 31),
            budget=None,
            milestones=(MilestoneData(date(now - 1, 3, 31), "立地企業5社"),),
            targets=(goal,),
        )
        for project in filing.vision.projects
    )
    return with_vision(filing, projects=projects), now - 2
