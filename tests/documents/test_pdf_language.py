"""The PDFs stay Japanese (ADR 0124): a draft preview asked for from a page in English is
the same Japanese document, and the English name a region gave is not in it."""

import pytest
from django.utils import translation

from documents.services import render_document
from tests.documents.helpers import flat_text

pytestmark = pytest.mark.django_db


def test_a_preview_asked_for_in_english_is_the_japanese_document(imported):
    declaration = imported.declaration_revision
    declaration.region_name_en = "Setouchi Regional Alliance"
    declaration.aspiration_en = "Islands working together."
    declaration.save()

    with translation.override("en"):
        assert translation.gettext("連携宣言書") != "連携宣言書"
        text = flat_text(render_document(declaration, "document", draft=True))

    # flat_text drops the white space
    assert "連携宣言書" in text and "RegionalCooperationDeclaration" not in text
    assert "SetouchiRegionalAlliance" not in text and "Islandsworkingtogether." not in text
