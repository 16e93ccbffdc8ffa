"""Who is told, and in which language (ADR 0126): the addresses of the reviewers and of a
region's editors, grouped by the language each person chose (``accounts.Preference``), and
``notice_mail``, the one place that renders a mail once per language and queues one mail per
language through the outbox (``outbox.services.mail_enqueue``, ADR 0081)."""

from collections.abc import Callable, Iterable
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import lazy

from accounts.access import region_editors
from accounts.models import REVIEWER_GROUP
from filing.formatting import nendo, wareki
from outbox.services import mail_enqueue


def reviewer_addresses() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(groups__name=REVIEWER_GROUP, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def editor_addresses(region) -> list[str]:
    return sorted(set(region_editors(region).exclude(email="").values_list("email", flat=True)))


def language_codes() -> list[str]:
    """The portal's languages, the language of record first."""
    codes = [code for code, _name in settings.LANGUAGES]
    return sorted(codes, key=lambda code: code != settings.LANGUAGE_CODE)


def addresses_by_language(addresses: Iterable[str]) -> dict[str, list[str]]:
    """``addresses`` grouped by the language of the active accounts that have them, the
    language of record first: Japanese for an address without an account or a preference, and
    for an address shared by accounts that chose different languages. No empty group."""
    addresses = list(dict.fromkeys(a for a in addresses if a))
    chosen: dict[str, set[str]] = {}
    rows = (
        get_user_model()
        .objects.filter(email__in=addresses, is_active=True)
        .values_list("email", "preference__language")
    )
    for address, code in rows:
        chosen.setdefault(address, set()).add(code or settings.LANGUAGE_CODE)
    groups: dict[str, list[str]] = {code: [] for code in language_codes()}
    for address in addresses:
        codes = chosen.get(address, set())
        code = codes.pop() if len(codes) == 1 else settings.LANGUAGE_CODE
        groups.setdefault(code, []).append(address)
    return {code: group for code, group in groups.items() if group}


def notice_mail(
    name: str, context: dict | Callable[[], dict], recipients, *, language: str | None = None
) -> list:
    """Render ``templates/mail/<name>.txt`` and ``<name>_subject.txt`` once per language of
    ``recipients`` (``addresses_by_language``; all in ``language`` when given) inside
    ``translation.override``, whatever the language of the page that made the move, and queue
    one mail per language. ``context`` may be a callable, called in each language (labels made
    with gettext). Returns the ``Mail`` rows, the language of record's first."""
    groups = {language: list(recipients)} if language else addresses_by_language(recipients)
    mails = []
    for code, addresses in groups.items():
        with translation.override(code):
            facts = context() if callable(context) else context
            facts = {"portal": settings.PORTAL_NAME, **facts}
            subject = " ".join(render_to_string(f"mail/{name}_subject.txt", facts).split())
            body = render_to_string(f"mail/{name}.txt", facts)
        mail = mail_enqueue(subject, body, addresses)
        if mail is not None:
            mails.append(mail)
    return mails


# The English month names, not the C library's (its locale may differ).
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def in_mail_language_of_record() -> bool:
    return translation.get_language() == settings.LANGUAGE_CODE


def day_text(value: date | datetime | None) -> str:
    """A date or a moment as a mail prints it, in the active language: 和暦 in Japanese
    (「令和8年12月3日」), the Western date otherwise ("3 December 2026"); "" for none."""
    if not value:
        return ""
    if in_mail_language_of_record():
        return wareki(value)
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def nendo_text(year: int) -> str:
    """A 年度 as a mail prints it: 「令和8年度」 in Japanese, "FY2026" otherwise."""
    return nendo(year) if in_mail_language_of_record() else f"FY{year}"


# The same, written when the mail is rendered (in each reader's language, ``notice_mail``).
mail_day = lazy(day_text, str)
mail_nendo = lazy(nendo_text, str)
