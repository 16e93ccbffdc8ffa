"""The project's own 分野 in the 連携ビジョン PDF (ADR 0115): one small line under the name
(「分野: A 産業振興、C 交通」), nothing for a project that names none. No database."""

from datetime import date

import pytest

from documents.render import DocumentMeta
from documents.vision_pdf import project_views, vision_pdf
from filing.bundle import read_bundle_file
from filing.data import FieldCode
from tests.documents.helpers import BUNDLES_DIR, flat_text
from tests.filing_factories import with_project

META = DocumentMeta(number=1, dated=date(2026, 4, 1))


@pytest.fixture(scope="module")
def filing():
    fields = (FieldCode.TRANSPORT, FieldCode.INDUSTRY)
    return with_project(read_bundle_file(BUNDLES_DIR / "valid_region.json"), 0, fields=fields)


def test_the_view_carries_the_fields_as_one_line(filing):
    first, second, *_rest = project_views(filing)

    assert first.fields == "A 産業振興、C 交通"
    assert second.fields == ""


def test_the_pdf_writes_the_line_under_the_first_projects_name_only(filing):
    text = flat_text(vision_pdf(filing, meta=META, declaration_number=1))

    assert text.count("分野:A産業振興、C交通") == 1  # flat_text drops the spaces
    assert text.count("分野:") == 1
