"""The fields (分野, 第3(2)④) of a project, and their labels (ADR 0115).

A project serves one or more of the fields its region's declaration declares (issue 16):
``ProjectData.fields`` holds their codes (``"other"`` stands for the region's その他 field
or fields, whatever their text). A project that names none serves every field of its
region, as every project did before projects carried fields: its budget counts under
each of them and its support measures are matched on all of them (``effective_fields``).
"""

from collections.abc import Iterable

from filing.data import FieldCode, FieldEntry
from filing.i18n import gettext_lazy as _

FIELD_NAMES = {
    FieldCode.INDUSTRY: _("A 産業振興"),
    FieldCode.TOURISM: _("B 観光"),
    FieldCode.TRANSPORT: _("C 交通"),
    FieldCode.OTHER: _("その他"),
}


def field_text(entry: FieldEntry) -> str:
    """A declared field as the documents write it: 「A 産業振興」, 「その他（…）」."""
    if entry.code == FieldCode.OTHER and entry.text:
        return _("その他（%(text)s）") % {"text": entry.text}
    return str(FIELD_NAMES[entry.code])


def fields_text(codes: Iterable[str]) -> str:
    """A project's fields in the order of the 要綱 (A, B, C, その他): 「A 産業振興、B 観光」."""
    chosen = set(codes)
    return "、".join(str(FIELD_NAMES[code]) for code in FieldCode if code in chosen)


def effective_fields(project_fields: Iterable[str], region_fields: Iterable[str]) -> frozenset:
    """The fields a project counts under: its own, or, when it names none, every field of
    its region (the behaviour from before projects carried fields)."""
    own = frozenset(FieldCode(code) for code in project_fields)
    return own or frozenset(FieldCode(code) for code in region_fields)
