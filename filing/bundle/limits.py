"""What a filing may hold at most: bytes, counts, text lengths, amounts, years (docs/limits.md).

The bundle reader (``filing.bundle.reader``) and the staff forms (``staff.forms``) use
these same numbers and the same messages (``ListLimit.message``), so a draft typed in
the browser and a bundle imported from a file are held to one set of limits. Every
array of the bundle has its limit here: a filing that imports must also open, render
and submit. A sane year range keeps the rules' date arithmetic (five years on,
31 March of the next year) from overflowing.
"""

from dataclasses import dataclass

MAX_BUNDLE_BYTES = 5 * 1024 * 1024
MAX_SHORT_TEXT = 200  # names and short texts
MAX_LONG_TEXT = 20_000  # aspiration, roadmap, content, effects, other
MAX_ENGLISH_SUMMARY = 2_000  # declaration.aspiration_en (ADR 0124)
MAX_KEY = 80  # a member's key (the database column of Member.key and Implementer.member_key)
MAX_LG_CODE = 6  # 全国地方公共団体コード: six digits
MAX_CORPORATE_NUMBER = 13  # 法人番号: thirteen digits (the check digit is a rule's business)
MAX_AMOUNT = 10**15  # yen
MIN_YEAR = 1900
MAX_YEAR = 2999


@dataclass(frozen=True)
class ListLimit:
    """How many items one list of a filing may hold, and the message when it holds more."""

    label: str
    most: int
    unit: str = "件"

    def message(self, count: int | None = None) -> str:
        """「マイルストーンは 100 件以内にしてください（150 件あります）。」"""
        text = f"{self.label}は {self.most:,} {self.unit}以内にしてください"
        if count is not None:
            text += f"（{count:,} {self.unit}あります）"
        return text + "。"


MEMBERS = ListLimit("リージョン構成団体", 500, "団体")
OTHER_FIELDS = ListLimit("その他の分野", 20)
# 取り組む分野: the three listed fields and up to 20 others.
FIELDS = ListLimit("取り組む分野", 3 + OTHER_FIELDS.most)
# A project's own fields (ADR 0115): codes only, each once.
PROJECT_FIELDS = ListLimit("プロジェクトの分野", 4)
# A project's 戦略分野 (ADR 0121): codes only, each once; room for a revised list.
STRATEGIC_FIELDS = ListLimit("戦略分野", 40)
PREFECTURES = ListLimit("都道府県", 47)  # an area or an activity area
PROJECTS = ListLimit("プロジェクト", 200)
OUTSIDE_IMPLEMENTERS = ListLimit("構成団体以外の実施主体", 100)
# 実施主体: each member at most once, plus the outside bodies.
IMPLEMENTERS = ListLimit("実施主体", MEMBERS.most + OUTSIDE_IMPLEMENTERS.most)
JOINT_BODY_OF = ListLimit("法人を共同で設立した構成団体", MEMBERS.most, "団体")
PLAN_REFERENCES = ListLimit("計画の参照", 100)
BUDGET_YEARS = ListLimit("年度別の事業費", 100, "年度")
MILESTONES = ListLimit("マイルストーン", 100)
TARGETS = ListLimit("目標（指標）", 20)  # per project (ADR 0104)
TARGET_VALUES = ListLimit("年度別の目標値", 100, "年度")
MAX_UNIT = 20  # a target's unit (人, 万人泊, %, t-CO2 …)
MAX_TARGET_VALUE = 10**15  # the largest figure a target may hold, either sign
TARGET_DECIMALS = 4  # digits after the decimal point of a target's figure
TARGET_DIGITS = 15  # significant digits (a JSON number read through a float stays exact)

# The attachments listed on one revision or one project (ADR 0120).
ATTACHMENTS = ListLimit("添付ファイル", 100)

MAX_MEMBERS = MEMBERS.most
MAX_PROJECTS = PROJECTS.most
