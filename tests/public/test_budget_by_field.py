"""The budgets by field (``public.selectors.site.overview``, ``/api/v1/budgets``) count each
project under its own 分野 (ADR 0115), and a project that names none under every field of its
region (as every project was counted before projects carried fields)."""

from dataclasses import replace

import pytest

from filing.data import FieldCode
from public.selectors.site import overview
from tests.public_data import publish_region, skip_pdfs, valid_filing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch):
    skip_pdfs(monkeypatch)


def _amount(project) -> int:
    return sum(amount for _year, amount in project.budget.by_fiscal_year)


def test_each_project_counts_under_its_own_fields_and_one_without_under_all():
    filing = valid_filing()
    projects = list(filing.vision.projects)
    first, second, third = projects
    projects[0] = replace(first, fields=(FieldCode.INDUSTRY,))
    projects[1] = replace(second, fields=(FieldCode.TOURISM, FieldCode.TRANSPORT))
    # the third names none: it counts under every field the declaration declares
    publish_region(
        "setouchi", replace(filing, vision=replace(filing.vision, projects=tuple(projects)))
    )

    by_field = {code: sum(years.values()) for code, years in overview().budget_by_field.items()}

    one, two = _amount(first) if first.budget else 0, _amount(second) if second.budget else 0
    three = _amount(third) if third.budget else 0
    assert by_field == {
        "industry": one + three,
        "tourism": two + three,
        "transport": two + three,
        "other": three,
    }
    assert sum(overview().budget_by_year.values()) == one + two + three


def test_the_budgets_api_gives_the_per_field_amounts(client):
    filing = valid_filing()
    projects = tuple(replace(p, fields=(FieldCode.TRANSPORT,)) for p in filing.vision.projects)
    publish_region("setouchi", replace(filing, vision=replace(filing.vision, projects=projects)))

    budgets = client.get("/api/v1/budgets").json()

    amounts = {
        f["field"]: sum(y["amount"] for y in f["by_fiscal_year"]) for f in budgets["by_field"]
    }
    assert amounts["transport"] == budgets["total"] > 0
    assert amounts["industry"] == amounts["tourism"] == amounts["other"] == 0
    assert "プロジェクトごとの分野" in budgets["note"]
