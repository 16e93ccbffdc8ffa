"""docs/rules.md, generated from the ``RULES`` of the rules modules: the filing's three
(declaration, vision, project) in one table, then the reports' own (verification, results).

The page is never edited by hand: ``python manage.py rules_doc`` writes it, and a
test compares the file with ``render()`` so it cannot drift from the code.
"""

from pathlib import Path

from filing.engine import all_rules
from filing.findings import Severity
from filing.i18n import gettext_lazy
from filing.rules import results as result_rules
from filing.rules import verification as verification_rules
from filing.rules.wording import clause_label

RULES_DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
SEVERITY_LABELS = {Severity.ERROR: gettext_lazy("エラー"), Severity.WARNING: gettext_lazy("警告")}

# Every text below goes through gettext when the page is made: ``manage.py rules_doc
# --language en`` writes docs/rules.en.md from the English catalogue (ADR 0124).
INTRO = gettext_lazy("""\
# 要綱チェックの一覧

広域リージョン連携推進要綱（令和7年9月2日 総行行第425号）に基づき、連携宣言書・
連携ビジョン・プロジェクトを確認するルールの一覧です。提出前のチェックリスト、審査、
API、CLI が同じルールを使います。指摘は、コード・条項・重大度・メッセージ・パス
（リージョンバンドル内の JSON パス。例: `vision.projects[2].period`）を持ちます。

- **エラー**（`error`）: 提出できません。直す必要があります。
- **警告**（`warning`）: 提出できます。担当者と審査者に示し、審査で判断します。

重大度が2つあるルールは、状況に応じてどちらかで指摘します（例: 経済団体の活動範囲が
区域の半分以上を含めば警告、半分未満ならエラー）。

「判断する時」は、そのルールを確かめる場面と、確かめない（ほかのルールが指摘する）場合です。
連携宣言書のルールは連携宣言書の送付を、連携ビジョン・プロジェクトのルールは連携ビジョンの
送付を止めます。

このページは `filing/rules/declaration.py`・`filing/rules/vision.py`・`filing/rules/project.py`
の `RULES` と `filing/rules_doc.py` の `JUDGED`、報告（届出ではないもの）の
`filing/rules/verification.py`・`filing/rules/results.py` の `RULES` から生成しています。手で編集せず、
`python manage.py rules_doc` で作り直してください（内容がコードと食い違うとテストが失敗します）。
""")

VERIFICATION_INTRO = gettext_lazy("""\
## 検証の記録（第4(3)）

要綱 第4(3) は、宣言リージョンが連携ビジョンに基づくプロジェクトを実施した効果について「適時に
検証を行い、必要に応じて連携ビジョンの変更を行う」こと、変更（軽微な変更を除く）と廃止は原則として
リージョン構成団体における協議を経ることを求めています。ポータルでは検証を、公表中の連携ビジョンに
ついての「検証の記録」（ADR 0105）として作成・送付・審査・公表します。次のルールは検証の記録の
送付の前に確かめ（すべてエラー。下書きの保存では問いません）、連携宣言書・連携ビジョンの送付は
止めません。公表された検証の記録の「検証を行った日」は、上の `vision.verification` の期限の起点に
なります（連携ビジョンの版の「検証した日」と比べて遅い方）。

このほかにポータルが加えること（要綱の求めではありません）: 対象期間と検証を行った日の記載、
プロジェクトごとの評価の区分（順調・おおむね順調・遅れ・未着手）、結論（継続・変更・終了）、
期限の前（既定 30 日前）と期限の超過の督促メール、結論が変更の検証から連携ビジョンの変更を始める
ボタン。
""")

RESULTS_INTRO = gettext_lazy("""\
## 目標の実績（第4(2)②・第4(3)）

要綱は 第4(2)② でロードマップに「各プロジェクトのスケジュール、目標等」を、第4(3) で実施した効果の
検証を求めていますが、年度ごとの実績の報告までは求めていません。ポータルは、公表中の連携ビジョンの
プロジェクトの目標（指標、上の `project.targets`）ごとに、終わった年度の実績（ADR 0108）を
リージョンが入力し、年度ごとに送付し、総務省が審査して公表する仕組みを加えています。次のルールは
実績を保存するたびと送付のときに確かめ（すべてエラー。どれかがあれば何も保存せず、入力した値を
欄に残します）、連携宣言書・連携ビジョンの送付は止めません。公表した実績は書き換えず、訂正の回で
直します（公開するのは公表された最新の回だけ）。
""")

_ALWAYS = gettext_lazy("常に（連携宣言書の段階から）")
_WITH_VISION = gettext_lazy("連携ビジョンがあるとき")
_EACH_PROJECT = gettext_lazy("連携ビジョンのプロジェクトごとに")

# When each rule is judged (issue 11): the stage, and when it is not judged because
# another rule carries the problem. Keyed by rule code; a test checks every rule has one.
JUDGED = {
    "declaration.region_name": _ALWAYS,
    "declaration.area": gettext_lazy(
        "常に（連携宣言書の段階から）。区域は全国地方公共団体コードの通る都道府県・市町村と、その"
        "他の地方公共団体の区域の都道府県から定まり、一つも定まらなければ指摘する"
    ),
    "declaration.members": _ALWAYS,
    "declaration.aspiration": _ALWAYS,
    "declaration.fields": _ALWAYS,
    "members.local_government": _ALWAYS,
    "members.economic_organization": _ALWAYS,
    "members.economic_organization_definition": gettext_lazy(
        "経済団体ごとに、常に（連携宣言書の段階から）"
    ),
    "members.multi_prefecture": gettext_lazy(
        "地方公共団体の区域が定まるとき（連携宣言書の段階から）。コードがすべて通らないなどで区域"
        "が定まらなければ判断しない（members.lg_code と declaration."
        "area が指摘する）"
    ),
    "members.economic_coverage": gettext_lazy(
        "地方公共団体の区域が定まり、いずれかの経済団体が既知の活動範囲の都道府県を示すとき（連携"
        "宣言書の段階から。認定の有無を問わず全経済団体の範囲を併せる）。どの経済団体も示さなけれ"
        "ば判断しない（members.activity_area だけが指摘する）。区域が定まら"
        "なければ判断しない（members.lg_code が指摘する）"
    ),
    "members.lg_code": gettext_lazy(
        "都道府県・市町村・その他の地方公共団体ごとに、常に（連携宣言書の段階から）"
    ),
    "members.corporate_number": gettext_lazy(
        "法人番号を記載した地方公共団体以外の構成団体ごとに、常に（連携宣言書の段階から）。空欄は"
        "判断しない（法人番号は任意。ADR 0123）"
    ),
    "members.activity_area": gettext_lazy("経済団体ごとに、常に（連携宣言書の段階から）"),
    "members.in_project": gettext_lazy(
        "連携ビジョンがあるとき（連携ビジョンの指摘として、その送付を止める）。参画していない構成"
        "団体はまとめて1件の指摘とし、その名称を列挙する（パスは `vision.project"
        "s`）。連携ビジョンの前は判断しない"
    ),
    "change.consultation": gettext_lazy(
        "連携宣言書・連携ビジョンの版ごとに: 軽微でない変更と廃止、連携ビジョンは策定も（連携宣"
        "言書の策定には要らない）"
    ),
    "consultation.record": gettext_lazy(
        "連携宣言書・連携ビジョンの版ごとに、協議の日が記載されているとき（ADR 0120。パス"
        "は `declaration.attachments` / `vision.attach"
        "ments`）。版そのものの添付だけを数える（プロジェクトの添付は数えない）。バンドルの"
        "確認では、バンドルの添付の一覧（`attachments`）から判断する（添付を1件も挙"
        "げないバンドルでは判断しない）。協議を行った会議体等の名称は記録するだけで問わない"
    ),
    "vision.aspiration": _WITH_VISION,
    "vision.roadmap": _WITH_VISION,
    "vision.projects": _WITH_VISION,
    "project.name": _EACH_PROJECT,
    "project.implementers": _EACH_PROJECT,
    "project.implementer_diversity": _EACH_PROJECT,
    "project.plan_reference": _EACH_PROJECT,
    "project.content": _EACH_PROJECT,
    "project.budget": gettext_lazy(
        "予算措置を伴う（事業費のある）連携ビジョンのプロジェクトごとに。各年度と期間の照合は、期"
        "間の開始日と終了日があり開始日が終了日以前のときだけ（でなければ project.per"
        "iod が指摘する）"
    ),
    "project.effects": _EACH_PROJECT,
    "project.period": _EACH_PROJECT,
    "project.milestones": _EACH_PROJECT,
    "project.targets": gettext_lazy(
        "連携ビジョンのプロジェクトごとに。年度と期間の照合は、期間の開始日と終了日があり開始日が"
        "終了日以前のときだけ（でなければ project.period が指摘する）。値の範囲（"
        "単位ごと）と年度の重複は入力の誤りとしてフォームとバンドルの読み込みでも断る"
    ),
    "change.declaration_sync": gettext_lazy(
        "連携ビジョンがあるときで、公表中の連携宣言書があるとき（バンドルの確認では判断しない）。"
        "ただしプロジェクトの分野が連携宣言書の分野にあるかは、公表中の連携宣言書がなくても（バン"
        "ドルでも）確認する"
    ),
    "vision.verification": gettext_lazy(
        "連携ビジョンがあるときで、検証の日か最初の公表の日があるとき。公表されたことがなく検証の"
        "記録もない連携ビジョンは判断しない（バンドルは公表の日を持たないので、verified_"
        "on がなければ判断しない）"
    ),
}


def severity_label(rule) -> str:
    return " / ".join(str(SEVERITY_LABELS[severity]) for severity in rule.severities)


def _cell(text) -> str:
    return str(text).replace("|", "\\|")


def _header(*columns) -> list[str]:
    return [
        "| " + " | ".join(str(column) for column in columns) + " |",
        "|" + "---|" * len(columns),
    ]


def _row(rule, *more) -> str:
    cells = [
        clause_label(rule.clause),
        f"`{rule.code}`",
        severity_label(rule),
        _cell(rule.description),
    ]
    return "| " + " | ".join([*cells, *(_cell(text) for text in more)]) + " |"


def render() -> str:
    """The whole of docs/rules.md (in the active language: docs/rules.en.md in English)."""
    # the column names, marked here for the catalogue
    clause, code, severity = gettext_lazy("条項"), gettext_lazy("コード"), gettext_lazy("重大度")
    checked, judged = gettext_lazy("確認する内容"), gettext_lazy("判断する時")
    lines = [str(INTRO), *_header(clause, code, severity, checked, judged)]
    lines += [_row(rule, JUDGED[rule.code]) for rule in all_rules()]
    lines += ["", str(VERIFICATION_INTRO), *_header(clause, code, severity, checked)]
    lines += [_row(rule) for rule in verification_rules.RULES]
    lines += ["", str(RESULTS_INTRO), *_header(clause, code, severity, checked)]
    lines += [_row(rule) for rule in result_rules.RULES]
    return "\n".join(lines) + "\n"
