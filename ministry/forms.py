"""Forms of the review: the queue filters, comments and replies, return and accept.

The forms check types and lengths; what may be done is decided by the services
(``reviews.services``, ``workflow.verbs``), whose refusals the views turn into
form errors.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import Status
from declarations.models import FieldChoices, Prefecture, Region
from reviews.services import BODY_MAX_LENGTH

QUERY_MAX_LENGTH = 200


def _status_choices():
    return [
        ("", _("すべて")),
        *[(s.value, s.label) for s in Status if s != Status.DRAFT],
    ]


class QueueFilterForm(forms.Form):
    """GET filters of the review queue. Unknown values are ignored (the default is used)."""

    status = forms.ChoiceField(label=_("状態"), required=False)
    document = forms.ChoiceField(
        label=_("書類"),
        required=False,
        choices=[
            ("", _("すべて")),
            ("declaration", _("連携宣言書")),
            ("vision", _("連携ビジョン")),
        ],
    )
    prefecture = forms.ChoiceField(label=_("都道府県"), required=False)
    field = forms.ChoiceField(label=_("分野"), required=False)
    q = forms.CharField(
        label=_("検索（リージョン・構成団体・プロジェクトの名称）"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
    )

    def __init__(self, data=None, **kwargs):
        data = data.copy() if data is not None else {}
        if "status" not in data:
            data["status"] = Status.SUBMITTED.value
        super().__init__(data, **kwargs)
        self.fields["status"].choices = _status_choices()
        self.fields["prefecture"].choices = [("", _("すべて"))] + [
            (p.code, p.name) for p in Prefecture.objects.order_by("code")
        ]
        self.fields["field"].choices = [("", _("すべて")), *list(FieldChoices.choices)]

    def filters(self) -> dict:
        """The valid filters, each field that failed validation replaced by its default."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "status": cleaned.get("status", Status.SUBMITTED.value),
            "document": cleaned.get("document", ""),
            "prefecture": cleaned.get("prefecture", ""),
            "field_code": cleaned.get("field", ""),
            "query": (cleaned.get("q") or "").strip(),
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("差戻しの理由（必須）"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("リージョンの編集者にメールで送られ、担当者の画面にも表示されます。"),
        error_messages={"required": _("差戻しにはコメントが必要です。")},
    )

    def __init__(self, *args, **kwargs):
        # its own ids (id_return_comment): the accept form on the same page has a comment too,
        # and the error summary links to this one (ADR 0096)
        kwargs.setdefault("auto_id", "id_return_%s")
        super().__init__(*args, **kwargs)


class AcceptForm(forms.Form):
    comment = forms.CharField(
        label=_("コメント（任意）"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    publish_on = forms.DateField(
        label=_("公表日"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("空欄なら受理と同時に公表します。将来の日付を入れると、その日に公表します。"),
    )

    def clean_publish_on(self):
        day = self.cleaned_data.get("publish_on")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("公表日に過去の日付は指定できません。"))
        return day


class AuditFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("広域リージョン"),
        required=False,
        queryset=Region.objects.order_by("slug"),
        empty_label=_("すべて"),
    )
    kind = forms.ChoiceField(label=_("種類"), required=False)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("すべて")), *(kinds or {}).items()]

    def filters(self) -> dict:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        region = cleaned.get("region")
        return {"region_id": region.pk if region else None, "kind": cleaned.get("kind", "")}
