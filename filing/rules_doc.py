"""docs/rules.md, generated from the ``RULES`` of the three rules modules.

The page is never edited by hand: ``python manage.py rules_doc`` writes it, and a
test compares the file with ``render()`` so it cannot drift from the code.
"""

from pathlib import Path

from filing.engine import all_rules
from filing.findings import Severity

RULES_DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
SEVERITY_LABELS = {Severity.ERROR: "エラー", Severity.WARNING: "警告"}

INTRO = """\
# 要綱チェックの一覧

広域リージョン連携推進要綱（令和7年9月2日 総行行第425号）に基づき、連携宣言書・
連携ビジョン・プロジェクトを確認するルールの一覧です。提出前のチェックリスト、審査、
API、CLI が同じルールを使います。指摘は、コード・条項・重大度・メッセージ・パス
（リージョンバンドル内の JSON パス。例: `vision.projects[2].period`）を持ちます。

- **エラー**（`error`）: 提出できません。直す必要があります。
- **警告**（`warning`）: 提出できます。担当者と審査者に示し、審査で判断します。

重大度が2つあるルールは、状況に応じてどちらかで指摘します（例: 経済団体の活動範囲が
区域の半分以上を含めば警告、半分未満ならエラー）。

このページは `declarations/rules.py`・`visions/rules.py`・`projects/rules.py` の
`RULES` から生成しています。手で編集せず、`python manage.py rules_doc` で作り直して
ください（内容がコードと食い違うとテストが失敗します）。
"""


def severity_label(rule) -> str:
    return " / ".join(SEVERITY_LABELS[severity] for severity in rule.severities)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    """The whole of docs/rules.md."""
    lines = [INTRO, "| 条項 | コード | 重大度 | 確認する内容 |", "|---|---|---|---|"]
    lines += [
        f"| {rule.clause} | `{rule.code}` | {severity_label(rule)} | {_cell(rule.description)} |"
        for rule in all_rules()
    ]
    return "\n".join(lines) + "\n"
