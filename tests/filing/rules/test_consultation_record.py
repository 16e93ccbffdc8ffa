"""consultation.record (ADR 0120): a revision with a 協議 date has its 協議の記録 attached.

The rule is pure: whether the revision has an attachment of kind 協議の記録 comes from the
caller in ``RuleContext`` (``declaration_consultation_record`` / ``vision_consultation_record``).
"""

from datetime import date

import pytest

from filing.data import RevisionInfo, RevisionKind
from filing.engine import check_filing
from filing.findings import Severity
from tests.filing_factories import context, of_code, valid_filing, with_declaration, with_vision

CODE = "consultation.record"
CHANGED = RevisionInfo(RevisionKind.CHANGED, consulted_on=date(2026, 5, 1))


def findings(filing, **context_changes):
    return of_code(check_filing(filing, context(**context_changes)), CODE)


def test_vision_with_a_date_and_no_record_is_warned_at_its_attachments():
    (finding,) = findings(valid_filing(), vision_consultation_record=False)
    assert (finding.clause, finding.severity, finding.path, finding.document) == (
        "第3(5), 第4(1), 第4(3)",
        Severity.WARNING,
        "vision.attachments",
        "vision",
    )
    assert "連携ビジョン" in finding.message and "協議の記録" in finding.message
    assert finding.message.startswith("第3(5), 第4(1), 第4(3): ")


def test_a_record_attached_silences_it():
    assert findings(valid_filing(), vision_consultation_record=True) == []


def test_unknown_is_not_judged():
    # A caller that does not know (None, the default) says nothing about the record.
    assert findings(valid_filing()) == []


def test_no_date_is_left_to_change_consultation():
    filing = with_vision(valid_filing(), revision=RevisionInfo(RevisionKind.CHANGED))
    found = check_filing(filing, context(vision_consultation_record=False))
    assert of_code(found, CODE) == []
    assert [f.path for f in of_code(found, "change.consultation")] == [
        "vision.revision.consulted_on"
    ]


def test_declaration_change_with_a_date_and_no_record():
    filing = with_declaration(valid_filing(vision=None), revision=CHANGED)
    (finding,) = findings(filing, declaration_consultation_record=False)
    assert (finding.path, finding.document) == ("declaration.attachments", "declaration")
    assert "連携宣言" in finding.message
    assert findings(filing, declaration_consultation_record=True) == []


@pytest.mark.parametrize("recorded", [True, False])
def test_each_document_is_judged_by_its_own_record(recorded):
    filing = with_declaration(valid_filing(), revision=CHANGED)
    found = findings(
        filing,
        declaration_consultation_record=recorded,
        vision_consultation_record=not recorded,
    )
    assert [f.document for f in found] == ["vision" if recorded else "declaration"]


def test_the_body_that_agreed_is_recorded_but_not_asked_for():
    named = with_vision(
        valid_filing(),
        revision=RevisionInfo(consulted_on=date(2026, 2, 20), consultation_body="推進会議"),
    )
    assert findings(named, vision_consultation_record=True) == []
    assert findings(valid_filing(), vision_consultation_record=True) == []  # no body: fine
