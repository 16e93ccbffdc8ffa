"""A project's ``fields`` in a region bundle (ADR 0115), read strictly and written back.

```json
"fields": ["industry", "other"]
```

Decisions (each one tested):

* ``fields`` may be left out or be ``[]``: the project names no field of its own and counts
  under every field of its region (``filing.fields.effective_fields``), as before issue 16.
  The writer leaves it out then, so the bundles of projects without fields stay the same.
* An item is one of the codes ``"industry"``, ``"tourism"``, ``"transport"``, ``"other"``.
  ``{"other": "…"}`` is refused: the text of an その他 field is the declaration's; a project
  says only that it serves the region's その他 field(s).
* The same code twice is an input error; the codes are kept in the 要綱's order
  (A 産業振興, B 観光, C 交通, その他), the canonical form.
* Whether the declaration declares the field is the rule ``change.declaration_sync``'s
  business, not the parser's (a draft may be filed in any order).
"""

from filing.bundle.errors import BundleError, child, quote, type_error
from filing.bundle.limits import PROJECT_FIELDS
from filing.data import FieldCode

_CODES = ", ".join(f'"{code}"' for code in FieldCode)


def read_project_fields(reader, obj: dict, path: str) -> tuple[FieldCode, ...]:
    """The ``fields`` of the project ``obj`` at ``path`` (``reader``: the bundle's reader)."""
    list_path = child(path, "fields")
    chosen: list[FieldCode] = []
    for index, value in enumerate(reader.array(obj, "fields", path, PROJECT_FIELDS)):
        item_path = child(list_path, index)
        if isinstance(value, dict):
            raise BundleError(
                item_path,
                'プロジェクトの分野は "other" とだけ書きます（その他の分野の説明は連携宣言書の'
                "fields に書きます）",
            )
        if not isinstance(value, str):
            raise type_error(item_path, f"分野のコード（{_CODES} のいずれか）", value)
        if value not in FieldCode:
            raise BundleError(item_path, f"不明な分野 {quote(value)} です（使える分野: {_CODES}）")
        if value in chosen:
            raise BundleError(item_path, f"分野 {quote(value)} が重複しています")
        chosen.append(FieldCode(value))
    return ordered(chosen)


def ordered(codes) -> tuple[FieldCode, ...]:
    """``codes`` once each, in the 要綱's order (the canonical form); an unknown code is
    dropped (the reader refuses one before it gets here)."""
    chosen = {str(code) for code in codes}
    return tuple(code for code in FieldCode if code in chosen)


def project_fields_to_bundle(codes: tuple[FieldCode, ...]) -> dict:
    """``{"fields": [...]}`` when the project names some, else nothing."""
    return {"fields": [str(code) for code in codes]} if codes else {}
