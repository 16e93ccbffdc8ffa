"""Staff pages of the declaration (連携宣言書): the edit form of a draft (members picked
from the master data of prefectures and municipalities), or the revision read-only, with
the 要綱 checklist. Starting, submitting, reopening, changing and abolishing are
``staff.views.verbs``.

Every view is thin: it checks access (``accounts.access``), binds the forms, calls one
service, and renders.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import editor_required, staff_required
from declarations.lifecycle import FrozenRevisionError
from declarations.models import Municipality, Prefecture
from declarations.selectors import municipality_search
from filing.master import normalize_kana, picker_blocks
from filing.text import scrub
from staff.anchors import declaration_href, revision_url
from staff.forms.declarations import MEMBER_SECTIONS, DeclarationEditor
from staff.views import saving
from staff.views.checklist import checklist
from staff.views.hints import vision_hint
from staff.views.receipts import submissions_context
from staff.views.review_box import declaration_review_context
from staff.views.verbs import document_revision, submit_saved
from web.language import in_language_of_record
from workflow.adapter import declaration_revision_loaded
from workflow.drafts import declaration_draft_save
from workflow.verbs import revision_findings

SEARCH_LIMIT = 50
MAX_QUERY = 40

# ---------------------------------------------------------------- master data search


def prefecture_choices():
    """(code, name) of the 47 prefectures, and the picker's 地方 blocks (``PickerBlock``:
    三重県 under 中部, a pointer under 近畿; ADR 0096). On an English page the names are the
    prefectures' English names (master data, ADR 0128)."""
    english = not in_language_of_record()
    rows = [
        (code, (name_en or name) if english else name)
        for code, name, name_en in Prefecture.objects.order_by("code").values_list(
            "code", "name", "name_en"
        )
    ]
    return rows, picker_blocks(code for code, _name in rows)


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
    query = scrub(query or "", multiline=False).strip()[:MAX_QUERY]
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
    revision = document_revision(request.staff_region, "declaration", number)
    results = master_search(request.GET.get("q", ""))
    return render(
        request,
        "staff/includes/master_results.html",
        {
            "results": results,
            "picked_codes": set(revision.members.values_list("lg_code", flat=True)),
            "can_pick": request.staff_role.can_edit and revision.is_editable,
            "post_url": revision_url(revision),
        },
    )


# ---------------------------------------------------------------- the declaration pages


def declaration_form(request, revision) -> saving.Draft:
    """The declaration form as ``staff.views.saving`` saves it: bound on the stored draft as
    read at each call (after a conflict, the other editor's save is the stored one)."""
    model = type(revision)

    def editor_for(data):
        loaded = declaration_revision_loaded(revision.pk)
        members, fields = list(loaded.members.all()), list(loaded.fields.all())
        prefectures, _blocks = prefecture_choices()
        return DeclarationEditor(
            loaded, members=members, fields=fields, prefectures=prefectures, data=data
        )

    def save(editor, version):
        declaration_draft_save(
            revision=editor.revision, version=version, draft=editor.draft(), actor=request.user
        )

    return saving.Draft(
        scope=f"declaration:{revision.pk}",
        editor_for=editor_for,
        save=save,
        current_version=lambda: model.objects.values_list("version", flat=True).get(pk=revision.pk),
    )


def _render_declaration(request, revision, *, editor=None, outcome=None, results=None, status=200):
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
    items = checklist(findings, lambda path: declaration_href(path, keys, row_prefix))
    if results is None and request.method == "GET":
        results = master_search(request.GET.get("q", ""))
    prefecture_names = dict(prefectures)
    if editor is not None and editor.editable_content:
        picked = {str(row["lg_code"].value() or "") for row in editor.formsets[0].forms}
    else:
        picked = {m.lg_code for m in members}
    context = {
        "crumbs": [{"label": _("連携宣言書 第%(number)d版") % {"number": loaded.number}}],
        "picked_codes": picked - {""},
        "region": region,
        "role": request.staff_role,
        "revision": loaded,
        "post_url": revision_url(loaded),
        "members": members,
        "fields": fields,
        "can_edit": can_edit,
        "editor": editor,
        "conflict": outcome if outcome is not None and outcome.conflicted else None,
        "merge": outcome if outcome is not None and outcome.conflicts else None,
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
        "version": outcome.version
        if outcome is not None
        else (
            request.POST.get("version")
            if editor is not None and editor.is_bound
            else loaded.version
        ),
        **submissions_context(loaded),
        **declaration_review_context(loaded, members),
        "vision_hint": vision_hint(loaded, members),
    }
    context["base"] = saving.page_base(
        request, declaration_form(request, loaded), editor, context["version"], outcome
    )
    context["autosave_url"] = reverse(
        "staff:declaration_autosave", kwargs={"slug": region.slug, "number": loaded.number}
    )
    return render(request, "staff/declaration.html", context, status=status)


def _member_prefectures(member, names) -> list[str]:
    if member.kind == "other_local_government":
        return list(member.area_prefectures or [])
    code = member.lg_code or ""
    if member.kind in ("prefecture", "municipality") and len(code) == 6 and code[:2] in names:
        return [code[:2]]
    return []


@require_POST
@editor_required
def declaration_autosave(request, slug, number):
    """The autosave of the declaration form (JSON, ``staff.views.saving.autosave``)."""
    revision = document_revision(request.staff_region, "declaration", number)
    return saving.autosave(request, declaration_form(request, revision))


@staff_required
def declaration_detail(request, slug, number):
    """The declaration revision: the edit form while it is a draft (for an editor), read-only
    otherwise; the 要綱 checklist beside it, refreshed on every save."""
    revision = document_revision(request.staff_region, "declaration", number)
    if request.method != "POST":
        return _render_declaration(request, revision)
    if not revision.is_editable:
        messages.error(request, str(FrozenRevisionError(revision)))
        return redirect(revision_url(revision))
    prefectures, _blocks = prefecture_choices()
    loaded = declaration_revision_loaded(revision.pk)
    members, fields = list(loaded.members.all()), list(loaded.fields.all())

    def bind(data, add=None):
        return DeclarationEditor(
            loaded, members=members, fields=fields, prefectures=prefectures, data=data, add=add
        )

    post = request.POST
    if "add" in post or "pick" in post:
        add, known = None, False
        if "pick" in post:
            values = master_pick(post["pick"])
            if values is not None and values["lg_code"] in picked_codes(post):
                messages.info(request, _("%(name)s はすでに追加されています。") % values)
                known = True
            elif values is not None:
                add = ("lg", values)
        elif post["add"] in {section.prefix for section in MEMBER_SECTIONS}:
            add = (post["add"], {})
        editor = bind(post, add)
        if not known:
            asked = add is not None and editor.editable_content
            saving.row_not_added(request, asked=asked, added=editor.focus)
        return _render_declaration(
            request, loaded, editor=editor, results=master_search(post.get("q", ""))
        )
    if "search" in post:
        return _render_declaration(
            request, loaded, editor=bind(post), results=master_search(post.get("q", ""))
        )
    try:
        outcome = saving.save_draft(request, declaration_form(request, loaded))
    except FrozenRevisionError as error:
        messages.error(request, str(error))
        return redirect(revision_url(revision))
    except IntegrityError:
        saving.not_saved_integrity(request)
        return _render_declaration(request, loaded, editor=bind(post))
    if not outcome.saved:
        saving.told(request, outcome)
        saving.not_submitted(request, asked="submit_draft" in post)
        return _render_declaration(request, loaded, editor=outcome.editor, outcome=outcome)
    saving.draft_saved(request)
    saving.told(request, outcome)
    if "submit_draft" in post:  # 送付 saves what was typed first (ADR 0095)
        return redirect(
            submit_saved(request, document_revision(request.staff_region, "declaration", number))
        )
    url = revision_url(revision)
    query = scrub(post.get("q", ""), multiline=False).strip()[:MAX_QUERY]
    if query:
        # the results stay listed, but the page opens at the top, where the message is
        # (no #master-search: the saved message was off-screen, ADR 0096)
        url += "?" + urlencode({"q": query})
    return HttpResponseRedirect(url)
