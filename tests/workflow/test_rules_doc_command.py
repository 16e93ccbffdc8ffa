"""``manage.py rules_doc``: docs/rules.md in Japanese, and the same page in English
(``--language en``, docs/rules.en.md) from the English catalogue (ADR 0124)."""

from django.core.management import call_command

from filing.rules_doc import RULES_DOC, render
from workflow.management.commands.rules_doc import default_output


def test_the_japanese_page_is_the_one_in_docs(tmp_path):
    output = tmp_path / "rules.md"

    call_command("rules_doc", "--output", str(output))

    assert output.read_text(encoding="utf-8") == RULES_DOC.read_text(encoding="utf-8") == render()


def test_english_is_written_to_rules_en_md_with_the_english_catalogue(tmp_path):
    output = tmp_path / "rules.en.md"

    call_command("rules_doc", "--language", "en", "--output", str(output))

    text = output.read_text(encoding="utf-8")
    assert "| Clause | Code | Severity | What is checked | When it is judged |" in text
    assert "| Section 3(2)① | `declaration.region_name` | error |" in text  # ADR 0127
    assert default_output("en").name == "rules.en.md" and default_output("ja") == RULES_DOC


def test_rendering_in_english_leaves_the_japanese_page_as_it_was(tmp_path):
    call_command("rules_doc", "--language", "en", "--output", str(tmp_path / "rules.en.md"))

    assert render() == RULES_DOC.read_text(encoding="utf-8")
