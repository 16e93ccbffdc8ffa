"""The vision form of the staff UI (第4(2)①②, 第4(3)): lenient like every draft form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import Kind
from staff.forms.bounds import CompleteForm
from staff.forms.cover import CoverFieldsMixin
from staff.forms.declarations import (
    SHORT_TEXT,
    DayField,
    RevisionInfoMixin,
    TextField,
    long_text,
    revision_initial,
)
from visions.models import VisionRevision
from visions.services import VisionDraft

PLAN_PARTS = ("plan", "section", "note")

# The two forms that cite 広域地方計画等 (this one and the project form) say the same.
PLAN_NEEDED = _("参照箇所や備考を書くときは、計画の名称も入力してください。")
SECTION_NEEDED = _(
    "計画の参照箇所（章・節など）も入力してください。計画の名称だけでは参照箇所になりません"
    "（要綱 第4(2)）。"
)


def plan_reference_errors(plan: str, section: str, note: str) -> dict[str, str]:
    """The part of a citation to mark and why: a plan without its passage (第4(2) なお書き
    「参照箇所」, ③ウ「関連する箇所」, as the rules read it), or a passage without its plan."""
    if not plan and (section or note):
        return {"plan": PLAN_NEEDED}
    if plan and not section:
        return {"section": SECTION_NEEDED}
    return {}


def plan_reference_fields(prefix: str) -> dict:
    """The three parts of a citation of 広域地方計画等 in place of a text (第4(2) なお書き)."""
    return {
        f"{prefix}_plan": TextField(
            label=_("計画の名称"),
            max_length=SHORT_TEXT,
            help_text=_("例: 東北圏広域地方計画、北海道総合開発計画、沖縄振興計画"),
        ),
        f"{prefix}_section": TextField(label=_("参照箇所"), max_length=SHORT_TEXT),
        f"{prefix}_note": TextField(label=_("備考"), max_length=SHORT_TEXT),
    }


def plan_reference_initial(prefix: str, reference) -> dict:
    reference = reference if isinstance(reference, dict) else {}
    return {f"{prefix}_{part}": str(reference.get(part) or "") for part in PLAN_PARTS}


class VisionForm(RevisionInfoMixin, CoverFieldsMixin, CompleteForm):
    aspiration = long_text(
        _("目指すべき姿（中長期的な将来像）"),
        help_text=_(
            "広域地方計画等に記載があれば、下の「計画の記載で代える」にその箇所を書くこともできます。"
        ),
    )
    roadmap = long_text(
        _("ロードマップの概要"),
        help_text=_(
            "プロジェクトごとの時期と目標は、各プロジェクトの「マイルストーン」に書きます。"
        ),
    )
    verified_on = DayField(label=_("検証した日"))
    verification_note = long_text(_("検証の内容"))

    def __init__(self, *args, kind: str = Kind.ESTABLISHED, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == Kind.ABOLISHED:
            self.fields.clear()
        else:
            self.fields.update(plan_reference_fields("aspiration"))
            self.fields.update(plan_reference_fields("roadmap"))
        self.add_revision_fields(kind, establishment_consultation=True)
        self.add_cover_fields()
        self.kind = kind

    def clean(self):
        data = super().clean()
        for prefix in ("aspiration", "roadmap"):
            if f"{prefix}_plan" not in self.fields:
                continue
            parts = (data.get(f"{prefix}_{part}", "") for part in PLAN_PARTS)
            for part, message in plan_reference_errors(*parts).items():
                self.add_error(f"{prefix}_{part}", message)
        return data

    def plan_reference(self, prefix: str) -> dict | None:
        values = {part: self.cleaned_data.get(f"{prefix}_{part}", "") for part in PLAN_PARTS}
        return values if values["plan"] else None

    def draft(self) -> VisionDraft:
        data = self.cleaned_data
        if self.kind == Kind.ABOLISHED:
            return VisionDraft(**self.revision_values(), cover=self.cover_values())
        return VisionDraft(
            aspiration=data["aspiration"],
            aspiration_plan_reference=self.plan_reference("aspiration"),
            roadmap=data["roadmap"],
            roadmap_plan_reference=self.plan_reference("roadmap"),
            verified_on=data["verified_on"],
            verification_note=data["verification_note"],
            cover=self.cover_values(),
            **self.revision_values(),
        )


def vision_initial(revision: VisionRevision) -> dict:
    return {
        "aspiration": revision.aspiration,
        "roadmap": revision.roadmap,
        "verified_on": revision.verified_on,
        "verification_note": revision.verification_note,
        **plan_reference_initial("aspiration", revision.aspiration_plan_reference),
        **plan_reference_initial("roadmap", revision.roadmap_plan_reference),
        **revision_initial(revision),
    }


class BundleUploadForm(forms.Form):
    """A region bundle (JSON) to import as new draft revisions."""

    bundle = forms.FileField(
        label=_("リージョン・バンドル（JSON ファイル、5 MB まで）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
