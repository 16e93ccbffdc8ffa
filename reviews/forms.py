"""The forms of a comment thread, shared by the review admin and the region staff's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.services import BODY_MAX_LENGTH


class CommentForm(forms.Form):
    """A reviewer's comment: a new thread, optionally on an item of the revision."""

    anchor = forms.ChoiceField(label=_("対象の項目"), required=False)
    body = forms.CharField(
        label=_("コメント"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, anchors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = [(a.path, a.label) for a in anchors]


class ReplyForm(forms.Form):
    """A reply in a thread (reviewer or the region's staff)."""

    parent = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    body = forms.CharField(
        label=_("返信"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
