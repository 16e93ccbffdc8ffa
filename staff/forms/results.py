"""The staff form of a yearly result (実績, ADR 0108, 0109): one target and 年度, the figure,
a comment and the evidence (a link or a file).

The form checks only what cannot be a value: a 年度 that is no 年度, a figure that is no
figure (``FigureField``), a link that is not http(s), a file that is not a PDF, PNG or JPEG
by its first bytes (``filing.evidence``) or is larger than ``RESULT_EVIDENCE_MAX_BYTES``.
Whether the target exists, the 年度 lies in the project period and has ended, is not taken,
and the figure fits its unit are ``filing.rules.results``, run by ``result_save``: its
refusal's findings are put on their fields here (``apply_findings``), the typed values kept.
"""

import re
import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from filing.bundle.limits import MAX_YEAR, MIN_YEAR
from filing.evidence import HEAD_BYTES, evidence_kind, evidence_name
from filing.formatting import nendo
from reports.models import TargetResult
from reports.result_services import ResultInput
from staff.forms.declarations import TextField
from staff.forms.targets import FigureField
from workflow.forms import cleaned

# Where a finding of ``filing.rules.results`` belongs (its ``path``) → the form's field.
FIELD_OF_PATH = {"target": "target_key", "fiscal_year": "fiscal_year", "value": "value"}
COMMENT_MAX = TargetResult._meta.get_field("comment").max_length
URL_MAX = TargetResult._meta.get_field("evidence_url").max_length

_SEIREKI = re.compile(r"\A([0-9]{1,4})\Z")
_REIWA = re.compile(r"\A(?:令和|R)([0-9]{1,3}|元)\Z", re.IGNORECASE)  # i18n: not text
REIWA_ZERO = 2018  # 令和元年 = 2019
YEAR_INVALID = _("年度は西暦（例: 2026）か令和（例: 令和8）で入力してください。")


def parse_year(text: str) -> int:
    """The 年度 ``text`` means: 「2026」「２０２６年度」「令和8」「令和8年度」「R8」「令和元年度」."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    text = text.removesuffix("年度").removesuffix("年")  # i18n: not text
    if match := _SEIREKI.match(text):
        year = int(match.group(1))
    elif match := _REIWA.match(text):
        number = match.group(1)
        year = REIWA_ZERO + (1 if number == "元" else int(number))  # i18n: not text
    else:
        raise forms.ValidationError(YEAR_INVALID, code="invalid")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise forms.ValidationError(YEAR_INVALID, code="range")
    return year


class YearField(forms.Field):
    """A 年度 typed as 西暦 or 令和; shown as typed when it is not one."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "size": 10})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        return parse_year(cleaned(str(value), multiline=False))


def max_evidence_mb() -> str:
    size = settings.RESULT_EVIDENCE_MAX_BYTES / (1024 * 1024)
    return f"{size:g}"


class ResultForm(forms.Form):
    """A new result (``result`` None: the target and 年度 are chosen) or the draft or returned
    ``result`` (its target and 年度 stay; ``version`` detects a save by someone else)."""

    target_key = forms.CharField(label=_("目標（指標）"), required=False, widget=forms.Select)
    fiscal_year = YearField(
        label=_("年度"),
        required=False,
        help_text=_("西暦（例: 2026）か令和（例: 令和8）で。年度は3月31日に終わります。"),
    )
    value = FigureField(
        label=_("実績値"),
        help_text=_("目標と同じ単位の数字で（例: 1,200、12.5）。"),
    )
    comment = TextField(
        label=_("備考"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("数字の出典、集計の方法、目標との差の理由など。"),
    )
    evidence_url = TextField(
        label=_("根拠のリンク"),
        max_length=URL_MAX,
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
        help_text=_("統計や報告書のページの URL（http:// か https:// で始まるもの）。"),
    )
    evidence_file = forms.FileField(
        label=_("根拠のファイル"),
        required=False,
        widget=forms.FileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
        error_messages={
            "empty": _("空のファイルです。PDF・PNG・JPEG のファイルを選んでください。"),
            "invalid": _("ファイルを受け取れませんでした。もう一度選んでください。"),
        },
    )
    clear_file = forms.BooleanField(label=_("登録した根拠のファイルを外す"), required=False)

    def __init__(self, *args, targets, result=None, **kwargs):
        """``targets``: key → ``reports.selectors.ResultTarget`` of the project."""
        self.targets = targets
        self.result = result
        if result is not None and "initial" not in kwargs and not args:
            kwargs["initial"] = {
                "value": result.value,
                "comment": result.comment,
                "evidence_url": result.evidence_url,
            }
        super().__init__(*args, **kwargs)
        self.fields["evidence_file"].help_text = _(
            "PDF・PNG・JPEG（%(mb)s MB まで）。ファイルの中身で形式を確かめます。"
        ) % {"mb": max_evidence_mb()}
        if result is not None:  # the key and 年度 of a stored result do not move
            del self.fields["target_key"]
            del self.fields["fiscal_year"]
            if not result.evidence_file:
                del self.fields["clear_file"]
        else:
            del self.fields["clear_file"]
            self.fields["target_key"].widget.choices = [
                ("", _("選んでください")),
                *((key, _target_label(entry.target)) for key, entry in targets.items()),
            ]

    def clean_target_key(self):
        key = self.cleaned_data["target_key"]
        if key not in self.targets:  # none chosen, or a key the page did not offer
            raise forms.ValidationError(
                _("このプロジェクトの目標（指標）から選んでください。"), code="target"
            )
        return key

    def clean_evidence_url(self):
        url = self.cleaned_data["evidence_url"]
        if not url:
            return ""
        try:
            scheme = urlsplit(url).scheme.lower()
        except ValueError:  # 「http://[」
            scheme = ""
        if scheme not in {"http", "https"}:
            raise forms.ValidationError(
                _("根拠のリンクは http:// か https:// で始まる URL にしてください。"),
                code="scheme",
            )
        return forms.URLField(max_length=URL_MAX).clean(url)  # one a URLField can store

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if not upload:
            return None
        limit = settings.RESULT_EVIDENCE_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("ファイルが大きすぎます（%(mb)s MB まで）。") % {"mb": max_evidence_mb()},
                code="too_large",
            )
        upload.seek(0)
        head = upload.read(HEAD_BYTES)
        upload.seek(0)
        kind = evidence_kind(head)
        if kind is None:
            raise forms.ValidationError(
                _(
                    "PDF・PNG・JPEG のファイルではありません（ファイルの中身で確かめています。"
                    "名前の拡張子だけを変えたファイルは使えません）。"
                ),
                code="not_evidence",
            )
        upload.name = evidence_name(upload.name or "", kind)
        return upload

    def given(self) -> ResultInput:
        data = self.cleaned_data
        if self.result is not None:
            key, year = self.result.target_key, self.result.fiscal_year
        else:
            key, year = data.get("target_key") or "", data.get("fiscal_year")
        return ResultInput(
            target_key=key,
            fiscal_year=year,
            value=data.get("value"),
            comment=data.get("comment") or "",
            evidence_url=data.get("evidence_url") or "",
            evidence_file=data.get("evidence_file"),
            clear_file=bool(data.get("clear_file")),
        )

    def apply_findings(self, findings) -> None:
        """Each finding of a refused save on its field (the form's own errors otherwise)."""
        for finding in findings:
            name = FIELD_OF_PATH.get(finding.path)
            self.add_error(name if name in self.fields else None, finding.message)

    @property
    def heading(self) -> str:
        if self.result is None:
            return _("実績を入力する")
        return _("%(target)s %(nendo)sの実績を直す") % {
            "target": self.result.target_name,
            "nendo": nendo(self.result.fiscal_year),
        }


def _target_label(target) -> str:
    return f"{target.name}（{target.unit}）" if target.unit else target.name
