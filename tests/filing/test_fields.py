"""filing.fields: a project's 分野 (ADR 0115) — labels and the fields it counts under."""

from filing.data import FieldCode, FieldEntry
from filing.fields import effective_fields, field_text, fields_text


def test_field_text_writes_the_declared_field_as_the_documents_do():
    assert field_text(FieldEntry(FieldCode.INDUSTRY)) == "A 産業振興"
    assert field_text(FieldEntry(FieldCode.OTHER, "スポーツ")) == "その他（スポーツ）"
    assert field_text(FieldEntry(FieldCode.OTHER)) == "その他"


def test_fields_text_follows_the_yoko_order():
    assert fields_text(["other", "transport", "industry"]) == "A 産業振興、C 交通、その他"
    assert fields_text([]) == ""


def test_a_project_with_fields_counts_under_its_own_fields_only():
    assert effective_fields(["tourism"], ["industry", "tourism"]) == {FieldCode.TOURISM}


def test_a_project_without_fields_counts_under_every_field_of_its_region():
    assert effective_fields([], ["industry", "tourism"]) == {
        FieldCode.INDUSTRY,
        FieldCode.TOURISM,
    }
