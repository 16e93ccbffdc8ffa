"""A decoded region bundle into a ``Filing``, strictly: the first input error raises.

Decisions taken where DESIGN.md is silent (each one is tested):

* ``region``, ``declaration`` and ``members`` are required (an input error when
  missing); ``"members": []`` is accepted and left to ``declaration.members``.
  ``vision`` may be absent or ``null`` (a declaration before its vision).
* A missing or ``null`` text reads as ``""``. A missing list reads as empty, but
  ``null`` is not a list. ``null`` is accepted where DESIGN shows it: dates,
  ``budget``, ``budget.total``, ``period``, ``joint_body_of``, the vision's plan
  references; a missing ``multi_industry`` reads as ``false``.
* Members carry only the keys of their kind: ``lg_code`` for ``prefecture`` and
  ``municipality``; ``activity_prefectures`` and ``multi_industry`` for
  ``economic_organization``; ``area_prefectures`` for ``other_local_government``.
  Any of them on another kind (``lg_code`` on a university) is an input error,
  because it would be silently lost. Whether an ``lg_code`` is a known code is
  the rule ``members.lg_code``'s business, not the parser's. The optional
  ``corporate_number`` (法人番号) belongs to every non-government kind; its digits and
  check digit are the rule ``members.corporate_number``'s business (ADR 0123).
* A member ``key`` and ``kind`` are required; the key is a non-empty string.
* An implementer is ``{"member": key}`` or ``{"name": "outside body"}``: exactly one.
  The same member twice among a project's implementers, the same key twice in
  ``joint_body_of``, the same prefecture twice in a list and the same field twice
  are input errors (they would count twice in the rules).
* A plan reference needs a non-empty ``plan``; ``section`` and ``note`` may be left
  out. A reference without its ``section`` is read as it is and left to the rules: it
  does not replace the vision's aspiration or roadmap (``vision.aspiration`` /
  ``vision.roadmap``) and counts as no citation of a project (``project.plan_reference``).
  An empty reference is written ``null`` (or left out of ``plan_references``).
* A project's ``targets`` (目標・指標) are read by ``filing.bundle.targets`` (ADR 0104),
  its own ``fields`` (分野) by ``filing.bundle.project_fields`` (ADR 0115).
* A field is ``"industry"``, ``"tourism"``, ``"transport"``, ``{"other": "text"}``;
  a bare ``"other"`` reads as ``{"other": ""}`` and is left to ``declaration.fields``.
* ``revision`` (lead's extension) is optional on ``declaration`` and ``vision``:
  ``{"kind", "is_minor", "consulted_on", "consultation_body", "reason"}`` with ``kind``
  required; absent or ``null`` means established, not minor. ``reason`` and
  ``consultation_body`` (協議を行った会議体等, ADR 0120, optional) are short texts (200).
* Dates are ``YYYY-MM-DD`` real dates between 1900 and 2999, fiscal years (年度)
  four-digit years in the same range: a sane range keeps the rules' date
  arithmetic (five years on, 31 March of the next year) from overflowing.
* ``representative`` (代表団体, issue 13) is optional on ``declaration``: a member's key;
  absent or ``null`` means none. An unknown key is an input error.
* Duplicate keys inside one JSON object are an input error (JSON would keep the last).
* Every text goes through the one text cleaner (``filing.text``, ADR 0084) before its
  length is counted and before the rules run: line breaks become ``\n`` (a space in a
  single-line text), invisible controls are removed, NUL and lone surrogates are input
  errors at the text's path. A member reference is cleaned like the key it names.
* Every array (and ``budget.by_fiscal_year``) has its limit (``limits``, docs/limits.md),
  checked before any item is read.
* ``attachments`` (ADR 0120): checked here by ``filing.bundle.attachments``, never part of
  the filing (``filing.bundle.listing.parse_bundle_listing`` returns them beside it).
* A UTF-8 byte-order mark is tolerated; ``NaN``/``Infinity`` are not JSON.
"""

import re
from dataclasses import replace
from datetime import date

from filing.bundle.attachments import read_listing
from filing.bundle.decoding import decode, read_file
from filing.bundle.errors import BundleError, child, data_key, describe, quote, type_error
from filing.bundle.keys import (
    BUDGET_KEYS,
    DECLARATION_KEYS,
    IMPLEMENTER_KEYS,
    MEMBER_COMMON_KEYS,
    MEMBER_KEYS,
    MEMBER_KIND_KEYS,
    MILESTONE_KEYS,
    PERIOD_KEYS,
    PLAN_REF_KEYS,
    PROJECT_KEYS,
    REGION_KEYS,
    REVISION_KEYS,
    TOP_KEYS,
    VISION_KEYS,
)
from filing.bundle.limits import (
    BUDGET_YEARS,
    FIELDS,
    IMPLEMENTERS,
    JOINT_BODY_OF,
    MAX_AMOUNT,
    MAX_CORPORATE_NUMBER,
    MAX_ENGLISH_SUMMARY,
    MAX_KEY,
    MAX_LG_CODE,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    MAX_YEAR,
    MEMBERS,
    MILESTONES,
    MIN_YEAR,
    OTHER_FIELDS,
    OUTSIDE_IMPLEMENTERS,
    PLAN_REFERENCES,
    PREFECTURES,
    PROJECTS,
    ListLimit,
)
from filing.bundle.project_fields import read_project_fields
from filing.bundle.project_strategy import read_cluster_type, read_strategic_fields
from filing.bundle.targets import read_targets
from filing.data import (
    BudgetData,
    DeclarationData,
    FieldCode,
    FieldEntry,
    Filing,
    ImplementerData,
    MemberData,
    MemberKind,
    MilestoneData,
    PlanRef,
    ProjectData,
    RevisionInfo,
    RevisionKind,
    VisionData,
)
from filing.kana import READING_RE, normalize_reading
from filing.text import TextRefused, clean_text

_DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_YEAR_RE = re.compile(r"\A\d{4}\Z", re.ASCII)
_PREFECTURE_RE = re.compile(r"\A(0[1-9]|[1-3]\d|4[0-7])\Z", re.ASCII)


def parse_bundle(data: bytes | str | dict) -> Filing:
    """The ``Filing`` of a bundle given as JSON bytes, JSON text or an already decoded dict."""
    return _Reader().filing(decode(data))


def read_bundle_file(path, *, stdin=None) -> Filing:
    """Read and parse the bundle file at ``path`` (``-``: standard input, ``stdin`` or
    ``sys.stdin``); never reads more than the size limit."""
    return parse_bundle(read_file(path, stdin=stdin))


class _Reader:
    """One pass over a decoded bundle; raises ``BundleError`` at the first problem."""

    def __init__(self):
        self.member_index: dict[str, int] = {}
        self.attachments: tuple = ()  # the listed attachments (ADR 0120)

    # structure helpers

    def mapping(self, value, path: str, allowed: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            raise type_error(path, "オブジェクト", value)
        for key in getattr(value, "duplicate_keys", ()):
            raise BundleError(child(path, key), f"キー {quote(key)} が重複しています")
        for key in value:
            if key not in allowed:
                raise BundleError(
                    child(path, key),
                    f"不明なキー {quote(str(key))} です（使えるキー: {', '.join(allowed)}）",
                )
        return value

    def optional_object(self, obj: dict, key: str, path: str, allowed: tuple[str, ...]):
        value = obj.get(key)
        if value is None:
            return None
        return self.mapping(value, child(path, key), allowed)

    def array(self, obj: dict, key: str, path: str, limit: ListLimit) -> list:
        """The list at ``key``, refused whole (before any item is read) when over ``limit``."""
        if key not in obj:
            return []
        value = obj[key]
        list_path = child(path, key)
        if not isinstance(value, list | tuple):
            raise type_error(list_path, "配列", value)
        self.count(len(value), list_path, limit)
        return list(value)

    def count(self, count: int, path: str, limit: ListLimit) -> None:
        if count > limit.most:
            raise BundleError(path, limit.message(count))

    def text(
        self, obj: dict, key: str, path: str, limit: int = MAX_SHORT_TEXT, *, multiline=None
    ) -> str:
        """A text through the one cleaner (``filing.text``); long texts (and ``multiline``
        ones) keep their line breaks, the others are single lines."""
        value = obj.get(key)
        if value is None:
            return ""
        text_path = child(path, key)
        if not isinstance(value, str):
            raise type_error(text_path, "文字列", value)
        value = self.clean(value, text_path, multiline=limit == MAX_LONG_TEXT or multiline)
        if len(value) > limit:
            raise BundleError(
                text_path, f"{limit:,} 文字以内にしてください（{len(value):,} 文字あります）"
            )
        return value

    def clean(self, value: str, path: str, *, multiline: bool = False) -> str:
        try:
            return clean_text(value, multiline=multiline)
        except TextRefused as error:
            raise BundleError(path, error.message) from None

    def boolean(self, obj: dict, key: str, path: str) -> bool:
        if key not in obj:
            return False
        value = obj[key]
        if not isinstance(value, bool):
            raise type_error(child(path, key), "真偽値（true または false）", value)
        return value

    def day(self, obj: dict, key: str, path: str) -> date | None:
        value = obj.get(key)
        if value is None:
            return None
        date_path = child(path, key)
        if not isinstance(value, str):
            raise type_error(date_path, '日付（"YYYY-MM-DD" の文字列）', value)
        if not _DATE_RE.match(value):
            raise BundleError(
                date_path,
                f'日付は "YYYY-MM-DD" の形で指定してください（{quote(value)} が指定されています）',
            )
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            raise BundleError(date_path, f"{quote(value)} は実在しない日付です") from None
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise BundleError(
                date_path, f"{MIN_YEAR} 年から {MAX_YEAR} 年までの日付を指定してください"
            )
        return parsed

    def amount(self, value, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise type_error(path, "金額（円単位の整数）", value)
        if value < 0:
            raise BundleError(
                path, f"金額は 0 以上にしてください（{describe(value)} が指定されています）"
            )
        if value > MAX_AMOUNT:
            raise BundleError(
                path,
                f"金額は 10^15 円（1,000兆円）以下にしてください（{describe(value)} が指定されています）",
            )
        return value

    def prefecture_codes(self, obj: dict, key: str, path: str) -> tuple[str, ...]:
        codes: list[str] = []
        list_path = child(path, key)
        for index, value in enumerate(self.array(obj, key, path, PREFECTURES)):
            item_path = child(list_path, index)
            if not isinstance(value, str):
                raise type_error(item_path, '都道府県コード（"01"〜"47" の文字列）', value)
            if not _PREFECTURE_RE.match(value):
                raise BundleError(
                    item_path,
                    f'都道府県コードは "01"〜"47" の 2 桁の文字列で指定してください（{quote(value)} が指定されています）',
                )
            if value in codes:
                raise BundleError(item_path, f"都道府県コード {quote(value)} が重複しています")
            codes.append(value)
        return tuple(codes)

    def required(self, document: dict, key: str):
        if key not in document:
            raise BundleError(child("$", key), f"必須のキー {quote(key)} がありません")
        return document[key]

    def member_reference(self, value, path: str) -> str:
        if not isinstance(value, str):
            raise type_error(path, "メンバーのキー（文字列）", value)
        value = self.clean(value, path)
        if value not in self.member_index:
            raise BundleError(path, f"キー {quote(value)} のメンバーは members にありません")
        return value

    # the document

    def filing(self, document) -> Filing:
        if not isinstance(document, dict):
            raise BundleError(
                "$",
                f"バンドルの最上位は JSON オブジェクトにしてください（{describe(document)} が指定されています）",
            )
        self.mapping(document, "$", TOP_KEYS)
        region = self.mapping(self.required(document, "region"), "region", REGION_KEYS)
        declaration = self.declaration(region, self.required(document, "declaration"))
        self.required(document, "members")
        members = self.members(document)
        declaration = self.representative(declaration, document["declaration"])
        vision_value = document.get("vision")
        vision = None if vision_value is None else self.vision(vision_value)
        self.attachments = read_listing(self, document)  # checked by parse_bundle too
        return Filing(declaration=declaration, members=members, vision=vision)

    def reading(self, region: dict) -> str:
        """``region.name_kana``, optional: folded to hiragana (its canonical form)."""
        reading = normalize_reading(self.text(region, "name_kana", "region"))
        if reading and not READING_RE.fullmatch(reading):
            raise BundleError(
                "region.name_kana",
                "よみがなは、ひらがなかカタカナで書いてください（「・」、英字、数字も使えます）",
            )
        return reading

    def declaration(self, region: dict, value) -> DeclarationData:
        obj = self.mapping(value, "declaration", DECLARATION_KEYS)
        return DeclarationData(
            region_name=self.text(region, "name", "region"),
            region_name_kana=self.reading(region),
            area_note=self.text(region, "area_note", "region"),
            declared_on=self.day(obj, "declared_on", "declaration"),
            aspiration=self.text(obj, "aspiration", "declaration", MAX_LONG_TEXT),
            region_name_en=self.text(region, "name_en", "region"),
            aspiration_en=self.text(
                obj, "aspiration_en", "declaration", MAX_ENGLISH_SUMMARY, multiline=True
            ),
            fields=self.fields(obj),
            revision=self.revision(obj, "declaration"),
        )

    def representative(self, declaration: DeclarationData, obj: dict) -> DeclarationData:
        """The optional ``representative`` (代表団体): a member's key, read once the members are."""
        value = obj.get("representative")
        if value is None:
            return declaration
        key = self.member_reference(value, "declaration.representative")
        return replace(declaration, representative=key)

    def fields(self, obj: dict) -> tuple[FieldEntry, ...]:
        entries: list[FieldEntry] = []
        values = self.array(obj, "fields", "declaration", FIELDS)
        others = sum(isinstance(value, dict) or value == FieldCode.OTHER for value in values)
        self.count(others, "declaration.fields", OTHER_FIELDS)
        for index, value in enumerate(values):
            path = f"declaration.fields[{index}]"
            if isinstance(value, str):
                if value not in FieldCode:
                    raise BundleError(
                        path,
                        f"不明な分野 {quote(value)} です（使える分野: industry, tourism, transport, "
                        '{"other": "分野の説明"}）',
                    )
                entry = FieldEntry(FieldCode(value))
            elif isinstance(value, dict):
                other = self.mapping(value, path, ("other",))
                if "other" not in other:
                    raise BundleError(
                        path, 'その他の分野は {"other": "分野の説明"} の形で指定してください'
                    )
                entry = FieldEntry(FieldCode.OTHER, self.text(other, "other", path))
            else:
                raise type_error(path, '分野（"industry" などの文字列か {"other": …}）', value)
            if entry in entries:
                raise BundleError(path, "同じ分野が重複しています")
            entries.append(entry)
        return tuple(entries)

    def revision(self, obj: dict, path: str) -> RevisionInfo:
        revision = self.optional_object(obj, "revision", path, REVISION_KEYS)
        if revision is None:
            return RevisionInfo()
        revision_path = child(path, "revision")
        kind = revision.get("kind")
        kinds = ", ".join(RevisionKind)
        if kind is None:
            raise BundleError(
                f"{revision_path}.kind", f"kind（{kinds} のいずれか）を指定してください"
            )
        if not isinstance(kind, str):
            raise type_error(f"{revision_path}.kind", "文字列", kind)
        if kind not in RevisionKind:
            raise BundleError(
                f"{revision_path}.kind",
                f"不明な改定の種別 {quote(kind)} です（使える種別: {kinds}）",
            )
        return RevisionInfo(
            kind=RevisionKind(kind),
            is_minor=self.boolean(revision, "is_minor", revision_path),
            consulted_on=self.day(revision, "consulted_on", revision_path),
            consultation_body=self.text(revision, "consultation_body", revision_path),
            reason=self.text(revision, "reason", revision_path, multiline=True),
        )

    def members(self, document: dict) -> tuple[MemberData, ...]:
        members = []
        for index, value in enumerate(self.array(document, "members", "$", MEMBERS)):
            members.append(self.member(value, f"members[{index}]", index))
        return tuple(members)

    def member(self, value, path: str, index: int) -> MemberData:
        obj = self.mapping(value, path, MEMBER_KEYS)
        kind_value = obj.get("kind")
        kinds = ", ".join(MemberKind)
        if kind_value is None:
            raise BundleError(f"{path}.kind", f"種別 kind（{kinds} のいずれか）を指定してください")
        if not isinstance(kind_value, str):
            raise type_error(f"{path}.kind", "文字列", kind_value)
        if kind_value not in MemberKind:
            raise BundleError(
                f"{path}.kind", f"不明な種別 {quote(kind_value)} です（使える種別: {kinds}）"
            )
        kind = MemberKind(kind_value)
        own_keys = MEMBER_KIND_KEYS.get(kind, ())
        for key in obj:
            if key not in MEMBER_COMMON_KEYS and key not in own_keys:
                owners = " と ".join(k for k, keys in MEMBER_KIND_KEYS.items() if key in keys)
                raise BundleError(
                    f"{path}.{key}",
                    f"キー {key} は種別 {kind} のメンバーには使えません（{key} を持てるのは種別"
                    f" {owners} だけです。ほかの種別に書くと保存で失われるため、入力エラーです）",
                )
        key = self.text(obj, "key", path, MAX_KEY)
        if not key:
            raise BundleError(
                f"{path}.key", "メンバーのキー key（バンドル内で一意の文字列）を指定してください"
            )
        if key in self.member_index:
            raise BundleError(
                f"{path}.key",
                f"メンバーのキー {quote(key)} が members[{self.member_index[key]}] と重複しています",
            )
        self.member_index[key] = index
        return MemberData(
            key=key,
            name=self.text(obj, "name", path),
            kind=kind,
            lg_code=self.text(obj, "lg_code", path, MAX_LG_CODE),
            area_prefectures=self.prefecture_codes(obj, "area_prefectures", path),
            activity_prefectures=self.prefecture_codes(obj, "activity_prefectures", path),
            multi_industry=self.boolean(obj, "multi_industry", path),
            corporate_number=self.text(obj, "corporate_number", path, MAX_CORPORATE_NUMBER),
        )

    def vision(self, value) -> VisionData:
        obj = self.mapping(value, "vision", VISION_KEYS)
        return VisionData(
            aspiration=self.text(obj, "aspiration", "vision", MAX_LONG_TEXT),
            roadmap=self.text(obj, "roadmap", "vision", MAX_LONG_TEXT),
            aspiration_plan_reference=self.optional_plan_ref(obj, "aspiration_plan_reference"),
            roadmap_plan_reference=self.optional_plan_ref(obj, "roadmap_plan_reference"),
            verified_on=self.day(obj, "verified_on", "vision"),
            projects=tuple(
                self.project(project, f"vision.projects[{index}]")
                for index, project in enumerate(self.array(obj, "projects", "vision", PROJECTS))
            ),
            revision=self.revision(obj, "vision"),
        )

    def optional_plan_ref(self, obj: dict, key: str) -> PlanRef | None:
        value = obj.get(key)
        return None if value is None else self.plan_ref(value, f"vision.{key}")

    def plan_ref(self, value, path: str) -> PlanRef:
        obj = self.mapping(value, path, PLAN_REF_KEYS)
        plan = self.text(obj, "plan", path)
        if not plan:
            raise BundleError(
                f"{path}.plan",
                "計画名 plan を指定してください（参照箇所がなければ参照そのものを null にするか省いてください）",
            )
        return PlanRef(
            plan=plan, section=self.text(obj, "section", path), note=self.text(obj, "note", path)
        )

    def project(self, value, path: str) -> ProjectData:
        obj = self.mapping(value, path, PROJECT_KEYS)
        name = self.text(obj, "name", path)
        fields = read_project_fields(self, obj, path)
        cluster_type = read_cluster_type(obj, path)
        strategic_fields = read_strategic_fields(self, obj, path)
        implementers = self.implementers(obj, path)
        joint_body_of = self.joint_body_of(obj, path)
        plan_references = tuple(
            self.plan_ref(item, f"{path}.plan_references[{index}]")
            for index, item in enumerate(self.array(obj, "plan_references", path, PLAN_REFERENCES))
        )
        content = self.text(obj, "content", path, MAX_LONG_TEXT)
        budget = self.budget(obj, path)
        effects = self.text(obj, "effects", path, MAX_LONG_TEXT)
        period = self.optional_object(obj, "period", path, PERIOD_KEYS) or {}
        start = self.day(period, "start", f"{path}.period")
        end = self.day(period, "end", f"{path}.period")
        milestones = tuple(
            self.milestone(item, f"{path}.milestones[{index}]")
            for index, item in enumerate(self.array(obj, "milestones", path, MILESTONES))
        )
        return ProjectData(
            name=name,
            implementers=implementers,
            joint_body_of=joint_body_of,
            plan_references=plan_references,
            content=content,
            budget=budget,
            effects=effects,
            start=start,
            end=end,
            milestones=milestones,
            other=self.text(obj, "other", path, MAX_LONG_TEXT),
            targets=read_targets(self, obj, path),
            fields=fields,
            cluster_type=cluster_type,
            strategic_fields=strategic_fields,
        )

    def implementers(self, obj: dict, path: str) -> tuple[ImplementerData, ...]:
        implementers: list[ImplementerData] = []
        values = self.array(obj, "implementers", path, IMPLEMENTERS)
        outside = sum(not isinstance(v, dict) or v.get("member") is None for v in values)
        self.count(outside, f"{path}.implementers", OUTSIDE_IMPLEMENTERS)
        for index, value in enumerate(values):
            item_path = f"{path}.implementers[{index}]"
            item = self.mapping(value, item_path, IMPLEMENTER_KEYS)
            member = item.get("member")
            name = self.text(item, "name", item_path)
            if member is not None:
                self.member_reference(member, f"{item_path}.member")
                if name:
                    raise BundleError(
                        item_path,
                        "member（メンバーのキー）と name（外部の団体の名称）はどちらか一方だけを指定してください",
                    )
                if ImplementerData(member=member) in implementers:
                    raise BundleError(
                        f"{item_path}.member",
                        f"メンバー {quote(member)} が実施主体に重複しています",
                    )
                implementers.append(ImplementerData(member=member))
            elif name:
                implementers.append(ImplementerData(name=name))
            else:
                raise BundleError(
                    item_path,
                    "実施主体には member（メンバーのキー）か name（外部の団体の名称）を指定してください",
                )
        return tuple(implementers)

    def joint_body_of(self, obj: dict, path: str) -> tuple[str, ...] | None:
        if obj.get("joint_body_of") is None:
            return None
        founders: list[str] = []
        list_path = f"{path}.joint_body_of"
        for index, value in enumerate(self.array(obj, "joint_body_of", path, JOINT_BODY_OF)):
            key = self.member_reference(value, f"{list_path}[{index}]")
            if key in founders:
                raise BundleError(
                    f"{list_path}[{index}]", f"メンバー {quote(key)} が重複しています"
                )
            founders.append(key)
        return tuple(founders)

    def budget(self, obj: dict, path: str) -> BudgetData | None:
        budget = self.optional_object(obj, "budget", path, BUDGET_KEYS)
        if budget is None:
            return None
        budget_path = f"{path}.budget"
        total = budget.get("total")
        if total is not None:
            total = self.amount(total, f"{budget_path}.total")
        by_year_path = f"{budget_path}.by_fiscal_year"
        by_year = budget.get("by_fiscal_year", {})
        if not isinstance(by_year, dict):
            raise type_error(by_year_path, 'オブジェクト（{"2026": 金額, …}）', by_year)
        for key in getattr(by_year, "duplicate_keys", ()):
            raise BundleError(data_key(by_year_path, key), f"年度 {quote(key)} が重複しています")
        self.count(len(by_year), by_year_path, BUDGET_YEARS)
        amounts: list[tuple[int, int]] = []
        for key, value in by_year.items():
            year_path = data_key(by_year_path, key)
            if not isinstance(key, str) or not _YEAR_RE.match(key):
                raise BundleError(
                    year_path,
                    f'年度は 4 桁の西暦年の文字列（"2026" など）で指定してください（{quote(str(key))} が指定されています）',
                )
            if not MIN_YEAR <= int(key) <= MAX_YEAR:
                raise BundleError(
                    year_path, f"年度は {MIN_YEAR} から {MAX_YEAR} までにしてください"
                )
            amounts.append((int(key), self.amount(value, year_path)))
        return BudgetData(total=total, by_fiscal_year=tuple(sorted(amounts)))

    def milestone(self, value, path: str) -> MilestoneData:
        obj = self.mapping(value, path, MILESTONE_KEYS)
        return MilestoneData(
            date=self.day(obj, "date", path), target=self.text(obj, "target", path)
        )
