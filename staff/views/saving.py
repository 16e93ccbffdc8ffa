"""What the staff edit forms (declaration, vision, project) tell the editor after a save:
one wording for every page."""

from django.contrib import messages
from django.utils.translation import gettext as _


def not_saved_invalid(request) -> None:
    messages.error(
        request,
        _(
            "入力に誤りがあるため保存していません。エラーの欄を直してから、もう一度保存してください。"
        ),
    )


def not_saved_conflict(request, *, subject: str = "") -> None:
    """Another editor saved first (``DraftConflict``); ``subject`` is what was saved
    (「この下書き」 unless given)."""
    messages.error(
        request,
        _(
            "%(subject)sは、あなたが開いた後に別の人が保存しました。あなたの入力はまだ保存していません。"
            "右に示す保存済みの内容と見比べ、必要なら直してから、もう一度保存してください（もう一度保存すると、あなたの入力で上書きします）。"
        )
        % {"subject": subject or _("この下書き")},
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
