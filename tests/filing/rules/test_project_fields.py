"""change.declaration_sync for a project's own fields (第3(5), 第4(3); ADR 0115), pure."""

from filing.data import FieldCode, PublishedDeclaration
from filing.engine import check_filing
from filing.findings import Severity
from filing.rules import vision as rules
from tests.filing_factories import context, valid_filing, with_project

KEYS = frozenset({"hokkaido", "aomori", "sapporo", "keizai", "univ", "company"})


def check(filing, **context_changes):
    return rules.check(filing, context(**context_changes))


def test_project_fields_among_the_declared_ones_pass():
    filing = with_project(valid_filing(), 0, fields=(FieldCode.INDUSTRY, FieldCode.TOURISM))
    assert check(filing) == []


def test_a_project_without_fields_gets_no_finding():
    assert valid_filing().vision.projects[0].fields == ()
    assert check(valid_filing()) == []


def test_a_project_field_the_declaration_lacks_needs_a_declaration_change():
    filing = with_project(valid_filing(), 1, fields=(FieldCode.TOURISM, FieldCode.TRANSPORT))
    (finding,) = check(filing)
    assert (finding.code, finding.clause, finding.severity, finding.path) == (
        "change.declaration_sync",
        "第3(5), 第4(3)",
        Severity.ERROR,
        "vision.projects[1].fields[1]",
    )
    assert "交通" in finding.message
    assert "連携宣言書の分野にありません" in finding.message


def test_a_field_of_the_draft_declaration_that_is_not_yet_published_is_refused():
    # the draft declaration adds 観光; the published one holds only 産業振興
    filing = with_project(valid_filing(), 0, fields=(FieldCode.TOURISM,))
    published = PublishedDeclaration(KEYS, frozenset({FieldCode.INDUSTRY}))
    found = [f for f in check(filing, current_declaration=published) if "プロジェクト" in f.message]
    assert [f.path for f in found] == ["vision.projects[0].fields[0]"]
    assert "公表中の連携宣言書" in found[0].message


def test_the_engine_reports_it_with_the_other_rules():
    filing = with_project(valid_filing(), 0, fields=(FieldCode.OTHER,))
    found = check_filing(filing, context())
    assert [(f.code, f.path) for f in found] == [
        ("change.declaration_sync", "vision.projects[0].fields[0]")
    ]
