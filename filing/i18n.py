"""The core's one door to Django: marking labels for translation (gettext).

Everything else in ``filing`` is plain Python; labels such as the names of the 分野 or
of a revision's items are shown to people, so they go through Django's gettext like
the rest of the portal's text (LANGUAGE_CODE "ja" is the source language).
"""

from django.utils.translation import gettext, gettext_lazy

__all__ = ["gettext", "gettext_lazy"]
