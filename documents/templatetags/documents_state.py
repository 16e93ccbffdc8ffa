"""``making_any``: whether a list of PDFs (``DocumentLink`` or the receipt's documents) has
one the worker has not made yet, so that the page polls for it (ADR 0102)."""

from django import template

register = template.Library()


@register.filter
def making_any(documents) -> bool:
    return any(getattr(item, "is_making", False) for item in documents or ())
