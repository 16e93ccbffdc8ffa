"""The difference between two filings (two revisions of a region), as plain data.

Pure: reads two ``Filing`` values, touches no database, renders nothing. The public
region page and the reviewers' admin both show what ``diff_filings`` returns.

* Members are matched by ``key``; a member whose key is in both but whose name, kind,
  code or areas differ is *changed*.
* Fields are matched by code (and, for ``other``, by text); a project's own fields
  (ADR 0115) are one text, changed as a whole.
* Projects are matched by name; a project left over on each side is paired with the
  most similar one (name and content) when they are similar enough, so a renamed
  project shows as changed rather than removed and added.
* Texts are compared by "words" suitable for Japanese: runs of kanji, of hiragana, of
  katakana, of Latin letters and digits, single punctuation marks and whitespace
  (``tokenize``). Long texts are compared line by line first, then word by word inside
  the changed lines, so a 20,000-character text costs little.
* Budgets: each changed project lists its fiscal years whose amount differs, and the
  diff carries the totals of all projects per fiscal year (``budget_by_fiscal_year``).
"""

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum

from filing.data import (
    BudgetData,
    FieldCode,
    FieldEntry,
    Filing,
    ImplementerData,
    MemberData,
    MilestoneData,
    PlanRef,
    ProjectData,
    VisionData,
)
from filing.fields import field_text as field_text  # re-exported (documents)
from filing.fields import fields_text
from filing.formatting import wareki
from filing.i18n import gettext_lazy as _
from filing.strategy import compared_texts
from filing.targets import target_text

# Projects left unmatched by name are paired when at least this similar.
PROJECT_SIMILARITY = 0.6


class Op(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text: unchanged, deleted (only in the old text) or inserted (only in the new)."""

    op: Op
    text: str


@dataclass(frozen=True, slots=True)
class TextChange:
    """One item whose text differs. ``path`` is the item's JSON path in the new revision's
    bundle (in the old one when the item is gone); ``item`` names the item for display."""

    path: str
    item: str
    old: str
    new: str
    segments: tuple[Segment, ...]

    @property
    def old_segments(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.op != Op.INSERT)

    @property
    def new_segments(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.op != Op.DELETE)


@dataclass(frozen=True, slots=True)
class MemberChange:
    key: str
    old: MemberData
    new: MemberData
    changed: tuple[str, ...]  # the MemberData attributes that differ


@dataclass(frozen=True, slots=True)
class BudgetChange:
    """An amount per fiscal year (年度) before and after; ``None`` where there was none."""

    fiscal_year: int
    old: int | None
    new: int | None

    @property
    def difference(self) -> int:
        return (self.new or 0) - (self.old or 0)

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True, slots=True)
class ProjectChange:
    name: str  # the new name
    old_name: str
    old_index: int
    new_index: int
    text_changes: tuple[TextChange, ...]
    implementers_added: tuple[str, ...]
    implementers_removed: tuple[str, ...]
    plan_references_added: tuple[str, ...]
    plan_references_removed: tuple[str, ...]
    milestones_added: tuple[str, ...]
    milestones_removed: tuple[str, ...]
    budget_total: BudgetChange | None  # fiscal_year 0; None when the total is the same
    budget: tuple[BudgetChange, ...]  # the fiscal years whose amount differs
    targets_added: tuple[str, ...] = ()  # a changed target is one removed, one added (ADR 0104)
    targets_removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FilingDiff:
    members_added: tuple[MemberData, ...] = ()
    members_removed: tuple[MemberData, ...] = ()
    members_changed: tuple[MemberChange, ...] = ()
    fields_added: tuple[FieldEntry, ...] = ()
    fields_removed: tuple[FieldEntry, ...] = ()
    text_changes: tuple[TextChange, ...] = ()  # declaration and vision items
    projects_added: tuple[ProjectData, ...] = ()
    projects_removed: tuple[ProjectData, ...] = ()
    projects_changed: tuple[ProjectChange, ...] = ()
    budget_by_fiscal_year: tuple[BudgetChange, ...] = ()  # every year of either, all projects

    @property
    def budget_changes(self) -> tuple[BudgetChange, ...]:
        return tuple(b for b in self.budget_by_fiscal_year if b.changed)

    @property
    def is_empty(self) -> bool:
        return not (
            self.members_added
            or self.members_removed
            or self.members_changed
            or self.fields_added
            or self.fields_removed
            or self.text_changes
            or self.projects_added
            or self.projects_removed
            or self.projects_changed
        )


# ---------------------------------------------------------------- words


def _script(char: str) -> str:
    if char.isspace():
        return "space"
    if "\u3041" <= char <= "\u309f":
        return "hiragana"
    if "\u30a0" <= char <= "\u30ff" or "\uff66" <= char <= "\uff9f":
        return "katakana"
    if (
        "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or "\uf900" <= char <= "\ufaff"
        or "\U00020000" <= char <= "\U0003134f"
        or char in "々〆ヵヶ"
    ):
        return "kanji"
    category = unicodedata.category(char)
    if category[0] in "LN" or char in "_":
        return "word"  # Latin letters and digits, full-width too
    return "mark"  # punctuation and symbols: each one a token of its own


def tokenize(text: str) -> list[str]:
    """Split ``text`` into words for a diff: runs of the same script; marks one by one.

    ``"瀬戸内の観光DX（2026年度）"`` → ``["瀬戸内", "の", "観光", "DX", "（", "2026", "年度", "）"]``.
    The long-vowel mark ー joins the katakana run it follows.
    """
    tokens: list[str] = []
    previous = ""
    for char in text:
        script = _script(char)
        if char == "ー" and previous == "katakana":
            script = "katakana"
        if tokens and script == previous and script != "mark":
            tokens[-1] += char
        else:
            tokens.append(char)
        previous = script
    return tokens


def _merge(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    merged: list[Segment] = []
    for segment in segments:
        if not segment.text:
            continue
        if merged and merged[-1].op == segment.op:
            merged[-1] = Segment(segment.op, merged[-1].text + segment.text)
        else:
            merged.append(segment)
    return tuple(merged)


def _word_segments(old: str, new: str) -> list[Segment]:
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segments = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(Op.EQUAL, "".join(a[i1:i2])))
        else:
            segments.append(Segment(Op.DELETE, "".join(a[i1:i2])))
            segments.append(Segment(Op.INSERT, "".join(b[j1:j2])))
    return segments


def text_segments(old: str, new: str) -> tuple[Segment, ...]:
    """The segments that turn ``old`` into ``new``, marked by words (see ``tokenize``).

    Deleted words come before the inserted words that replace them; joining the
    non-inserted segments gives ``old`` back, the non-deleted ones ``new``.
    """
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(Op.EQUAL, "".join(a[i1:i2])))
        elif tag == "replace":
            segments += _word_segments("".join(a[i1:i2]), "".join(b[j1:j2]))
        else:
            segments.append(Segment(Op.DELETE, "".join(a[i1:i2])))
            segments.append(Segment(Op.INSERT, "".join(b[j1:j2])))
    return _merge(segments)


def _text_change(
    path: str, item: str, old: str, new: str, *, whole: bool = False
) -> list[TextChange]:
    """The change of one item, or nothing; ``whole`` marks the value as one word (a date)."""
    if old == new:
        return []
    if whole:
        segments = _merge((Segment(Op.DELETE, old), Segment(Op.INSERT, new)))
    else:
        segments = text_segments(old, new)
    return [TextChange(path, item, old, new, segments)]


# ---------------------------------------------------------------- display texts


def _date_text(value: date | None) -> str:
    # 和暦, as every page and PDF that shows a diff writes dates (ADR 0080; issue 13)
    return wareki(value) if value else ""


def plan_ref_text(ref: PlanRef | None) -> str:
    if ref is None:
        return ""
    return "　".join(part for part in (ref.plan, ref.section, ref.note) if part)


def _implementer_text(item: ImplementerData, names: dict[str, str]) -> str:
    if item.member is not None:
        return names.get(item.member, item.member)
    return item.name


def _milestone_text(milestone: MilestoneData) -> str:
    return f"{_date_text(milestone.date)} {milestone.target}".strip()


def _period_text(project: ProjectData) -> str:
    if project.start is None and project.end is None:
        return ""
    return f"{_date_text(project.start)}〜{_date_text(project.end)}"


def _joint_body_text(project: ProjectData, names: dict[str, str]) -> str:
    if project.joint_body_of is None:
        return ""
    return "、".join(names.get(key, key) for key in project.joint_body_of)


def _added_removed(
    old: Iterable[str], new: Iterable[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    old, new = list(old), list(new)
    added = tuple(item for item in new if item not in old)
    removed = tuple(item for item in old if item not in new)
    return added, removed


def _budget_years(budget: BudgetData | None) -> dict[int, int]:
    if budget is None:
        return {}
    years: dict[int, int] = {}
    for year, amount in budget.by_fiscal_year:
        years[year] = years.get(year, 0) + amount
    return years


def _budget_changes(old: dict[int, int], new: dict[int, int]) -> tuple[BudgetChange, ...]:
    return tuple(
        BudgetChange(year, old.get(year), new.get(year)) for year in sorted(set(old) | set(new))
    )


# ---------------------------------------------------------------- the diff


def _members(old: Filing, new: Filing):
    old_by_key = {m.key: m for m in old.members}
    new_by_key = {m.key: m for m in new.members}
    added = tuple(m for m in new.members if m.key not in old_by_key)
    removed = tuple(m for m in old.members if m.key not in new_by_key)
    changed = []
    for member in new.members:
        before = old_by_key.get(member.key)
        if before is None or before == member:
            continue
        attributes = tuple(
            f.name for f in fields(MemberData) if getattr(before, f.name) != getattr(member, f.name)
        )
        changed.append(MemberChange(member.key, before, member, attributes))
    return added, removed, tuple(changed)


def _field_key(entry: FieldEntry) -> tuple[str, str]:
    return (entry.code, entry.text if entry.code == FieldCode.OTHER else "")


def _fields(old: Filing, new: Filing):
    old_keys = {_field_key(f) for f in old.declaration.fields}
    new_keys = {_field_key(f) for f in new.declaration.fields}
    added = tuple(f for f in new.declaration.fields if _field_key(f) not in old_keys)
    removed = tuple(f for f in old.declaration.fields if _field_key(f) not in new_keys)
    return added, removed


def _declaration_texts(old: Filing, new: Filing) -> list[TextChange]:
    a, b = old.declaration, new.declaration
    return [
        *_text_change("region.name", _("宣言リージョンの名称"), a.region_name, b.region_name),
        *_text_change("region.name_en", _("名称（英語）"), a.region_name_en, b.region_name_en),
        *_text_change("region.area_note", _("区域の補足"), a.area_note, b.area_note),
        *_text_change(
            "declaration.declared_on",
            _("宣言日"),
            _date_text(a.declared_on),
            _date_text(b.declared_on),
            whole=True,
        ),
        *_text_change("declaration.aspiration", _("目指すべき姿"), a.aspiration, b.aspiration),
        *_text_change(
            "declaration.aspiration_en",
            _("目指すべき姿の要約（英語）"),
            a.aspiration_en,
            b.aspiration_en,
        ),
        *_representative_change(old, new),
    ]


def _representative_name(filing: Filing) -> str:
    key = filing.declaration.representative
    return next((m.name for m in filing.members if m.key == key), key) if key else ""


def _representative_change(old: Filing, new: Filing) -> list[TextChange]:
    """代表団体, by the member's name; another member chosen (by key) is a change, the
    representative's own rename is a change of that member, not of the choice."""
    if old.declaration.representative == new.declaration.representative:
        return []
    return _text_change(
        "declaration.representative",
        _("代表団体"),
        _representative_name(old),
        _representative_name(new),
        whole=True,
    )


def _vision_texts(old: VisionData | None, new: VisionData | None) -> list[TextChange]:
    a, b = old or VisionData(), new or VisionData()
    return [
        *_text_change(
            "vision.aspiration", _("目指すべき姿（中長期的な将来像）"), a.aspiration, b.aspiration
        ),
        *_text_change(
            "vision.aspiration_plan_reference",
            _("目指すべき姿に代える計画の参照箇所"),
            plan_ref_text(a.aspiration_plan_reference),
            plan_ref_text(b.aspiration_plan_reference),
        ),
        *_text_change("vision.roadmap", _("ロードマップ"), a.roadmap, b.roadmap),
        *_text_change(
            "vision.roadmap_plan_reference",
            _("ロードマップに代える計画の参照箇所"),
            plan_ref_text(a.roadmap_plan_reference),
            plan_ref_text(b.roadmap_plan_reference),
        ),
        *_text_change(
            "vision.verified_on",
            _("検証した日"),
            _date_text(a.verified_on),
            _date_text(b.verified_on),
            whole=True,
        ),
    ]


def _similarity(a: ProjectData, b: ProjectData) -> float:
    return difflib.SequenceMatcher(
        None, f"{a.name}\n{a.content}"[:2000], f"{b.name}\n{b.content}"[:2000], autojunk=False
    ).ratio()


def _match_projects(
    old: tuple[ProjectData, ...], new: tuple[ProjectData, ...]
) -> list[tuple[int, int]]:
    """Pairs (old index, new index): same name first, then the most similar leftovers."""
    pairs = []
    free_old = list(range(len(old)))
    for j, project in enumerate(new):
        i = next((i for i in free_old if old[i].name == project.name), None)
        if i is not None:
            pairs.append((i, j))
            free_old.remove(i)
    free_new = [j for j in range(len(new)) if j not in {p[1] for p in pairs}]
    candidates = sorted(
        ((_similarity(old[i], new[j]), i, j) for i in free_old for j in free_new),
        reverse=True,
    )
    for score, i, j in candidates:
        if score < PROJECT_SIMILARITY:
            break
        if i in free_old and j in free_new:
            pairs.append((i, j))
            free_old.remove(i)
            free_new.remove(j)
    return sorted(pairs, key=lambda pair: pair[1])


def _project_change(
    a: ProjectData,
    b: ProjectData,
    old_index: int,
    new_index: int,
    old_names: dict[str, str],
    new_names: dict[str, str],
) -> ProjectChange | None:
    if a == b and old_names == new_names:
        return None
    path = f"vision.projects[{new_index}]"
    texts = [
        *_text_change(f"{path}.name", _("ア プロジェクトの名称"), a.name, b.name),
        *_text_change(
            f"{path}.fields", _("分野"), fields_text(a.fields), fields_text(b.fields), whole=True
        ),
        *(c for args in compared_texts(path, a, b) for c in _text_change(*args, whole=True)),
        *_text_change(
            f"{path}.joint_body_of",
            _("共同で設立した法人の設立団体"),
            _joint_body_text(a, old_names),
            _joint_body_text(b, new_names),
        ),
        *_text_change(f"{path}.content", _("エ 具体的内容"), a.content, b.content),
        *_text_change(f"{path}.effects", _("カ 期待される効果"), a.effects, b.effects),
        *_text_change(f"{path}.period", _("キ 期間"), _period_text(a), _period_text(b), whole=True),
        *_text_change(f"{path}.other", _("ク その他"), a.other, b.other),
    ]
    implementers = _added_removed(
        (_implementer_text(i, old_names) for i in a.implementers),
        (_implementer_text(i, new_names) for i in b.implementers),
    )
    references = _added_removed(
        (plan_ref_text(r) for r in a.plan_references), (plan_ref_text(r) for r in b.plan_references)
    )
    milestones = _added_removed(
        (_milestone_text(m) for m in a.milestones), (_milestone_text(m) for m in b.milestones)
    )
    targets = _added_removed(map(target_text, a.targets), map(target_text, b.targets))
    old_total = a.budget.total if a.budget is not None else None
    new_total = b.budget.total if b.budget is not None else None
    budget = tuple(
        change
        for change in _budget_changes(_budget_years(a.budget), _budget_years(b.budget))
        if change.changed
    )
    change = ProjectChange(
        name=b.name,
        old_name=a.name,
        old_index=old_index,
        new_index=new_index,
        text_changes=tuple(texts),
        implementers_added=implementers[0],
        implementers_removed=implementers[1],
        plan_references_added=references[0],
        plan_references_removed=references[1],
        milestones_added=milestones[0],
        milestones_removed=milestones[1],
        budget_total=BudgetChange(0, old_total, new_total) if old_total != new_total else None,
        budget=budget,
        targets_added=targets[0],
        targets_removed=targets[1],
    )
    unchanged = not (
        texts
        or any(implementers)
        or any(references)
        or any(milestones)
        or any(targets)
        or change.budget_total
        or budget
    )
    return None if unchanged else change


def _projects(old: Filing, new: Filing):
    a = old.vision.projects if old.vision is not None else ()
    b = new.vision.projects if new.vision is not None else ()
    old_names = {m.key: m.name for m in old.members}
    new_names = {m.key: m.name for m in new.members}
    pairs = _match_projects(a, b)
    matched_old = {i for i, _ in pairs}
    matched_new = {j for _, j in pairs}
    added = tuple(p for j, p in enumerate(b) if j not in matched_new)
    removed = tuple(p for i, p in enumerate(a) if i not in matched_old)
    changed = tuple(
        change
        for i, j in pairs
        if (change := _project_change(a[i], b[j], i, j, old_names, new_names)) is not None
    )
    return added, removed, changed


def budget_by_fiscal_year(filing: Filing) -> dict[int, int]:
    """The sum of every project's amounts per fiscal year (年度)."""
    totals: dict[int, int] = {}
    if filing.vision is not None:
        for project in filing.vision.projects:
            for year, amount in _budget_years(project.budget).items():
                totals[year] = totals.get(year, 0) + amount
    return totals


DECLARATION_DOCUMENT = "declaration"
VISION_DOCUMENT = "vision"


def diff_filings(old: Filing, new: Filing, *, document: str | None = None) -> FilingDiff:
    """What changed from ``old`` to ``new`` (two revisions of one region).

    ``document`` keeps one document's parts: ``"declaration"`` its members, fields and
    texts; ``"vision"`` its texts, projects and budgets (the members still name the
    implementers). Two states of a region compared for one document never list the other
    document as added or removed (a vision published between two declarations)."""
    declaration = document in (None, DECLARATION_DOCUMENT)
    vision = document in (None, VISION_DOCUMENT)
    result = FilingDiff()
    if declaration:
        members_added, members_removed, members_changed = _members(old, new)
        fields_added, fields_removed = _fields(old, new)
        result = replace(
            result,
            members_added=members_added,
            members_removed=members_removed,
            members_changed=members_changed,
            fields_added=fields_added,
            fields_removed=fields_removed,
            text_changes=tuple(_declaration_texts(old, new)),
        )
    if vision:
        projects_added, projects_removed, projects_changed = _projects(old, new)
        result = replace(
            result,
            text_changes=(*result.text_changes, *_vision_texts(old.vision, new.vision)),
            projects_added=projects_added,
            projects_removed=projects_removed,
            projects_changed=projects_changed,
            budget_by_fiscal_year=_budget_changes(
                budget_by_fiscal_year(old), budget_by_fiscal_year(new)
            ),
        )
    return result
