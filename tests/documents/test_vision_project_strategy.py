"""The project's 類型 and 戦略分野 in the 連携ビジョン PDF (ADR 0121): one small line under the
name (「類型: 戦略産業クラスター／戦略分野: AI・半導体、量子」), nothing for a project that
carries neither. No database."""

from datetime import date

import pytest

from documents.render import DocumentMeta
from documents.vision_pdf import project_views, vision_pdf
from filing.bundle import read_bundle_file
from tests.documents.helpers import BUNDLES_DIR, flat_text
from tests.filing_factories import with_project

META = DocumentMeta(number=1, dated=date(2026, 4, 1))


@pytest.fixture(scope="module")
def filing():
    return with_project(
        read_bundle_file(BUNDLES_DIR / "valid_region.json"),
        0,
        cluster_type="strategic_industry_cluster",
        strategic_fields=("ai_semiconductors", "quantum"),
    )


@pytest.fixture(scope="module")
def pdf(filing):
    return vision_pdf(filing, meta=META, declaration_number=1)


def test_the_view_carries_the_terms_as_one_line(filing):
    first, second, *_rest = project_views(filing)

    assert first.strategy == "類型: 戦略産業クラスター／戦略分野: AI・半導体、量子"
    assert second.strategy == ""


def test_the_pdf_writes_the_line_under_the_first_projects_name_only(pdf):
    text = flat_text(pdf)

    assert text.count("類型:戦略産業クラスター／戦略分野:AI・半導体、量子") == 1
    assert text.count("戦略分野:") == 1
