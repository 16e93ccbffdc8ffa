"""The region bundle: one JSON document for a whole filing (DESIGN.md, "The region bundle").

``parse_bundle`` reads a bundle strictly into a ``Filing``: the first input error
(malformed JSON, an unknown key, a wrong type, a bad date, an amount or a text
over its limit, an unknown member key, ...) raises ``BundleError`` with the JSON
path of the offending value, and nothing is built. Whether the filing meets the
要綱 is not decided here: that is the rules' job (``filing.engine``).
``filing_to_bundle``/``dumps_bundle`` write the canonical form back.

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
  the rule ``members.lg_code``'s business, not the parser's.
* A member ``key`` and ``kind`` are required; the key is a non-empty string.
* An implementer is ``{"member": key}`` or ``{"name": "outside body"}``: exactly one.
  The same member twice among a project's implementers, the same key twice in
  ``joint_body_of``, the same prefecture twice in a list and the same field twice
  are input errors (they would count twice in the rules).
* A plan reference needs a non-empty ``plan``; ``section`` and ``note`` are optional.
  An empty reference is written ``null`` (or left out of ``plan_references``).
* A field is ``"industry"``, ``"tourism"``, ``"transport"``, ``{"other": "text"}``;
  a bare ``"other"`` reads as ``{"other": ""}`` and is left to ``declaration.fields``.
* ``revision`` (lead's extension) is optional on ``declaration`` and ``vision``:
  ``{"kind", "is_minor", "consulted_on", "reason"}`` with ``kind`` required; absent
  or ``null`` means established, not minor. ``reason`` is a short text (200).
* Dates are ``YYYY-MM-DD`` real dates between 1900 and 2999, fiscal years (年度)
  four-digit years in the same range: a sane range keeps the rules' date
  arithmetic (five years on, 31 March of the next year) from overflowing.
* Duplicate keys inside one JSON object are an input error (JSON would keep the last).
* A UTF-8 byte-order mark is tolerated; ``NaN``/``Infinity`` are not JSON.

Canonical form (what ``filing_to_bundle`` writes, key order as in DESIGN's example):
every key is written except ``vision`` when there is none, a ``revision`` equal to
the default (established, not minor, no 協議 date, no reason), ``section``/``note``
of a plan reference when empty, and the member keys of other kinds.
``parse_bundle(filing_to_bundle(f)) == f`` for every ``f`` that ``parse_bundle``
returns, and ``dumps_bundle(parse_bundle(text)) == text`` for a canonical ``text``.
"""

import json
import re
from datetime import date
from pathlib import Path

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

MAX_BUNDLE_BYTES = 5 * 1024 * 1024
MAX_SHORT_TEXT = 200  # names and short texts
MAX_LONG_TEXT = 20_000  # aspiration, roadmap, content, effects, other
MAX_MEMBERS = 500
MAX_PROJECTS = 200
MAX_AMOUNT = 10**15  # yen
MIN_YEAR = 1900
MAX_YEAR = 2999

_TOP_KEYS = ("region", "declaration", "members", "vision")
_REGION_KEYS = ("name", "area_note")
_DECLARATION_KEYS = ("declared_on", "aspiration", "fields", "revision")
_REVISION_KEYS = ("kind", "is_minor", "consulted_on", "reason")
_MEMBER_COMMON_KEYS = ("key", "name", "kind")
_MEMBER_KIND_KEYS = {
    MemberKind.PREFECTURE: ("lg_code",),
    MemberKind.MUNICIPALITY: ("lg_code",),
    MemberKind.OTHER_LOCAL_GOVERNMENT: ("area_prefectures",),
    MemberKind.ECONOMIC_ORGANIZATION: ("activity_prefectures", "multi_industry"),
}
_MEMBER_KEYS = (
    *_MEMBER_COMMON_KEYS,
    "lg_code",
    "activity_prefectures",
    "multi_industry",
    "area_prefectures",
)
_VISION_KEYS = (
    "aspiration",
    "roadmap",
    "aspiration_plan_reference",
    "roadmap_plan_reference",
    "verified_on",
    "projects",
    "revision",
)
_PROJECT_KEYS = (
    "name",
    "implementers",
    "joint_body_of",
    "plan_references",
    "content",
    "budget",
    "effects",
    "period",
    "milestones",
    "other",
)
_IMPLEMENTER_KEYS = ("member", "name")
_PLAN_REF_KEYS = ("plan", "section", "note")
_BUDGET_KEYS = ("total", "by_fiscal_year")
_PERIOD_KEYS = ("start", "end")
_MILESTONE_KEYS = ("date", "target")

_DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_YEAR_RE = re.compile(r"\A\d{4}\Z", re.ASCII)
_PREFECTURE_RE = re.compile(r"\A(0[1-9]|[1-3]\d|4[0-7])\Z", re.ASCII)
_IDENTIFIER_RE = re.compile(r"\A[A-Za-z_][A-Za-z0-9_]*\Z", re.ASCII)

_JSON_MESSAGES = {
    "Expecting value": "値がありません",
    "Expecting ',' delimiter": "「,」がありません",
    "Expecting ':' delimiter": "「:」がありません",
    "Expecting property name enclosed in double quotes": 'キーを二重引用符（"）で囲んでください',
    "Unterminated string starting at": "文字列が閉じていません",
    "Extra data": "JSON の後に余分なデータがあります",
    "Invalid control character at": "文字列に制御文字（改行など）がそのまま入っています",
    "Invalid \\escape": "不正なエスケープです",
    "Invalid \\uXXXX escape": "不正な \\uXXXX エスケープです",
    "Illegal trailing comma before end of object": "オブジェクトの最後に余分な「,」があります",
    "Illegal trailing comma before end of array": "配列の最後に余分な「,」があります",
}


class BundleError(Exception):
    """An input error in a region bundle, at ``path`` (``"$"`` for the whole document)."""

    def __init__(self, path: str, message: str):
        super().__init__(path, message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# --- reading ---------------------------------------------------------------------------------


def parse_bundle(data: bytes | str | dict) -> Filing:
    """The ``Filing`` of a bundle given as JSON bytes, JSON text or an already decoded dict."""
    if isinstance(data, bytes | bytearray):
        _check_size(len(data))
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BundleError(
                "$",
                f"UTF-8 として読めません（{error.start + 1:,} バイト目）。"
                "文字コードを UTF-8 にして保存してください",
            ) from None
        document = _loads(text)
    elif isinstance(data, str):
        _check_size(len(data.encode("utf-8", errors="surrogatepass")))
        document = _loads(data.removeprefix("\ufeff"))
    else:
        document = data
    return _Reader().filing(document)


def read_bundle_file(path) -> Filing:
    """Read and parse the bundle file at ``path``; never reads more than the size limit."""
    file_path = Path(path)
    name = str(path)
    try:
        with file_path.open("rb") as handle:
            content = handle.read(MAX_BUNDLE_BYTES + 1)
    except FileNotFoundError:
        raise BundleError("$", f"ファイル {name} がありません") from None
    except IsADirectoryError:
        raise BundleError(
            "$", f"{name} はディレクトリです。バンドルの JSON ファイルを指定してください"
        ) from None
    except PermissionError:
        raise BundleError("$", f"ファイル {name} を読む権限がありません") from None
    except OSError as error:
        raise BundleError(
            "$", f"ファイル {name} を読めません（{error.strerror or error}）"
        ) from None
    return parse_bundle(content)


def _check_size(size: int) -> None:
    if size > MAX_BUNDLE_BYTES:
        raise BundleError(
            "$",
            f"バンドルが大きすぎます（上限 {MAX_BUNDLE_BYTES:,} バイト = 5 MB。"
            f"これは {size:,} バイト以上あります）",
        )


def _loads(text: str):
    def refuse_constant(name):
        raise BundleError("$", f"{name} は JSON の値として使えません")

    try:
        return json.loads(text, object_pairs_hook=_json_object, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        reason = _JSON_MESSAGES.get(error.msg, error.msg)
        raise BundleError(
            "$", f"JSON として読めません（{error.lineno} 行 {error.colno} 列）: {reason}"
        ) from None
    except RecursionError:
        raise BundleError("$", "JSON の入れ子が深すぎます") from None
    except ValueError as error:  # e.g. an integer literal with thousands of digits
        raise BundleError("$", f"JSON として読めません: {error}") from None


class _JsonObject(dict):
    """A decoded JSON object that remembers the keys it held more than once."""

    __slots__ = ("duplicate_keys",)


def _json_object(pairs):
    obj = _JsonObject()
    duplicates = []
    for key, value in pairs:
        if key in obj and key not in duplicates:
            duplicates.append(key)
        obj[key] = value
    obj.duplicate_keys = tuple(duplicates)
    return obj


def _child(path: str, key) -> str:
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    if isinstance(key, str) and _IDENTIFIER_RE.match(key):
        return key if path == "$" else f"{path}.{key}"
    return f"{path}[{_quote(str(key), limit=60)}]"


def _data_key(path: str, key) -> str:
    """The path of a data key (a fiscal year), always bracketed: ``by_fiscal_year["2026"]``."""
    return f"{path}[{_quote(str(key), limit=60)}]"


def _quote(text: str, *, limit: int = 40) -> str:
    if len(text) > limit:
        text = text[:limit] + "…"
    return json.dumps(text, ensure_ascii=False)


def _describe(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"真偽値 {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"数値 {value}" if value.bit_length() <= 128 else "桁数の大きい数値"
    if isinstance(value, float):
        return f"数値 {value!r}"
    if isinstance(value, str):
        return f"文字列 {_quote(value)}"
    if isinstance(value, list | tuple):
        return "配列"
    if isinstance(value, dict):
        return "オブジェクト"
    return type(value).__name__


def _type_error(path: str, expected: str, value) -> BundleError:
    return BundleError(
        path, f"{expected}を指定してください（{_describe(value)} が指定されています）"
    )


class _Reader:
    """One pass over a decoded bundle; raises ``BundleError`` at the first problem."""

    def __init__(self):
        self.member_index: dict[str, int] = {}

    # structure helpers

    def mapping(self, value, path: str, allowed: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            raise _type_error(path, "オブジェクト", value)
        for key in getattr(value, "duplicate_keys", ()):
            raise BundleError(_child(path, key), f"キー {_quote(key)} が重複しています")
        for key in value:
            if key not in allowed:
                raise BundleError(
                    _child(path, key),
                    f"不明なキー {_quote(str(key))} です（使えるキー: {', '.join(allowed)}）",
                )
        return value

    def optional_object(self, obj: dict, key: str, path: str, allowed: tuple[str, ...]):
        value = obj.get(key)
        if value is None:
            return None
        return self.mapping(value, _child(path, key), allowed)

    def array(self, obj: dict, key: str, path: str, *, limit: int | None = None) -> list:
        if key not in obj:
            return []
        value = obj[key]
        list_path = _child(path, key)
        if not isinstance(value, list | tuple):
            raise _type_error(list_path, "配列", value)
        if limit is not None and len(value) > limit:
            raise BundleError(
                list_path, f"{limit:,} 件以内にしてください（{len(value):,} 件あります）"
            )
        return list(value)

    def text(self, obj: dict, key: str, path: str, limit: int = MAX_SHORT_TEXT) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        text_path = _child(path, key)
        if not isinstance(value, str):
            raise _type_error(text_path, "文字列", value)
        if len(value) > limit:
            raise BundleError(
                text_path, f"{limit:,} 文字以内にしてください（{len(value):,} 文字あります）"
            )
        return value

    def boolean(self, obj: dict, key: str, path: str) -> bool:
        if key not in obj:
            return False
        value = obj[key]
        if not isinstance(value, bool):
            raise _type_error(_child(path, key), "真偽値（true または false）", value)
        return value

    def day(self, obj: dict, key: str, path: str) -> date | None:
        value = obj.get(key)
        if value is None:
            return None
        date_path = _child(path, key)
        if not isinstance(value, str):
            raise _type_error(date_path, '日付（"YYYY-MM-DD" の文字列）', value)
        if not _DATE_RE.match(value):
            raise BundleError(
                date_path,
                f'日付は "YYYY-MM-DD" の形で指定してください（{_quote(value)} が指定されています）',
            )
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            raise BundleError(date_path, f"{_quote(value)} は実在しない日付です") from None
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise BundleError(
                date_path, f"{MIN_YEAR} 年から {MAX_YEAR} 年までの日付を指定してください"
            )
        return parsed

    def amount(self, value, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _type_error(path, "金額（円単位の整数）", value)
        if value < 0:
            raise BundleError(
                path, f"金額は 0 以上にしてください（{_describe(value)} が指定されています）"
            )
        if value > MAX_AMOUNT:
            raise BundleError(
                path,
                f"金額は 10^15 円（1,000兆円）以下にしてください（{_describe(value)} が指定されています）",
            )
        return value

    def prefecture_codes(self, obj: dict, key: str, path: str) -> tuple[str, ...]:
        codes: list[str] = []
        list_path = _child(path, key)
        for index, value in enumerate(self.array(obj, key, path)):
            item_path = _child(list_path, index)
            if not isinstance(value, str):
                raise _type_error(item_path, '都道府県コード（"01"〜"47" の文字列）', value)
            if not _PREFECTURE_RE.match(value):
                raise BundleError(
                    item_path,
                    f'都道府県コードは "01"〜"47" の 2 桁の文字列で指定してください（{_quote(value)} が指定されています）',
                )
            if value in codes:
                raise BundleError(item_path, f"都道府県コード {_quote(value)} が重複しています")
            codes.append(value)
        return tuple(codes)

    def required(self, document: dict, key: str):
        if key not in document:
            raise BundleError(_child("$", key), f"必須のキー {_quote(key)} がありません")
        return document[key]

    def member_reference(self, value, path: str) -> str:
        if not isinstance(value, str):
            raise _type_error(path, "メンバーのキー（文字列）", value)
        if value not in self.member_index:
            raise BundleError(path, f"キー {_quote(value)} のメンバーは members にありません")
        return value

    # the document

    def filing(self, document) -> Filing:
        if not isinstance(document, dict):
            raise BundleError(
                "$",
                f"バンドルの最上位は JSON オブジェクトにしてください（{_describe(document)} が指定されています）",
            )
        self.mapping(document, "$", _TOP_KEYS)
        region = self.mapping(self.required(document, "region"), "region", _REGION_KEYS)
        declaration = self.declaration(region, self.required(document, "declaration"))
        self.required(document, "members")
        members = self.members(document)
        vision_value = document.get("vision")
        vision = None if vision_value is None else self.vision(vision_value)
        return Filing(declaration=declaration, members=members, vision=vision)

    def declaration(self, region: dict, value) -> DeclarationData:
        obj = self.mapping(value, "declaration", _DECLARATION_KEYS)
        return DeclarationData(
            region_name=self.text(region, "name", "region"),
            area_note=self.text(region, "area_note", "region"),
            declared_on=self.day(obj, "declared_on", "declaration"),
            aspiration=self.text(obj, "aspiration", "declaration", MAX_LONG_TEXT),
            fields=self.fields(obj),
            revision=self.revision(obj, "declaration"),
        )

    def fields(self, obj: dict) -> tuple[FieldEntry, ...]:
        entries: list[FieldEntry] = []
        for index, value in enumerate(self.array(obj, "fields", "declaration")):
            path = f"declaration.fields[{index}]"
            if isinstance(value, str):
                if value not in FieldCode:
                    raise BundleError(
                        path,
                        f"不明な分野 {_quote(value)} です（使える分野: industry, tourism, transport, "
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
                raise _type_error(path, '分野（"industry" などの文字列か {"other": …}）', value)
            if entry in entries:
                raise BundleError(path, "同じ分野が重複しています")
            entries.append(entry)
        return tuple(entries)

    def revision(self, obj: dict, path: str) -> RevisionInfo:
        revision = self.optional_object(obj, "revision", path, _REVISION_KEYS)
        if revision is None:
            return RevisionInfo()
        revision_path = _child(path, "revision")
        kind = revision.get("kind")
        kinds = ", ".join(RevisionKind)
        if kind is None:
            raise BundleError(
                f"{revision_path}.kind", f"kind（{kinds} のいずれか）を指定してください"
            )
        if not isinstance(kind, str):
            raise _type_error(f"{revision_path}.kind", "文字列", kind)
        if kind not in RevisionKind:
            raise BundleError(
                f"{revision_path}.kind",
                f"不明な改定の種別 {_quote(kind)} です（使える種別: {kinds}）",
            )
        return RevisionInfo(
            kind=RevisionKind(kind),
            is_minor=self.boolean(revision, "is_minor", revision_path),
            consulted_on=self.day(revision, "consulted_on", revision_path),
            reason=self.text(revision, "reason", revision_path),
        )

    def members(self, document: dict) -> tuple[MemberData, ...]:
        members = []
        for index, value in enumerate(self.array(document, "members", "$", limit=MAX_MEMBERS)):
            members.append(self.member(value, f"members[{index}]", index))
        return tuple(members)

    def member(self, value, path: str, index: int) -> MemberData:
        obj = self.mapping(value, path, _MEMBER_KEYS)
        kind_value = obj.get("kind")
        kinds = ", ".join(MemberKind)
        if kind_value is None:
            raise BundleError(f"{path}.kind", f"種別 kind（{kinds} のいずれか）を指定してください")
        if not isinstance(kind_value, str):
            raise _type_error(f"{path}.kind", "文字列", kind_value)
        if kind_value not in MemberKind:
            raise BundleError(
                f"{path}.kind", f"不明な種別 {_quote(kind_value)} です（使える種別: {kinds}）"
            )
        kind = MemberKind(kind_value)
        own_keys = _MEMBER_KIND_KEYS.get(kind, ())
        for key in obj:
            if key not in _MEMBER_COMMON_KEYS and key not in own_keys:
                owners = " と ".join(k for k, keys in _MEMBER_KIND_KEYS.items() if key in keys)
                raise BundleError(
                    f"{path}.{key}",
                    f"種別 {kind} のメンバーには使えないキーです（{key} は {owners} だけが持ちます）",
                )
        key_value = obj.get("key")
        if key_value is None or key_value == "":
            raise BundleError(
                f"{path}.key", "メンバーのキー key（バンドル内で一意の文字列）を指定してください"
            )
        key = self.text(obj, "key", path)
        if key in self.member_index:
            raise BundleError(
                f"{path}.key",
                f"メンバーのキー {_quote(key)} が members[{self.member_index[key]}] と重複しています",
            )
        self.member_index[key] = index
        return MemberData(
            key=key,
            name=self.text(obj, "name", path),
            kind=kind,
            lg_code=self.text(obj, "lg_code", path),
            area_prefectures=self.prefecture_codes(obj, "area_prefectures", path),
            activity_prefectures=self.prefecture_codes(obj, "activity_prefectures", path),
            multi_industry=self.boolean(obj, "multi_industry", path),
        )

    def vision(self, value) -> VisionData:
        obj = self.mapping(value, "vision", _VISION_KEYS)
        return VisionData(
            aspiration=self.text(obj, "aspiration", "vision", MAX_LONG_TEXT),
            roadmap=self.text(obj, "roadmap", "vision", MAX_LONG_TEXT),
            aspiration_plan_reference=self.optional_plan_ref(obj, "aspiration_plan_reference"),
            roadmap_plan_reference=self.optional_plan_ref(obj, "roadmap_plan_reference"),
            verified_on=self.day(obj, "verified_on", "vision"),
            projects=tuple(
                self.project(project, f"vision.projects[{index}]")
                for index, project in enumerate(
                    self.array(obj, "projects", "vision", limit=MAX_PROJECTS)
                )
            ),
            revision=self.revision(obj, "vision"),
        )

    def optional_plan_ref(self, obj: dict, key: str) -> PlanRef | None:
        value = obj.get(key)
        return None if value is None else self.plan_ref(value, f"vision.{key}")

    def plan_ref(self, value, path: str) -> PlanRef:
        obj = self.mapping(value, path, _PLAN_REF_KEYS)
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
        obj = self.mapping(value, path, _PROJECT_KEYS)
        name = self.text(obj, "name", path)
        implementers = self.implementers(obj, path)
        joint_body_of = self.joint_body_of(obj, path)
        plan_references = tuple(
            self.plan_ref(item, f"{path}.plan_references[{index}]")
            for index, item in enumerate(self.array(obj, "plan_references", path))
        )
        content = self.text(obj, "content", path, MAX_LONG_TEXT)
        budget = self.budget(obj, path)
        effects = self.text(obj, "effects", path, MAX_LONG_TEXT)
        period = self.optional_object(obj, "period", path, _PERIOD_KEYS) or {}
        start = self.day(period, "start", f"{path}.period")
        end = self.day(period, "end", f"{path}.period")
        milestones = tuple(
            self.milestone(item, f"{path}.milestones[{index}]")
            for index, item in enumerate(self.array(obj, "milestones", path))
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
        )

    def implementers(self, obj: dict, path: str) -> tuple[ImplementerData, ...]:
        implementers: list[ImplementerData] = []
        for index, value in enumerate(self.array(obj, "implementers", path)):
            item_path = f"{path}.implementers[{index}]"
            item = self.mapping(value, item_path, _IMPLEMENTER_KEYS)
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
                        f"メンバー {_quote(member)} が実施主体に重複しています",
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
        for index, value in enumerate(self.array(obj, "joint_body_of", path)):
            key = self.member_reference(value, f"{list_path}[{index}]")
            if key in founders:
                raise BundleError(
                    f"{list_path}[{index}]", f"メンバー {_quote(key)} が重複しています"
                )
            founders.append(key)
        return tuple(founders)

    def budget(self, obj: dict, path: str) -> BudgetData | None:
        budget = self.optional_object(obj, "budget", path, _BUDGET_KEYS)
        if budget is None:
            return None
        budget_path = f"{path}.budget"
        total = budget.get("total")
        if total is not None:
            total = self.amount(total, f"{budget_path}.total")
        by_year_path = f"{budget_path}.by_fiscal_year"
        by_year = budget.get("by_fiscal_year", {})
        if not isinstance(by_year, dict):
            raise _type_error(by_year_path, 'オブジェクト（{"2026": 金額, …}）', by_year)
        for key in getattr(by_year, "duplicate_keys", ()):
            raise BundleError(_data_key(by_year_path, key), f"年度 {_quote(key)} が重複しています")
        amounts: list[tuple[int, int]] = []
        for key, value in by_year.items():
            year_path = _data_key(by_year_path, key)
            if not isinstance(key, str) or not _YEAR_RE.match(key):
                raise BundleError(
                    year_path,
                    f'年度は 4 桁の西暦年の文字列（"2026" など）で指定してください（{_quote(str(key))} が指定されています）',
                )
            if not MIN_YEAR <= int(key) <= MAX_YEAR:
                raise BundleError(
                    year_path, f"年度は {MIN_YEAR} から {MAX_YEAR} までにしてください"
                )
            amounts.append((int(key), self.amount(value, year_path)))
        return BudgetData(total=total, by_fiscal_year=tuple(sorted(amounts)))

    def milestone(self, value, path: str) -> MilestoneData:
        obj = self.mapping(value, path, _MILESTONE_KEYS)
        return MilestoneData(
            date=self.day(obj, "date", path), target=self.text(obj, "target", path)
        )


# --- writing ---------------------------------------------------------------------------------


def filing_to_bundle(filing: Filing) -> dict:
    """The canonical bundle of ``filing`` (DESIGN's key order; see the module docstring)."""
    declaration = filing.declaration
    bundle: dict = {
        "region": {"name": declaration.region_name, "area_note": declaration.area_note},
        "declaration": {
            "declared_on": _iso(declaration.declared_on),
            "aspiration": declaration.aspiration,
            "fields": [_field_to_bundle(entry) for entry in declaration.fields],
        },
        "members": [_member_to_bundle(member) for member in filing.members],
    }
    _put_revision(bundle["declaration"], declaration.revision)
    vision = filing.vision
    if vision is not None:
        bundle["vision"] = {
            "aspiration": vision.aspiration,
            "roadmap": vision.roadmap,
            "aspiration_plan_reference": _plan_ref_to_bundle(vision.aspiration_plan_reference),
            "roadmap_plan_reference": _plan_ref_to_bundle(vision.roadmap_plan_reference),
            "verified_on": _iso(vision.verified_on),
            "projects": [_project_to_bundle(project) for project in vision.projects],
        }
        _put_revision(bundle["vision"], vision.revision)
    return bundle


def dumps_bundle(filing: Filing) -> str:
    """The canonical bundle as text: UTF-8 friendly, indented by two, ending with a newline."""
    return json.dumps(filing_to_bundle(filing), ensure_ascii=False, indent=2) + "\n"


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _field_to_bundle(entry: FieldEntry):
    if entry.code == FieldCode.OTHER:
        return {"other": entry.text}
    return str(entry.code)


def _put_revision(target: dict, revision: RevisionInfo) -> None:
    if revision != RevisionInfo():
        target["revision"] = {
            "kind": str(revision.kind),
            "is_minor": revision.is_minor,
            "consulted_on": _iso(revision.consulted_on),
            "reason": revision.reason,
        }


def _member_to_bundle(member: MemberData) -> dict:
    data: dict = {"key": member.key, "name": member.name, "kind": str(member.kind)}
    for key in _MEMBER_KIND_KEYS.get(member.kind, ()):
        value = getattr(member, key)
        data[key] = list(value) if isinstance(value, tuple) else value
    return data


def _plan_ref_to_bundle(ref: PlanRef | None) -> dict | None:
    if ref is None:
        return None
    data = {"plan": ref.plan}
    if ref.section:
        data["section"] = ref.section
    if ref.note:
        data["note"] = ref.note
    return data


def _project_to_bundle(project: ProjectData) -> dict:
    budget = project.budget
    return {
        "name": project.name,
        "implementers": [
            {"member": item.member} if item.member is not None else {"name": item.name}
            for item in project.implementers
        ],
        "joint_body_of": None if project.joint_body_of is None else list(project.joint_body_of),
        "plan_references": [_plan_ref_to_bundle(ref) for ref in project.plan_references],
        "content": project.content,
        "budget": None
        if budget is None
        else {
            "total": budget.total,
            "by_fiscal_year": {str(year): amount for year, amount in sorted(budget.by_fiscal_year)},
        },
        "effects": project.effects,
        "period": {"start": _iso(project.start), "end": _iso(project.end)},
        "milestones": [
            {"date": _iso(milestone.date), "target": milestone.target}
            for milestone in project.milestones
        ],
        "other": project.other,
    }
