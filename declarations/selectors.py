"""Read-only queries of the declarations app."""

import threading

from declarations.models import Municipality, Prefecture
from filing.data import MasterData
from filing.master import normalize_kana


def prefecture_by_code(code: str) -> Prefecture | None:
    """A prefecture by its 2-digit JIS code or its 6-digit 全国地方公共団体コード."""
    field = "code" if len(code) == 2 else "lg_code"
    return Prefecture.objects.filter(**{field: code}).first()


def municipality_by_code(lg_code: str) -> Municipality | None:
    return Municipality.objects.select_related("prefecture").filter(lg_code=lg_code).first()


def municipality_search(query: str, *, limit: int = 50) -> list[Municipality]:
    """Municipalities whose name or よみがな contains ``query``.

    Katakana and half-width input are folded to hiragana; a query that starts with
    a prefecture's name (広島県府中市) is narrowed to that prefecture.
    """
    text = normalize_kana(query)
    if not text:
        return []
    queryset = Municipality.objects.select_related("prefecture").order_by("lg_code")
    for prefecture in Prefecture.objects.only("code", "name"):
        if text.startswith(prefecture.name) and len(text) > len(prefecture.name):
            queryset = queryset.filter(prefecture_id=prefecture.code)
            text = text[len(prefecture.name) :]
            break
    from django.db.models import Q

    return list(queryset.filter(Q(name__contains=text) | Q(kana__contains=text))[:limit])


_master_lock = threading.Lock()
_master_cache: dict[str, MasterData] = {}


def master_data() -> MasterData:
    """The master data (47 prefectures, 1,741 municipalities) for the rules, read from the
    database once per process: a data migration loads it and nothing changes it while the
    site runs (``load_master_data`` clears this cache when it writes)."""
    with _master_lock:
        if "master" not in _master_cache:
            _master_cache["master"] = _master_data_from_db()
        return _master_cache["master"]


def master_data_clear() -> None:
    """Forget the cached master data (after ``load_master_data``, and between tests)."""
    with _master_lock:
        _master_cache.clear()


def _master_data_from_db() -> MasterData:
    """The database's master data as ``MasterData`` for the rule engine (three queries)."""
    prefectures = list(Prefecture.objects.values_list("code", "lg_code", "name"))
    return MasterData(
        prefectures={code: name for code, _, name in prefectures},
        prefecture_lg_codes={lg_code: code for code, lg_code, _ in prefectures},
        municipalities={
            lg_code: (name, prefecture_id)
            for lg_code, name, prefecture_id in Municipality.objects.values_list(
                "lg_code", "name", "prefecture_id"
            )
        },
    )


# ---------------------------------------------------------------- public (published only)
#
# STYLE.md §6: every public page, feed, CSV and API reads declarations through these
# functions, which return nothing but published revisions. A region's current revision is
# its latest published one; when that is an abolition (kind "abolished") the region is
# shown as 廃止 with its history.


def published_declaration_revisions():
    """Every published declaration revision, of every region."""
    from declarations.lifecycle import Status
    from declarations.models import DeclarationRevision

    return DeclarationRevision.objects.filter(status=Status.PUBLISHED)


def current_declaration_revisions():
    """Per region, the latest published declaration revision (an abolition included)."""
    from django.db.models import Exists, OuterRef

    later = published_declaration_revisions().filter(
        declaration=OuterRef("declaration"), number__gt=OuterRef("number")
    )
    return (
        published_declaration_revisions()
        .filter(~Exists(later))
        .select_related("declaration__region")
    )


def published_declaration_revisions_of(region_id: int):
    """A region's published declaration revisions, oldest first."""
    return (
        published_declaration_revisions()
        .filter(declaration__region_id=region_id)
        .order_by("number")
    )


def published_members(revision_ids):
    """The members of the given declaration revisions, kept to published ones."""
    from declarations.models import Member

    return Member.objects.filter(
        revision_id__in=list(revision_ids), revision__in=published_declaration_revisions()
    ).order_by("revision_id", "position")


def published_fields(revision_ids):
    from declarations.models import DeclarationField

    return DeclarationField.objects.filter(
        revision_id__in=list(revision_ids), revision__in=published_declaration_revisions()
    ).order_by("revision_id", "position")
