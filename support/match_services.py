"""The verbs of a reviewer's pins and hides (ADR 0115), one per move, each with its audit row
(``SupportMatchEvent``) and its time from ``declarations.clock``:

- ``match_pin``: show a measure first under a project, with a note (even one the rule would
  not match);
- ``match_hide``: leave a measure out under a project (the note says why, for the reviewers);
- ``match_clear``: back to what the rule says.

A project is named by its region and its name (``support.models.matches``). The public
region pages read their stamps again after each verb (``catalogue_changed``).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from declarations import clock
from support.models import MatchAction, SupportMatchDecision, SupportMatchEvent
from support.services import catalogue_changed

NOTE_MAX_LENGTH = 1_000
NAME_MAX_LENGTH = 200


class MatchRefused(Exception):
    """A pin, hide or clear that cannot be made (the message says why, in Japanese)."""


def _checked(project_name: str, note: str) -> tuple[str, str]:
    name, note = (project_name or "").strip(), (note or "").strip()
    if not name:
        raise MatchRefused(_("プロジェクトの名称がありません。"))
    if len(name) > NAME_MAX_LENGTH:
        raise MatchRefused(_("プロジェクトの名称が長すぎます。"))
    if len(note) > NOTE_MAX_LENGTH:
        raise MatchRefused(
            _("メモは %(most)d 文字以内にしてください（%(count)d 文字あります）。")
            % {"most": NOTE_MAX_LENGTH, "count": len(note)}
        )
    return name, note


def _event(*, region, project_name, measure, verb, note, actor, at):
    return SupportMatchEvent.objects.create(
        region=region,
        project_name=project_name,
        measure=measure,
        measure_name=str(measure)[:320],
        verb=verb,
        note=note,
        actor=actor,
        at=at,
    )


def _decide(action, *, region, project_name, measure, note, actor) -> SupportMatchDecision:
    name, note = _checked(project_name, note)
    with transaction.atomic():
        now = clock.now()
        decision, _created = SupportMatchDecision.objects.update_or_create(
            region=region,
            project_name=name,
            measure=measure,
            defaults={"action": action, "note": note, "decided_by": actor, "decided_at": now},
        )
        _event(
            region=region,
            project_name=name,
            measure=measure,
            verb=action,
            note=note,
            actor=actor,
            at=now,
        )
        catalogue_changed.send(sender=SupportMatchDecision)  # the region pages read again
    return decision


def match_pin(*, region, project_name: str, measure, note: str = "", actor) -> SupportMatchDecision:
    """Show ``measure`` first under the project, with ``note``."""
    return _decide(
        MatchAction.PIN,
        region=region,
        project_name=project_name,
        measure=measure,
        note=note,
        actor=actor,
    )


def match_hide(
    *, region, project_name: str, measure, note: str = "", actor
) -> SupportMatchDecision:
    """Leave ``measure`` out under the project."""
    return _decide(
        MatchAction.HIDE,
        region=region,
        project_name=project_name,
        measure=measure,
        note=note,
        actor=actor,
    )


def match_clear(*, region, project_name: str, measure, note: str = "", actor) -> bool:
    """Remove the pin or hide of ``measure`` under the project; ``False`` when there was none
    (then nothing is written)."""
    name, note = _checked(project_name, note)
    with transaction.atomic():
        deleted, _rows = SupportMatchDecision.objects.filter(
            region=region, project_name=name, measure=measure
        ).delete()
        if not deleted:
            return False
        _event(
            region=region,
            project_name=name,
            measure=measure,
            verb=SupportMatchEvent.Verb.CLEAR,
            note=note,
            actor=actor,
            at=clock.now(),
        )
        catalogue_changed.send(sender=SupportMatchDecision)  # the region pages read again
    return True
