"""The declaration form of the staff UI, and the form fields every staff form shares.

Saving a draft is lenient (STYLE.md §3): no field is required and no 要綱 rule is
checked here. A value is refused only when it is of the wrong type or too long for
the database (a date that is not a date, text over the model's limit, a negative
amount); the bound form keeps what was typed and shows the error next to the field.
Every text goes through the one text cleaner (``filing.text``, ADR 0084) before any
check: line breaks normalised, invisible controls dropped, NUL and lone surrogates
refused next to the field. Counts are held to the bundle's limits (``filing.bundle.limits``).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import COVER_FIELDS, Kind
from declarations.models import DeclarationField, DeclarationRevision, Member
from filing.bundle import MAX_YEAR, MIN_YEAR
from filing.bundle.limits import MEMBERS, OTHER_FIELDS
from filing.data import FieldCode, FieldEntry, MemberData, MemberKind
from filing.kana import suggest_reading
from staff.forms.bounds import BoundedFormSet, CompleteForm
from staff.forms.cover import CoverFieldsMixin
from staff.forms.english import EnglishForm, english_initial, english_values
from staff.forms.reading import ReadingForm
from workflow.drafts import DeclarationDraft
from workflow.forms import CleanedCharField, cleaned

_ISO_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")

SHORT_TEXT = DeclarationRevision._meta.get_field("region_name").max_length  # 200
LONG_TEXT = DeclarationRevision._meta.get_field("aspiration").max_length  # 20,000
# The reason is a short text in the region bundle (200): a longer one could not be exported.
REASON_TEXT = SHORT_TEXT


def _is_iso_date(text: str) -> bool:
    """A real date written YYYY-MM-DD (what <input type="date"> can show)."""
    if not _ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class TextField(CleanedCharField):
    """A text as typed, through the one cleaner (a single line unless its widget is a text
    area), surrounding blanks trimmed, never required."""

    def __init__(self, *, max_length=SHORT_TEXT, required=False, **kwargs):
        super().__init__(max_length=max_length, required=required, **kwargs)


def long_text(label, **kwargs) -> TextField:
    return TextField(
        label=label, max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 6}), **kwargs
    )


class DayInput(forms.DateInput):
    """``<input type="date">``; a value that is not a date is shown as typed, in a text box."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        shown = context["widget"]["value"]
        if shown and not _is_iso_date(str(shown)):
            context["widget"]["type"] = "text"
        return context


class DayField(forms.DateField):
    """A date between 1900 and 2999 (the rules' date arithmetic and the bundle need a sane year)."""

    widget = DayInput
    input_formats = ["%Y-%m-%d", "%Y/%m/%d"]
    default_error_messages = {
        "invalid": _("日付を「2026-04-01」の形で正しく入力してください。"),
        "range": _("1900年から2999年までの日付を入力してください。"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", cleaned(value, multiline=False)).strip()
        day = super().to_python(value)
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            raise forms.ValidationError(self.error_messages["range"], code="range")
        return day


class RevisionInfoMixin:
    """The fields of a change (変更: minor or not, 協議 date, reason) or an abolition
    (廃止: 協議 date, reason), added to a document's form by the revision's kind."""

    def add_revision_fields(self, kind: str, *, establishment_consultation=False) -> None:
        """``establishment_consultation``: the 策定 records its 協議 date too (a vision, 第4(1))."""
        if kind == Kind.ESTABLISHED and establishment_consultation:
            self.fields["consulted_on"] = DayField(
                label=_("策定に当たってのリージョン構成団体における協議の日"),
                help_text=_(
                    "連携ビジョンは、リージョン構成団体における協議が調ったものです（第4(1)）。"
                ),
            )
            self.add_consultation_body()
        if kind == Kind.CHANGED:
            self.fields["is_minor"] = forms.BooleanField(
                label=_("軽微な変更である"),
                required=False,
                help_text=_(
                    "軽微な変更でなければ、リージョン構成団体における協議の日を記入します。"
                ),
            )
        if kind in (Kind.CHANGED, Kind.ABOLISHED):
            self.fields["consulted_on"] = DayField(
                label=_("リージョン構成団体における協議の日"),
                help_text=_(
                    "軽微な変更を除く変更と廃止は、原則として協議を経ます（第3(5)、第4(3)）。"
                ),
            )
            self.add_consultation_body()
            reason = _("廃止の理由") if kind == Kind.ABOLISHED else _("変更の理由")
            self.fields["reason"] = TextField(
                label=reason,
                max_length=REASON_TEXT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def add_consultation_body(self) -> None:
        """協議を行った会議体等 beside the 協議 date (ADR 0120); like every draft field, may
        be left empty (consultation.record warns)."""
        self.fields["consultation_body"] = TextField(
            label=_("協議を行った会議体等"),
            help_text=_(
                "構成団体が協議した会議の名称（例: 中国地域発展推進会議）。議事録などは"
                "「添付ファイル」に種類「協議の記録」で添付します。"
            ),
        )

    def revision_values(self) -> dict:
        data = self.cleaned_data
        return {
            "is_minor": data.get("is_minor", False),
            "consulted_on": data.get("consulted_on"),
            "consultation_body": data.get("consultation_body", ""),
            "reason": data.get("reason", ""),
        }


def revision_initial(revision) -> dict:
    return {
        "is_minor": revision.is_minor,
        "consulted_on": revision.consulted_on,
        "consultation_body": revision.consultation_body,
        "reason": revision.reason,
        **{name: getattr(revision, name) for name in COVER_FIELDS},
    }


# ---------------------------------------------------------------- the declaration itself

LISTED_FIELDS = [
    (FieldCode.INDUSTRY.value, _("A 産業振興分野（生産性の向上、新たな産業の創出など）")),
    (
        FieldCode.TOURISM.value,
        _("B 観光分野（文化・スポーツを含む地域資源を活用した観光の振興など）"),
    ),
    (FieldCode.TRANSPORT.value, _("C 交通分野（MaaS の推進など）")),
]


class DeclarationForm(RevisionInfoMixin, CoverFieldsMixin, ReadingForm, EnglishForm, CompleteForm):
    """The declaration's own items (第3(2)① ③ ④); the members are in the formsets below."""

    region_name = TextField(label=_("宣言リージョンの名称"))
    area_note = TextField(
        label=_("区域の補足"),
        help_text=_("区域は、構成する地方公共団体から自動で求めます。補足があれば書いてください。"),
    )
    declared_on = DayField(label=_("連携宣言の日"))
    aspiration = long_text(_("目指すべき姿"))
    fields = forms.MultipleChoiceField(
        label=_("取り組む分野"),
        choices=LISTED_FIELDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_fields = TextField(
        label=_("その他の分野"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A〜C 以外の分野を、1 行に 1 つずつ書いてください。"),
    )

    def __init__(self, *args, kind: str = Kind.ESTABLISHED, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        if kind == Kind.ABOLISHED:
            # An abolition states its reason and 協議 date; the content stays as published.
            self.fields.clear()
        else:
            self.fields["representative"] = forms.ChoiceField(
                label=_("代表団体"),
                required=False,
                choices=[("", _("（定めない）"))]
                + [(member.key, member.name) for member in members],
                help_text=_(
                    "保存済みのリージョン構成団体から選びます（任意）。連携宣言書と公開ページに載ります。"
                ),
            )
        self.add_revision_fields(kind)
        self.add_cover_fields()

    def clean_other_fields(self):
        lines = [line.strip() for line in self.cleaned_data["other_fields"].split("\n")]
        lines = [line for line in lines if line]
        limit = DeclarationField._meta.get_field("text").max_length
        too_long = [number for number, line in enumerate(lines, 1) if len(line) > limit]
        if too_long:
            raise forms.ValidationError(
                _("%(line)d 行目が長すぎます。1 つの分野は %(limit)d 文字以内にしてください。"),
                params={"line": too_long[0], "limit": limit},
                code="max_length",
            )
        if len(lines) > OTHER_FIELDS.most:
            raise forms.ValidationError(OTHER_FIELDS.message(len(lines)), code="max_lines")
        return list(dict.fromkeys(lines))


def declaration_initial(revision: DeclarationRevision, fields) -> dict:
    listed = {code for code, _label in LISTED_FIELDS}
    return {
        "region_name": revision.region_name,
        "region_name_kana": revision.region_name_kana or suggest_reading(revision.region_name),
        "area_note": revision.area_note,
        "declared_on": revision.declared_on,
        "aspiration": revision.aspiration,
        "fields": [f.code for f in fields if f.code in listed],
        "other_fields": "\n".join(f.text for f in fields if f.code == FieldCode.OTHER),
        "representative": revision.representative,
        **english_initial(revision),
        **revision_initial(revision),
    }


# ---------------------------------------------------------------- members, by kind


class MemberRowForm(forms.Form):
    """One member. ``key`` is hidden and only a hint: the service keeps it when it is one of
    this revision's members, and gives a new key to anything else."""

    key = TextField(widget=forms.HiddenInput, max_length=None)
    name = TextField(label=_("名称"))

    kinds: tuple[str, ...] = ()

    def __init__(self, *args, prefectures=(), **kwargs):
        self.prefecture_choices = prefectures
        super().__init__(*args, **kwargs)
        for name in ("area_prefectures", "activity_prefectures"):
            if name in self.fields:
                self.fields[name].choices = prefectures

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(name)
            for name in (
                "key",
                "name",
                "lg_code",
                "area_prefectures",
                "activity_prefectures",
                "corporate_number",
            )
        )

    def entry(self) -> MemberData:
        data = self.cleaned_data
        return MemberData(
            kind=MemberKind(data.get("kind") or self.kinds[0]),
            key=data.get("key", ""),
            name=data.get("name", ""),
            lg_code=data.get("lg_code", ""),
            # A crafted POST may repeat a prefecture; the bundle refuses repeats.
            area_prefectures=tuple(dict.fromkeys(data.get("area_prefectures", ()))),
            activity_prefectures=tuple(dict.fromkeys(data.get("activity_prefectures", ()))),
            multi_industry=data.get("multi_industry", False),
            corporate_number=data.get("corporate_number", ""),
        )


def corporate_number_field():
    """The optional 法人番号 of a non-government member (ADR 0123). The draft keeps what was
    typed (digits folded to half width, spaces and hyphens dropped); the check digit is the
    rule ``members.corporate_number``'s, at submission and in the checklist."""
    return TextField(
        label=_("法人番号（13桁、任意）"),
        required=False,
        max_length=CORPORATE_NUMBER_TYPED,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


# Room for a number typed with hyphens or spaces (「7000-01-205-0002」), which are dropped.
CORPORATE_NUMBER_TYPED = 20


def _corporate_number(value: str) -> str:
    folded = unicodedata.normalize("NFKC", value or "")
    number = "".join(ch for ch in folded if ch not in " -ー‐－")  # i18n: not text
    stored = Member._meta.get_field("corporate_number").max_length
    if len(number) > stored:
        raise forms.ValidationError(
            _("法人番号は%(length)s桁です（%(typed)s桁あります）"),
            params={"length": stored, "typed": len(number)},
        )
    return number


def _kind_choices(*kinds: MemberKind):
    from declarations.models import MemberKindChoices

    labels = dict(MemberKindChoices.choices)
    return [(kind.value, labels[kind.value]) for kind in kinds]


class LocalGovernmentRowForm(MemberRowForm):
    """都道府県 or 市区町村, picked from the master data (or typed with its code)."""

    kinds = (MemberKind.MUNICIPALITY.value, MemberKind.PREFECTURE.value)
    kind = forms.ChoiceField(
        label=_("種別"),
        choices=_kind_choices(MemberKind.MUNICIPALITY, MemberKind.PREFECTURE),
        initial=MemberKind.MUNICIPALITY.value,
    )
    lg_code = TextField(
        label=_("全国地方公共団体コード"),
        max_length=Member._meta.get_field("lg_code").max_length,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_lg_code(self):
        return unicodedata.normalize("NFKC", self.cleaned_data["lg_code"]).strip()


class OtherLocalGovernmentRowForm(MemberRowForm):
    """広域連合・一部事務組合: the area is stated as prefectures."""

    kinds = (MemberKind.OTHER_LOCAL_GOVERNMENT.value,)
    area_prefectures = forms.MultipleChoiceField(
        label=_("区域の都道府県"), required=False, widget=forms.CheckboxSelectMultiple
    )


class EconomicOrganizationRowForm(MemberRowForm):
    """経済団体: its main activity area and the multi-industry attestation (第3(3)イ)."""

    kinds = (MemberKind.ECONOMIC_ORGANIZATION.value,)
    activity_prefectures = forms.MultipleChoiceField(
        label=_("主たる活動範囲の都道府県"), required=False, widget=forms.CheckboxSelectMultiple
    )
    multi_industry = forms.BooleanField(
        label=_("構成員（企業・経営者など）が複数の業種にわたる"), required=False
    )
    corporate_number = corporate_number_field()

    def clean_corporate_number(self):
        return _corporate_number(self.cleaned_data["corporate_number"])


class BodyRowForm(MemberRowForm):
    """企業、大学、研究機関、金融機関、その他."""

    kinds = (
        MemberKind.COMPANY.value,
        MemberKind.UNIVERSITY.value,
        MemberKind.RESEARCH_INSTITUTE.value,
        MemberKind.FINANCIAL_INSTITUTION.value,
        MemberKind.OTHER.value,
    )
    kind = forms.ChoiceField(
        label=_("種別"),
        choices=_kind_choices(
            MemberKind.COMPANY,
            MemberKind.UNIVERSITY,
            MemberKind.RESEARCH_INSTITUTE,
            MemberKind.FINANCIAL_INSTITUTION,
            MemberKind.OTHER,
        ),
        initial=MemberKind.COMPANY.value,
    )
    corporate_number = corporate_number_field()

    def clean_corporate_number(self):
        return _corporate_number(self.cleaned_data["corporate_number"])


@dataclass(frozen=True)
class MemberSection:
    prefix: str
    title: str
    form: type[MemberRowForm]
    add_label: str


MEMBER_SECTIONS = (
    MemberSection(
        "lg", _("都道府県・市区町村"), LocalGovernmentRowForm, _("都道府県・市区町村の行を追加")
    ),
    MemberSection(
        "olg",
        _("その他の地方公共団体（広域連合・一部事務組合）"),
        OtherLocalGovernmentRowForm,
        _("その他の地方公共団体を追加"),
    ),
    MemberSection("eco", _("経済団体"), EconomicOrganizationRowForm, _("経済団体を追加")),
    MemberSection(
        "body",
        _("企業・大学・研究機関・金融機関・その他"),
        BodyRowForm,
        _("企業・大学などを追加"),
    ),
)
SECTION_OF_KIND = {kind: section for section in MEMBER_SECTIONS for kind in section.form.kinds}


def member_formset_class(section: MemberSection):
    formset = forms.formset_factory(
        section.form,
        formset=BoundedFormSet,
        extra=0,
        can_delete=True,
        max_num=MEMBERS.most,
        absolute_max=MEMBERS.most,
        validate_max=True,
    )
    formset.default_error_messages = {"too_many_forms": MEMBERS.message()}
    return formset


def member_initial(member: Member) -> dict:
    return {
        "key": member.key,
        "kind": member.kind,
        "name": member.name,
        "lg_code": member.lg_code,
        "area_prefectures": list(member.area_prefectures or []),
        "activity_prefectures": list(member.activity_prefectures or []),
        "multi_industry": member.multi_industry,
        "corporate_number": member.corporate_number,
    }


class DeclarationEditor:
    """The declaration form and its four member formsets, bound or not, as one unit.

    ``add`` is ``(prefix, values)`` for an "add a row" request (``add=<prefix>``) or a pick
    from the master data (``pick=<lg_code>``): that formset gets one more row after the rows
    sent, so that the page re-renders with everything typed plus the new row (no JavaScript
    needed). ``focus`` is then the new row's prefix (``None`` when the section is full).
    A forged management form or a missing field is refused (``staff.forms.bounds``).
    """

    def __init__(self, revision, *, members, fields, prefectures, data=None, add=None):
        add_prefix, add_values = add if add is not None else (None, None)
        self.revision = revision
        self.kind = revision.kind
        self.editable_content = revision.kind != Kind.ABOLISHED
        self.form = DeclarationForm(
            data,
            kind=revision.kind,
            members=members,
            initial=declaration_initial(revision, fields),
        )
        by_section = {section.prefix: [] for section in MEMBER_SECTIONS}
        for member in members:
            section = SECTION_OF_KIND.get(member.kind, MEMBER_SECTIONS[-1])
            by_section[section.prefix].append(member_initial(member))
        self.formsets = []
        if self.editable_content:
            for section in MEMBER_SECTIONS:
                formset = member_formset_class(section)(
                    data,
                    prefix=section.prefix,
                    initial=by_section[section.prefix],
                    form_kwargs={"prefectures": prefectures},
                    add_row=add_values if section.prefix == add_prefix else None,
                )
                formset.section = section
                self.formsets.append(formset)
        # the prefix of the row just added (the page focuses its first field)
        self.focus = next((f.added for f in self.formsets if f.added), None)

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets:
            valid = formset.is_valid() and valid
        if valid and self.editable_content:
            count = sum(1 for _entry in self.member_entries())
            if count > MEMBERS.most:
                self.form.add_error(None, MEMBERS.message(count))
                valid = False
        return valid

    def member_entries(self):
        for formset in self.formsets:
            for row in formset.forms:
                if not row.is_valid() or formset._should_delete_form(row) or row.is_blank():
                    continue
                yield row.entry()

    def draft(self) -> DeclarationDraft:
        data = self.form.cleaned_data
        if not self.editable_content:
            return DeclarationDraft(**self.form.revision_values(), cover=self.form.cover_values())
        fields = [
            FieldEntry(FieldCode(code)) for code, _label in LISTED_FIELDS if code in data["fields"]
        ]
        fields += [FieldEntry(FieldCode.OTHER, text) for text in data["other_fields"]]
        return DeclarationDraft(
            region_name=data["region_name"],
            region_name_kana=data["region_name_kana"],
            area_note=data["area_note"],
            declared_on=data["declared_on"],
            aspiration=data["aspiration"],
            fields=tuple(fields),
            members=tuple(self.member_entries()),
            representative=data["representative"],
            **english_values(data),
            cover=self.form.cover_values(),
            **self.form.revision_values(),
        )

    def row_prefix(self, key: str) -> str | None:
        """The form prefix (``lg-2``) of the row holding member ``key``."""
        if not hasattr(self, "_prefixes"):
            self._prefixes = {}
            for formset in self.formsets:
                for row in formset.forms:
                    self._prefixes.setdefault(str(row["key"].value() or ""), row.prefix)
        return self._prefixes.get(key) if key else None


class AbolitionForm(forms.Form):
    """The start of an abolition (廃止): why, and when the members agreed (協議)."""

    reason = TextField(
        label=_("廃止の理由"),
        required=True,
        max_length=REASON_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consulted_on = DayField(
        label=_("リージョン構成団体における協議の日"),
        help_text=_("廃止は、原則としてリージョン構成団体における協議を経ます。"),
    )
    consultation_body = TextField(
        label=_("協議を行った会議体等"),
        help_text=_("構成団体が協議した会議の名称（例: 中国地域発展推進会議）。"),
    )
