"""Saving the staff edit forms (declaration, vision, project), and what they tell the
editor after a save: one flow and one wording for every page.

``save_draft`` saves a posted form through its lenient service. When another editor saved
since the page was opened (``DraftConflict``), it merges field by field against the values
the page was opened with (the signed ``base`` field, ``staff.forms.snapshot``; ADR 0095):
what only the other editor changed is kept, what only I changed is taken, and the fields
both changed differently are shown side by side for a choice (``choice-<field>``: ``mine``
or ``theirs``); nothing is overwritten unseen. ``autosave`` is the same save answered in
JSON, and it never merges: a conflict stops it and is told.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.db import IntegrityError
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from declarations.lifecycle import FrozenRevisionError
from declarations.services import DraftConflict
from staff.forms import snapshot
from staff.forms.bounds import TamperedForm
from workflow.merge import merge

MINE, THEIRS = "mine", "theirs"


@dataclass
class Draft:
    """One staff draft form: ``editor_for(data)`` binds it (``None``: unbound) on the stored
    state as read now; ``save(editor, version)`` calls its service; ``current_version()``."""

    scope: str  # the object the base belongs to ("vision:12")
    editor_for: Callable
    save: Callable
    current_version: Callable


@dataclass
class Conflict:
    unit: snapshot.Unit
    mine: str
    theirs: str

    @property
    def label(self) -> str:
        return self.unit.label

    @property
    def choice_name(self) -> str:
        return f"choice-{self.unit.name}"


@dataclass
class Saving:
    """The outcome of ``save_draft``: ``editor`` to render (bound), the ``version`` and
    ``base`` the page carries next, the conflicts to choose, the fields of the other editor
    kept (labels)."""

    saved: bool
    editor: object
    version: object
    base: str
    invalid: bool = False
    conflicts: list[Conflict] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def conflicted(self) -> bool:
        return bool(self.conflicts) or (not self.saved and not self.invalid)


def page_base(request, draft: Draft, editor, version, saving: Saving | None = None) -> str:
    """The ``base`` a page's form carries: the one just decided, the one posted with a page
    re-rendered unsaved (a row added), or the values of a page opened now."""
    if saving is not None:
        return saving.base
    if editor is None:
        return ""
    if editor.is_bound:
        return str(request.POST.get("base", ""))
    return snapshot.sign_base(snapshot.form_data(editor), version=version, scope=draft.scope)


def _chosen(data, base, shape) -> object:
    """``data`` with every unit the editor chose 「保存済みの内容」 for taken from ``base``."""
    for unit in snapshot.units(shape):
        if data.get(f"choice-{unit.name}") == THEIRS:
            data = snapshot.replaced(data, base, unit)
    return data


def _canonical(draft: Draft, data) -> dict:
    try:
        return snapshot.canonical(draft.editor_for(snapshot.as_query(data)))
    except TamperedForm:
        return {}


def save_draft(request, draft: Draft) -> Saving:
    """Save the posted form (see the module). ``FrozenRevisionError`` and ``IntegrityError``
    pass through to the view."""
    post = request.POST
    version = post.get("version", "")
    base = snapshot.read_base(post.get("base"), version=version, scope=draft.scope)
    data = post.copy()
    if base is not None:
        data = _chosen(data, base, draft.editor_for(None))
    editor = draft.editor_for(data)
    if not editor.is_valid():
        return Saving(False, editor, version, str(post.get("base", "")), invalid=True)
    try:
        draft.save(editor, version)
        return Saving(True, editor, version, "")
    except DraftConflict:
        pass
    stored = draft.editor_for(None)
    stored_version = draft.current_version()
    theirs_data = snapshot.form_data(stored)
    mine, theirs = snapshot.canonical(editor), _canonical(draft, theirs_data)
    result = merge(_canonical(draft, base) if base is not None else {}, mine, theirs)
    every = snapshot.units(stored)
    merged = data
    for unit in every:
        if unit.name in result.kept_theirs:
            merged = snapshot.replaced(merged, theirs_data, unit)
    outcome = Saving(
        False,
        draft.editor_for(merged),
        stored_version,
        snapshot.sign_base(theirs_data, version=stored_version, scope=draft.scope),
        kept=[unit.label for unit in every if unit.name in result.kept_theirs],
        conflicts=[
            Conflict(
                unit,
                snapshot.shown(editor, unit, mine.get(unit.name)),
                snapshot.shown(stored, unit, theirs.get(unit.name)),
            )
            for unit in every
            if unit.name in result.conflicts
        ],
    )
    if outcome.conflicts:
        return outcome
    if not outcome.editor.is_valid():
        outcome.invalid = True
        return outcome
    try:
        draft.save(outcome.editor, stored_version)
    except DraftConflict:  # a third save meanwhile: merge again on the next save
        return outcome
    outcome.saved = True
    return outcome


def told(request, saving: Saving, *, subject: str = "") -> None:
    """The message of an unsaved outcome (and of the other editor's fields kept)."""
    if saving.saved:
        other_fields_kept(request, saving.kept)
    elif saving.invalid:
        not_saved_invalid(request)
    else:
        not_saved_conflict(request, subject=subject, kept=saving.kept)


# ---------------------------------------------------------------- autosave


def autosave(request, draft: Draft) -> JsonResponse:
    """The autosave endpoint of a staff form: 200 with the new ``version``, ``base`` and a
    message; 400 for input that cannot be saved (fields named); 409 when another editor
    saved first or the draft left the region (nothing is overwritten)."""
    post = request.POST
    if any(name.startswith("choice-") for name in post):
        # the page shows fields both editors changed: the editor chooses, then saves
        return refused(
            409, _("同時に変更された欄の内容を選んで「保存」を押すまで、自動保存はしません。")
        )
    try:
        editor = draft.editor_for(post)
        valid = editor.is_valid()
    except TamperedForm:
        return refused(
            400, _("入力を読み取れなかったため、自動保存していません。ページを開き直してください。")
        )
    if not valid:
        return refused(
            400,
            _("入力に誤りがある欄があるため、自動保存していません。エラーの欄を直してください。"),
            fields=_field_errors(editor),
        )
    try:
        draft.save(editor, post.get("version"))
    except DraftConflict:
        return refused(
            409,
            _(
                "この下書きは、あなたが開いた後に別の人が保存しました。上書きしないよう、自動保存を止めました。"
                "「下書きを保存」を押すと、欄ごとに突き合わせて保存します。"
            ),
        )
    except FrozenRevisionError as error:
        return refused(409, str(error))
    except IntegrityError:
        return refused(409, _("自動保存できませんでした。「下書きを保存」を押してください。"))
    version = draft.current_version()
    stored = snapshot.form_data(draft.editor_for(None))
    at = timezone.localtime().strftime("%H:%M")
    return JsonResponse(
        {
            "version": version,
            "base": snapshot.sign_base(stored, version=version, scope=draft.scope),
            "saved_at": at,
            "message": _("自動保存しました（%(time)s）") % {"time": at},
        },
        json_dumps_params={"ensure_ascii": False},
    )


def refused(status: int, error: str, **extra) -> JsonResponse:
    return JsonResponse(
        {"error": str(error), **extra}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _field_errors(editor) -> dict[str, list[str]]:
    """The errors of a bound editor by field label ("" for those of no one field)."""
    form, formsets = snapshot.parts(editor)
    grid = getattr(editor, "budget", None)
    forms_ = [form, *(row for formset in formsets for row in formset.forms)]
    forms_ += [grid] if grid is not None else []
    errors: dict[str, list[str]] = {}
    for one in forms_:
        for name, found in one.errors.items():
            label = str(one.fields[name].label) if name in one.fields else ""
            errors.setdefault(label, []).extend(str(message) for message in found)
    for formset in formsets:
        errors.setdefault("", []).extend(str(m) for m in formset.non_form_errors())
    return {label: found for label, found in errors.items() if found}


# ---------------------------------------------------------------- messages


def not_saved_invalid(request) -> None:
    messages.error(
        request,
        _(
            "入力に誤りがあるため保存していません。エラーの欄を直してから、もう一度保存してください。"
        ),
    )


def not_saved_conflict(request, *, subject: str = "", kept=()) -> None:
    """Another editor saved first and changed some of the fields I changed too; ``subject``
    is what was saved (「この下書き」 unless given), ``kept`` the other editor's fields
    already filled in."""
    message = _(
        "%(subject)sは、あなたが開いた後に別の人が保存しました。あなたの入力はまだ保存していません。"
        "両方が変えた欄を「同時に変更された欄」に並べました。欄ごとに、残す内容を選んでから保存してください。"
    ) % {"subject": subject or _("この下書き")}
    if kept:
        message += " " + _(
            "別の人だけが変えた欄（%(fields)s）は、その内容をフォームに入れました。"
        ) % {"fields": "、".join(kept)}
    messages.error(request, message)


def other_fields_kept(request, kept) -> None:
    """A save merged with another editor's: which of their fields were kept."""
    if kept:
        messages.info(
            request,
            _(
                "あなたが開いた後に別の人が保存していました。別の人が保存した次の欄は、その内容を残しました: %(fields)s"
            )
            % {"fields": "、".join(kept)},
        )


def not_saved_integrity(request) -> None:
    messages.error(
        request, _("保存できませんでした。ページを開き直して、もう一度保存してください。")
    )


def draft_saved(request) -> None:
    messages.success(request, _("下書きを保存しました。チェックリストを更新しました。"))


def row_not_added(request, *, asked: bool, added) -> None:
    """After an "add a row" request: say why no row was added (``asked`` is False for a
    section or a master entry the page did not offer, ``added`` the new row or ``None``)."""
    if not asked:
        messages.error(request, _("行を追加できませんでした。ページを開き直してください。"))
    elif added is None:
        messages.error(request, _("この欄はこれ以上行を追加できません（上限に達しています）。"))


def not_submitted(request, *, asked: bool) -> None:
    """送付 was pressed but the form could not be saved first: nothing was sent."""
    if asked:
        messages.error(
            request,
            _(
                "入力を保存できなかったため、送付していません。上の案内に沿って保存してから送付してください。"
            ),
        )
