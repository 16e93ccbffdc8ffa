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


class AdviceForm(forms.Form):
    """An editor's 事前相談 on a draft: the question, optionally about one item."""

    anchor = forms.ChoiceField(label=_("相談する項目"), required=False)
    question = forms.CharField(
        label=_("相談の内容"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("相談の内容を入力してください。")},
    )

    def __init__(self, *args, anchors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = [(a.path, a.label) for a in anchors]


class AdviceAnswerForm(forms.Form):
    """A reviewer's answer to a 事前相談, optionally about another item of the draft."""

    anchor = forms.ChoiceField(label=_("回答の対象の項目"), required=False)
    body = forms.CharField(
        label=_("回答"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("回答を入力してください。")},
    )

    def __init__(self, *args, anchors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = [(a.path, a.label) for a in anchors]


class AdviceFollowUpForm(forms.Form):
    """An editor adds to a 事前相談 thread."""

    body = forms.CharField(
        label=_("追記"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("本文を入力してください。")},
    )
