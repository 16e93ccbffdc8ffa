"""The rule engine as a whole: the table of DESIGN.md, a valid filing, docs/rules.md."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from filing.data import DeclarationData, Filing, MemberKind, RevisionInfo, RevisionKind, VisionData
from filing.engine import all_rules, check_filing
from filing.findings import Severity
from filing.rules.common import Rule
from filing.rules_doc import JUDGED, RULES_DOC, render
from tests.filing_factories import body, context, implementers, municipality, project, valid_filing

DESIGN = Path(__file__).resolve().parents[2].parent / "shared" / "DESIGN.md"

# DESIGN.md's rule table, kept here too so the test runs without ../shared.
EXPECTED = {
    "declaration.region_name": ("第3(2)①", ("error",)),
    "declaration.area": ("第3(2)①", ("error",)),
    "declaration.members": ("第3(2)②", ("error",)),
    "declaration.aspiration": ("第3(2)③", ("error",)),
    "declaration.fields": ("第3(2)④", ("error",)),
    "members.local_government": ("第3(3)", ("error",)),
    "members.economic_organization": ("第3(3)", ("error",)),
    "members.economic_organization_definition": ("第3(3)", ("error",)),
    "members.multi_prefecture": ("第3(3)ア", ("error",)),
    "members.economic_coverage": ("第3(3)イ", ("warning", "error")),
    "members.lg_code": ("第3(3)", ("error",)),
    "members.corporate_number": ("第3(2)②", ("error",)),
    "members.activity_area": ("第3(3)イ", ("error",)),
    "members.in_project": ("第3(3)", ("error",)),
    "vision.aspiration": ("第4(2)①", ("error",)),
    "vision.roadmap": ("第4(2)②", ("error",)),
    "vision.projects": ("第2", ("warning",)),
    "project.name": ("第4(2)③ア", ("error",)),
    "project.implementers": ("第4(2)③イ", ("error",)),
    "project.implementer_diversity": ("第4(2)③イ", ("error",)),
    "project.plan_reference": ("第4(2)③ウ", ("warning",)),
    "project.content": ("第4(2)③エ", ("error",)),
    "project.budget": ("第4(2)③オ", ("error",)),
    "project.effects": ("第4(2)③カ", ("error",)),
    "project.period": ("第4(2)③キ", ("error", "warning")),
    "project.milestones": ("第4(2)②", ("warning",)),
    "change.consultation": ("第3(5), 第4(1), 第4(3)", ("error",)),
    "consultation.record": ("第3(5), 第4(1), 第4(3)", ("warning",)),
    "change.declaration_sync": ("第3(5), 第4(3)", ("error",)),
    "vision.verification": ("第4(3)", ("warning",)),
    "project.targets": ("第4(2)②", ("error", "warning")),
}
# Rules the portal added after DESIGN.md's table, recorded in docs/glossary.md and their ADR
# (the 要綱 wins over DESIGN.md where they disagree).
ADDED_SINCE_DESIGN = {
    "project.targets",  # ADR 0104
    "members.corporate_number",  # ADR 0123
    "consultation.record",  # ADR 0120
}

TABLE_ROW = re.compile(r"^\| `(?P<code>[a-z_.]+)` \| (?P<clause>[^|]+?) \| (?P<severity>[^|]+?) \|")


def implemented() -> dict[str, tuple[str, tuple[str, ...]]]:
    return {rule.code: (rule.clause, tuple(map(str, rule.severities))) for rule in all_rules()}


def design_table(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    rows = (TABLE_ROW.match(line) for line in text.splitlines())
    return {
        row["code"]: (row["clause"], tuple(re.findall(r"error|warning", row["severity"])))
        for row in rows
        if row
    }


def test_every_rule_of_the_design_table_is_implemented_with_its_clause_and_severity():
    assert implemented() == EXPECTED


@pytest.mark.skipif(not DESIGN.exists(), reason="../shared/DESIGN.md is not beside the project")
def test_implemented_rules_match_design_md_itself():
    table = design_table(DESIGN.read_text(encoding="utf-8"))
    assert len(table) == len(EXPECTED) - len(ADDED_SINCE_DESIGN)
    added = {code: value for code, value in implemented().items() if code in ADDED_SINCE_DESIGN}
    assert {**table, **added} == implemented()


def test_design_table_parser_reads_two_severities_in_order():
    line = "| `project.period` | 第4(2)③キ | error / warning | start and end |"
    assert design_table(line) == {"project.period": ("第4(2)③キ", ("error", "warning"))}


def test_every_rule_is_listed_once_with_a_japanese_description():
    rules = all_rules()
    assert len({rule.code for rule in rules}) == len(rules) == len(EXPECTED)
    # Japanese, marked for translation (gettext_lazy: docs/rules.en.md, ADR 0124)
    assert all(re.search(r"[ぁ-んァ-ヶ一-龯]", str(rule.description)) for rule in rules)
    with translation.override("en"):
        assert str(rules[0].description) == translation.gettext(
            "宣言リージョンの名称が記載されていること"
        )


def test_valid_filing_gives_no_findings():
    assert check_filing(valid_filing(), context()) == []


def test_valid_declaration_before_its_vision_gives_no_findings():
    assert check_filing(valid_filing(vision=None), context()) == []


def broken_filing() -> Filing:
    """A filing that breaks as many rules as one filing can."""
    ward = municipality("chuo", "札幌市中央区", "011011")
    lab = body("lab", MemberKind.RESEARCH_INSTITUTE, "北方研究所")
    changed = RevisionInfo(RevisionKind.CHANGED)
    vision = VisionData(
        projects=(
            project(
                name="",
                implementers=implementers("lab"),
                plan_references=(),
                content="",
                effects="",
                budget=None,
                milestones=(),
                end=None,
            ),
        ),
        revision=changed,
    )
    declaration = DeclarationData(region_name="", revision=changed)
    return Filing(declaration=declaration, members=(ward, lab), vision=vision)


def test_every_finding_carries_the_code_clause_and_severity_of_its_rule():
    rules = {rule.code: rule for rule in all_rules()}
    findings = check_filing(broken_filing(), context())
    assert len({finding.code for finding in findings}) >= 15
    for finding in findings:
        rule = rules[finding.code]
        assert finding.clause == rule.clause
        assert finding.severity in rule.severities
        assert finding.message.startswith(f"{rule.clause}: ")
        assert finding.path


def test_findings_come_declaration_first_then_vision_then_projects():
    findings = check_filing(broken_filing(), context())
    order = [finding.code.split(".")[0] for finding in findings]
    first_vision = order.index("vision")
    assert set(order[:first_vision]) <= {"declaration", "members", "change"}
    assert order[-1] == "project"


def test_rule_refuses_a_severity_it_cannot_report():
    rule = Rule("x.y", "第2", (Severity.WARNING,), "テスト", document="vision")
    with pytest.raises(ValueError):
        rule.finding("vision", "…", Severity.ERROR)
    assert rule.finding("vision", "本文").message == "第2: 本文"


def test_severity_label_reads_as_in_design():
    labels = {rule.code: rule.severity_label for rule in all_rules()}
    assert labels["members.economic_coverage"] == "warning / error"
    assert labels["project.period"] == "error / warning"


# ---- docs/rules.md ----------------------------------------------------------------------


def test_rules_page_on_disk_is_the_generated_one():
    assert RULES_DOC.read_text(encoding="utf-8") == render()


def test_rules_page_lists_every_rule_in_a_japanese_table():
    text = render()
    assert "| 条項 | コード | 重大度 | 確認する内容 |" in text
    assert "| 第3(3)イ | `members.economic_coverage` | 警告 / エラー |" in text
    assert all(f"`{rule.code}`" in text for rule in all_rules())


def test_rules_page_says_when_each_rule_is_judged():
    text = render()
    assert "| 条項 | コード | 重大度 | 確認する内容 | 判断する時 |" in text
    assert set(JUDGED) == {rule.code for rule in all_rules()}
    for rule in all_rules():
        assert re.search(r"[ぁ-んァ-ヶ一-龯]", str(JUDGED[rule.code])), rule.code
        assert f"| {JUDGED[rule.code]} |" in text
    # issue 11: what is not judged when the area or every activity area is missing
    assert "members.activity_area" in JUDGED["members.economic_coverage"]
    assert "members.lg_code" in JUDGED["members.multi_prefecture"]
    assert "members.lg_code" in JUDGED["members.economic_coverage"]
    assert "公表" in JUDGED["vision.verification"]
    assert "連携ビジョン" in JUDGED["members.in_project"]


def test_rules_page_lists_the_reports_rules_in_their_own_tables():
    # The reports (ADR 0105, 0108) are not filings: their rules are not in check_filing, but
    # every one of them is on the page, under its own heading.
    from filing.rules import results, verification

    text = render()
    verification_part = text[text.index("## 検証の記録（第4(3)）") : text.index("## 目標の実績")]
    results_part = text[text.index("## 目標の実績（第4(2)②・第4(3)）") :]
    assert {r.code for r in verification.RULES} == {
        "verification.period",
        "verification.assessments",
        "verification.conclusion",
        "verification.consultation",
    }
    assert {r.code for r in results.RULES} == {
        "result.target",
        "result.year",
        "result.duplicate",
        "result.value",
    }
    for rule in verification.RULES:
        assert f"| {rule.clause} | `{rule.code}` | エラー |" in verification_part
    for rule in results.RULES:
        assert f"| {rule.clause} | `{rule.code}` | エラー |" in results_part
        assert rule.code not in {r.code for r in all_rules()}


def test_rules_doc_command_writes_the_page(tmp_path):
    output = tmp_path / "rules.md"
    call_command("rules_doc", output=output, stdout=StringIO())
    assert output.read_text(encoding="utf-8") == render()
    call_command("rules_doc", output=output, check=True, stdout=StringIO())


def test_rules_doc_check_fails_on_a_stale_page(tmp_path):
    output = tmp_path / "rules.md"
    output.write_text(render().replace("警告", "注意"), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("rules_doc", output=output, check=True, stdout=StringIO())


def test_each_finding_names_the_document_of_its_rule():
    """Rule.document decides which submission a finding blocks (no path prefixes)."""
    rule = Rule("x.y", "第2", (Severity.WARNING,), "テスト", document="vision")
    assert rule.finding("declaration.fields[0]", "本文").document == "vision"
    assert "document" not in rule.finding("vision", "本文").as_dict()


def test_change_consultation_concerns_the_document_whose_revision_lacks_the_date():
    from filing.rules import declaration as declaration_rules
    from filing.rules import vision as vision_rules

    assert declaration_rules.CHANGE_CONSULTATION.document == "declaration"
    assert vision_rules.VISION_CHANGE_CONSULTATION.document == "vision"
    assert declaration_rules.IN_PROJECT.document == "vision"
    assert {rule.code for rule in all_rules()} >= {"change.consultation"}
    assert sum(rule.code == "change.consultation" for rule in all_rules()) == 1
