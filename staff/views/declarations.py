"""Staff pages of the declaration (連携宣言書): create, edit the draft, submit, change, abolish.

Every view is thin: it checks access (``accounts.access``), binds the forms, calls one
service, and renders. The helpers at the top (the 要綱 checklist, the submit panel,
re-rendering a bound form after "add a row") are shared with the vision and project pages.
"""

import logging
import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import editor_required, staff_required
from declarations.lifecycle import FrozenRevisionError
from declarations.models import DeclarationRevision, Prefecture
from declarations.selectors import municipality_search
from declarations.services import (
    DraftConflict,
    RevisionNotStarted,
    TransitionNotAllowed,
    declaration_create,
    declaration_draft_save,
    declaration_start_abolition,
    declaration_start_change,
)
from documents.render import PdfError
from filing.findings import Finding
from filing.master import BLOCKS, block_of, normalize_kana
from staff.forms.declarations import MEMBER_SECTIONS, DeclarationEditor, clean_text, with_row
from workflow.adapter import declaration_revision_loaded
from workflow.verbs import SubmissionRefused, revision_findings, revision_reopen, revision_submit

SEARCH_LIMIT = 50
MAX_QUERY = 40

# ---------------------------------------------------------------- the 要綱 checklist

CLAUSE_TITLES = {
    "第2": _("第2 広域リージョン連携（複数のプロジェクト）"),
    "第3": _("第3 広域リージョン連携宣言"),
    "第4": _("第4 広域リージョン連携ビジョン"),
}


@dataclass
class ChecklistItem:
    finding: Finding
    href: str = ""  # where the field is: "#id_region_name" or another page's URL with an anchor

    @property
    def ack_value(self) -> str:
        return f"{self.finding.code}|{self.finding.path}"


@dataclass
class ChecklistGroup:
    clause: str
    title: str
    items: list[ChecklistItem] = field(default_factory=list)


@dataclass
class Checklist:
    groups: list[ChecklistGroup]
    errors: int
    warnings: int

    @property
    def warning_items(self) -> list[ChecklistItem]:
        return [i for g in self.groups for i in g.items if not i.finding.is_error]

    @property
    def is_clear(self) -> bool:
        return not self.errors and not self.warnings


logger = logging.getLogger(__name__)


def top_clause(finding: Finding) -> str:
    """第2, 第3 or 第4: the top clause a finding is listed under. A rule of two clauses
    (change.consultation, 第3(5) and 第4(3)) goes where its path is: 第4 for the vision."""
    clauses = re.findall(r"第\d+", finding.clause)
    if not clauses:
        return finding.clause
    if finding.path.startswith("vision") and "第4" in clauses:
        return "第4"
    return clauses[0]


def checklist(findings, href_of) -> Checklist:
    """The findings grouped by their top clause (第2, 第3, 第4), each with a link to its field."""
    groups: dict[str, ChecklistGroup] = {}
    for finding in findings:
        clause = top_clause(finding)
        group = groups.setdefault(clause, ChecklistGroup(clause, CLAUSE_TITLES.get(clause, clause)))
        group.items.append(ChecklistItem(finding, href_of(finding.path) or ""))
    ordered = sorted(groups.values(), key=lambda g: int(re.sub(r"\D", "", g.clause) or 0))
    errors = sum(1 for f in findings if f.is_error)
    return Checklist(ordered, errors, len(findings) - errors)


_MEMBER_PATH = re.compile(r"\Amembers\[(\d+)\](?:\.(\w+))?")

DECLARATION_ANCHORS = {
    "region.name": "region_name",
    "region.area_note": "area_note",
    "region": "region_name",
    "declaration.aspiration": "aspiration",
    "declaration.declared_on": "declared_on",
    "declaration.fields": "fields",
    "declaration.revision.consulted_on": "consulted_on",
    "declaration.revision": "consulted_on",
    "members": "members",
}
# Read-only pages show the revision's facts in one block.
READ_ONLY_ANCHORS = {
    "consulted_on": "revision-info",
    "members": "members",
}
MEMBER_SUBFIELDS = {"name", "lg_code", "multi_industry", "activity_prefectures", "area_prefectures"}


def declaration_anchor(path: str, member_keys: list[str], row_prefix=None) -> str:
    """The id, on the declaration page, of what a finding's ``path`` is about.

    ``row_prefix(key)`` gives the member row's form prefix in the edit form (None when the
    page is read-only, whose ids are ``member-<key>``).
    """
    match = _MEMBER_PATH.match(path)
    if match:
        index, sub = int(match.group(1)), match.group(2)
        if index >= len(member_keys):
            return "members"
        key = member_keys[index]
        prefix = row_prefix(key) if row_prefix else None
        if prefix is None:
            return f"member-{key}"
        if sub in MEMBER_SUBFIELDS:
            return f"id_{prefix}-{sub}"
        return f"row-{prefix}"
    if path.startswith("declaration.fields["):
        return "id_other_fields" if row_prefix else "fields"
    for known in (path, path.split("[")[0]):
        if known in DECLARATION_ANCHORS:
            anchor = DECLARATION_ANCHORS[known]
            if row_prefix:
                return anchor if anchor == "members" else f"id_{anchor}"
            return READ_ONLY_ANCHORS.get(anchor, anchor)
    return ""


# ---------------------------------------------------------------- the submit panel


def acknowledged_warnings(post) -> set[tuple[str, str]]:
    pairs = set()
    for value in post.getlist("acknowledge"):
        code, sep, path = str(value).partition("|")
        if sep:
            pairs.add((code, path))
    return pairs


def submit_revision(request, revision, *, document_label: str) -> None:
    """送付 from a staff page: the version the editor saw, every warning acknowledged."""
    if str(revision.version) != request.POST.get("version", ""):
        messages.error(
            request,
            _(
                "送付の前に、この版が保存し直されました。チェックリストを確かめてから、もう一度送付してください。"
            ),
        )
        return
    try:
        revision_submit(
            revision=revision, actor=request.user, acknowledged=acknowledged_warnings(request.POST)
        )
    except SubmissionRefused as refused:
        errors = sum(1 for f in refused.findings if f.is_error)
        if errors:
            message = _("エラーが %(count)d 件残っているため送付できません。") % {"count": errors}
        else:
            message = _(
                "確認していない警告が %(count)d 件あります。警告をすべて確認してから送付してください。"
            ) % {"count": len(refused.findings)}
        messages.error(request, message)
    except (TransitionNotAllowed, FrozenRevisionError) as error:
        messages.error(request, str(error))
    except PdfError:
        # The submission rolled back with the PDF: nothing was sent and nothing is frozen.
        logger.exception("PDF could not be made while submitting %s", revision)
        messages.error(
            request,
            _(
                "送付文書（PDF）を作成できなかったため、送付していません。時間をおいてもう一度送付してください。"
            ),
        )
    else:
        messages.success(
            request,
            _("%(document)s 第%(number)d版を総務省へ送付しました。審査担当にメールで通知しました。")
            % {"document": document_label, "number": revision.number},
        )


def reopen_revision(request, revision) -> None:
    try:
        revision_reopen(revision=revision, actor=request.user)
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("差し戻された版の編集を再開しました。直してから、もう一度送付してください。")
        )


def not_started(request, error: RevisionNotStarted) -> None:
    messages.error(request, str(error))


# ---------------------------------------------------------------- master data search


def prefecture_choices():
    """(code, name) of the 47 prefectures, and the 地方 blocks [(block name, [codes])]."""
    rows = list(Prefecture.objects.order_by("code").values_list("code", "name"))
    blocks = {slug: (name, []) for slug, name, _numbers in BLOCKS}
    for code, _name in rows:
        blocks[block_of(code)[0]][1].append(code)
    return rows, list(blocks.values())


@dataclass
class SearchResults:
    query: str
    prefectures: list
    groups: list  # [(prefecture name, [municipality, …])]

    @property
    def count(self) -> int:
        return len(self.prefectures) + sum(len(items) for _name, items in self.groups)


def master_search(query: str) -> SearchResults | None:
    """Prefectures and municipalities whose name or よみがな contains ``query``, grouped by prefecture."""
    query = clean_text(query or "").strip()[:MAX_QUERY]
    if not query:
        return None
    text = normalize_kana(query)
    prefectures = [
        p for p in Prefecture.objects.order_by("code") if text in p.name or text in p.kana
    ]
    groups: dict[str, list] = {}
    for municipality in municipality_search(query, limit=SEARCH_LIMIT):
        groups.setdefault(municipality.prefecture.name, []).append(municipality)
    return SearchResults(query, prefectures, list(groups.items()))


def picked_codes(post) -> set[str]:
    """The codes of the local-government rows in a posted form (rows marked for deletion aside)."""
    codes = set()
    for name, value in post.items():
        match = re.fullmatch(r"lg-(\d{1,3})-lg_code", name)
        if match and value and not post.get(f"lg-{match.group(1)}-DELETE"):
            codes.add(value.strip())
    return codes


def master_pick(value: str) -> dict | None:
    """The new member row for a picked master entry ("pref:340006" or a municipality code)."""
    from declarations.models import Municipality

    value = str(value or "")
    if value.startswith("pref:"):
        prefecture = Prefecture.objects.filter(lg_code=value[5:]).first()
        if prefecture is None:
            return None
        return {"kind": "prefecture", "name": prefecture.name, "lg_code": prefecture.lg_code}
    municipality = Municipality.objects.filter(lg_code=value).first()
    if municipality is None:
        return None
    return {"kind": "municipality", "name": municipality.name, "lg_code": municipality.lg_code}


@require_GET
@staff_required
def municipality_search_view(request, slug, number):
    """The search results as an htmx partial (the buttons post the declaration form)."""
    revision = _revision(request.staff_region, number)
    results = master_search(request.GET.get("q", ""))
    return render(
        request,
        "staff/includes/master_results.html",
        {
            "results": results,
            "picked_codes": set(revision.members.values_list("lg_code", flat=True)),
            "can_pick": request.staff_role.can_edit and revision.is_editable,
            "post_url": declaration_url(revision),
        },
    )


# ---------------------------------------------------------------- the declaration pages


def _revision(region, number) -> DeclarationRevision:
    return get_object_or_404(
        DeclarationRevision.objects.select_related("declaration__region"),
        declaration__region=region,
        number=number,
    )


def declaration_url(revision, anchor: str = "") -> str:
    url = reverse(
        "staff:declaration",
        kwargs={"slug": revision.declaration.region.slug, "number": revision.number},
    )
    return f"{url}#{anchor}" if anchor else url


def _render_declaration(request, revision, *, editor=None, conflict=None, results=None, status=200):
    region = request.staff_region
    loaded = declaration_revision_loaded(revision.pk)
    members = list(loaded.members.all())
    fields = list(loaded.fields.all())
    can_edit = request.staff_role.can_edit and revision.is_editable
    prefectures, blocks = prefecture_choices()
    if can_edit and editor is None:
        editor = DeclarationEditor(loaded, members=members, fields=fields, prefectures=prefectures)
    findings = revision_findings(loaded)
    keys = [m.key for m in members]
    row_prefix = editor.row_prefix if editor is not None and editor.editable_content else None
    items = checklist(
        findings,
        lambda path: "#" + a if (a := declaration_anchor(path, keys, row_prefix)) else "",
    )
    if results is None and request.method == "GET":
        results = master_search(request.GET.get("q", ""))
    prefecture_names = dict(prefectures)
    if editor is not None and editor.editable_content:
        picked = {str(row["lg_code"].value() or "") for row in editor.formsets[0].forms}
    else:
        picked = {m.lg_code for m in members}
    context = {
        "region_title": loaded.region_name,
        "crumbs": [{"label": _("連携宣言書 第%(number)d版") % {"number": loaded.number}}],
        "picked_codes": picked - {""},
        "region": region,
        "role": request.staff_role,
        "revision": loaded,
        "members": members,
        "fields": fields,
        "can_edit": can_edit,
        "editor": editor,
        "conflict": conflict,
        "checklist": items,
        "results": results,
        "query": results.query if results else request.POST.get("q", ""),
        "prefecture_names": prefecture_names,
        "prefecture_blocks": blocks,
        "area": sorted(
            {
                p
                for m in members
                for p in _member_prefectures(m, prefecture_names)
                if m.kind in ("prefecture", "municipality", "other_local_government")
            }
        ),
        "version": conflict.version
        if conflict
        else (
            request.POST.get("version")
            if editor is not None and editor.is_bound
            else loaded.version
        ),
    }
    return render(request, "staff/declaration.html", context, status=status)


def _member_prefectures(member, names) -> list[str]:
    if member.kind == "other_local_government":
        return list(member.area_prefectures or [])
    code = member.lg_code or ""
    if member.kind in ("prefecture", "municipality") and len(code) == 6 and code[:2] in names:
        return [code[:2]]
    return []


@staff_required
def declaration_detail(request, slug, number):
    """The declaration revision: the edit form while it is a draft (for an editor), read-only
    otherwise; the 要綱 checklist beside it, refreshed on every save."""
    revision = _revision(request.staff_region, number)
    if request.method != "POST":
        return _render_declaration(request, revision)
    if not revision.is_editable:
        messages.error(request, str(FrozenRevisionError(revision)))
        return redirect(declaration_url(revision))
    prefectures, _blocks = prefecture_choices()
    loaded = declaration_revision_loaded(revision.pk)
    members, fields = list(loaded.members.all()), list(loaded.fields.all())

    def bind(data):
        return DeclarationEditor(
            loaded, members=members, fields=fields, prefectures=prefectures, data=data
        )

    post = request.POST
    if "add" in post or "pick" in post:
        data, row = None, None
        if "pick" in post:
            values = master_pick(post["pick"])
            if values is not None and values["lg_code"] in picked_codes(post):
                messages.info(request, _("%(name)s はすでに追加されています。") % values)
                data = post
            elif values is not None:
                data, row = with_row(post, "lg", values)
        elif post["add"] in {section.prefix for section in MEMBER_SECTIONS}:
            data, row = with_row(post, post["add"])
        if data is None:
            messages.error(request, _("行を追加できませんでした。ページを開き直してください。"))
            data = post
        editor = bind(data)
        editor.focus = row
        return _render_declaration(
            request, loaded, editor=editor, results=master_search(post.get("q", ""))
        )
    if "search" in post:
        return _render_declaration(
            request, loaded, editor=bind(post), results=master_search(post.get("q", ""))
        )
    editor = bind(post)
    if not editor.is_valid():
        messages.error(
            request,
            _(
                "入力に誤りがあるため保存していません。エラーの欄を直してから、もう一度保存してください。"
            ),
        )
        return _render_declaration(request, loaded, editor=editor)
    try:
        declaration_draft_save(
            revision=loaded, version=post.get("version"), draft=editor.draft(), actor=request.user
        )
    except DraftConflict:
        stored = declaration_revision_loaded(revision.pk)
        messages.error(
            request,
            _(
                "この下書きは、あなたが開いた後に別の人が保存しました。あなたの入力はまだ保存していません。"
                "右に示す保存済みの内容と見比べ、必要なら直してから、もう一度保存してください（もう一度保存すると、あなたの入力で上書きします）。"
            ),
        )
        return _render_declaration(request, loaded, editor=editor, conflict=stored)
    except FrozenRevisionError as error:
        messages.error(request, str(error))
        return redirect(declaration_url(revision))
    except IntegrityError:
        messages.error(
            request, _("保存できませんでした。ページを開き直して、もう一度保存してください。")
        )
        return _render_declaration(request, loaded, editor=editor)
    messages.success(request, _("下書きを保存しました。チェックリストを更新しました。"))
    url = declaration_url(revision)
    query = clean_text(post.get("q", "")).strip()[:MAX_QUERY]
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode({"q": query}) + "#master-search"
    return HttpResponseRedirect(url)


@require_POST
@editor_required
def declaration_new(request, slug):
    """連携宣言書を作成する: revision 1, a draft of an established declaration."""
    try:
        revision = declaration_create(region=request.staff_region, actor=request.user)
    except (RevisionNotStarted, IntegrityError) as error:
        messages.error(
            request,
            str(error)
            if isinstance(error, RevisionNotStarted)
            else _("連携宣言書はすでに作成されています。"),
        )
        return redirect("staff:region", slug=slug)
    messages.success(request, _("連携宣言書 第1版の作成を始めました。"))
    return redirect(declaration_url(revision))


@require_POST
@editor_required
def declaration_submit(request, slug, number):
    revision = _revision(request.staff_region, number)
    submit_revision(request, revision, document_label=_("連携宣言書"))
    return redirect(declaration_url(revision, "submit"))


@require_POST
@editor_required
def declaration_reopen(request, slug, number):
    revision = _revision(request.staff_region, number)
    reopen_revision(request, revision)
    return redirect(declaration_url(revision))


def start_revision(request, slug, start, *, success, url_for):
    """Run a service that starts a new draft revision (change, abolition); a refusal or a
    race with another editor becomes a message on the region page."""
    try:
        revision = start()
    except RevisionNotStarted as error:
        not_started(request, error)
        return redirect("staff:region", slug=slug)
    except IntegrityError:
        messages.error(
            request, _("ほかの人が同時に新しい版を作成しました。ページを開き直してください。")
        )
        return redirect("staff:region", slug=slug)
    messages.success(request, success % {"number": revision.number})
    return redirect(url_for(revision))


def abolition_page(
    request, slug, *, start_abolition, document, revision_title, clause, url_name, url_for
):
    """廃止 of a declaration or a vision: the reason and the 協議 date, then a draft to submit."""
    from staff.forms.declarations import AbolitionForm

    form = AbolitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return start_revision(
            request,
            slug,
            lambda: start_abolition(
                region=request.staff_region,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                consulted_on=form.cleaned_data["consulted_on"],
            ),
            success=_(
                "%(title)s 第%%(number)d版（廃止）を作成しました。内容を確かめて送付してください。"
            )
            % {"title": revision_title},
            url_for=url_for,
        )
    return render(
        request,
        "staff/abolish.html",
        {
            "region": request.staff_region,
            "form": form,
            "document": document,
            "clause": clause,
            "crumbs": [{"label": _("%(document)sの廃止") % {"document": document}}],
            "action": reverse(url_name, kwargs={"slug": slug}),
        },
    )


@require_POST
@editor_required
def declaration_change(request, slug):
    """連携宣言の変更: a new draft pre-filled from the latest published revision."""
    return start_revision(
        request,
        slug,
        lambda: declaration_start_change(region=request.staff_region, actor=request.user),
        success=_("公表中の版をもとに、連携宣言書 第%(number)d版（変更）を作成しました。"),
        url_for=declaration_url,
    )


@editor_required
def declaration_abolish(request, slug):
    """連携宣言の廃止."""
    return abolition_page(
        request,
        slug,
        start_abolition=declaration_start_abolition,
        document=_("連携宣言"),
        revision_title=_("連携宣言書"),
        clause="第3(5)",
        url_name="staff:declaration_abolish",
        url_for=declaration_url,
    )
