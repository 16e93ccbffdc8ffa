"""Where a finding's bundle JSON path is on the staff pages: the id of its field, or the URL
of another staff page with an anchor.

The path is read once, by ``filing.anchors.parse_path``; this module only knows the ids of
the staff templates (``id_region_name``, ``member-<key>``, ``p-budget`` …). A revision's
own page is ``revision.get_absolute_url()``.
"""

from django.urls import reverse

from filing.anchors import falls_under, parse_path


def with_anchor(url: str, anchor: str = "") -> str:
    return f"{url}#{anchor}" if anchor else url


def revision_url(revision, anchor: str = "") -> str:
    """The staff page of a declaration or vision revision, at ``anchor``."""
    return with_anchor(revision.get_absolute_url(), anchor)


def receipt_url(revision, sequence: int) -> str:
    """The 受付票 of the ``sequence``-th 送付 of a revision (ADR 0094)."""
    return reverse(
        f"staff:{revision.document}_receipt",
        kwargs={"slug": revision.region.slug, "number": revision.number, "sequence": sequence},
    )


def project_url(project, anchor: str = "") -> str:
    revision = project.revision
    url = reverse(
        "staff:project",
        kwargs={"slug": revision.vision.region.slug, "number": revision.number, "pk": project.pk},
    )
    return with_anchor(url, anchor)


# ---------------------------------------------------------------- the declaration page

DECLARATION_ANCHORS = {
    "region.name": "region_name",
    "region.name_en": "region_name_en",
    "region.area_note": "area_note",
    "declaration.aspiration_en": "aspiration_en",
    "region": "region_name",
    "declaration.aspiration": "aspiration",
    "declaration.declared_on": "declared_on",
    "declaration.fields": "fields",
    "declaration.revision.consulted_on": "consulted_on",
    "declaration.revision.consultation_body": "consultation_body",
    "declaration.revision": "consulted_on",
    "declaration.attachments": "attachments",  # the attachment box (ADR 0120)
    "members": "members",
}
# Read-only pages show the revision's facts in one block.
READ_ONLY_ANCHORS = {
    "consulted_on": "revision-info",
    "consultation_body": "revision-info",
    "members": "members",
}
MEMBER_SUBFIELDS = {
    "name",
    "lg_code",
    "multi_industry",
    "activity_prefectures",
    "area_prefectures",
    "corporate_number",
}


def declaration_anchor(path: str, member_keys: list[str], row_prefix=None) -> str:
    """The id, on the declaration page, of what a finding's ``path`` is about.

    ``row_prefix(key)`` gives the member row's form prefix in the edit form (None when the
    page is read-only, whose ids are ``member-<key>``).
    """
    parts = parse_path(path)
    index = parts.row_of("members")
    if index is not None:
        if index >= len(member_keys):
            return "members"
        key = member_keys[index]
        prefix = row_prefix(key) if row_prefix else None
        if prefix is None:
            return f"member-{key}"
        if parts.item in MEMBER_SUBFIELDS:
            return f"id_{prefix}-{parts.item}"
        return f"row-{prefix}"
    if parts.row_of("declaration.fields") is not None:
        return "id_other_fields" if row_prefix else "fields"
    for known in (path, parts.head):
        if known in DECLARATION_ANCHORS:
            anchor = DECLARATION_ANCHORS[known]
            if row_prefix:
                return anchor if anchor in ("members", "attachments") else f"id_{anchor}"
            return READ_ONLY_ANCHORS.get(anchor, anchor)
    return ""


def declaration_href(path: str, member_keys: list[str], row_prefix=None) -> str:
    anchor = declaration_anchor(path, member_keys, row_prefix)
    return "#" + anchor if anchor else ""


# ---------------------------------------------------------------- the vision and project pages

VISION_ANCHORS = {
    "vision.aspiration": "aspiration",
    "vision.aspiration_plan_reference": "aspiration",
    "vision.roadmap": "roadmap",
    "vision.roadmap_plan_reference": "roadmap",
    "vision.verified_on": "verification",
    "vision.revision.consulted_on": "revision-info",
    "vision.revision.consultation_body": "revision-info",
    "vision.revision": "revision-info",
    "vision.attachments": "attachments",  # the attachment box (ADR 0120)
    "vision.projects": "projects",
}
# Item of a project finding's path → the id of its part of the project page.
PROJECT_ANCHORS = {
    "name": "p-name",
    "fields": "p-fields",
    "implementers": "p-implementers",
    "joint_body_of": "p-implementers",
    "plan_references": "p-plans",
    "content": "p-content",
    "budget": "p-budget",
    "effects": "p-effects",
    "period": "p-period",
    "milestones": "p-milestones",
    "targets": "p-targets",
    "other": "p-other",
    "": "p-name",
}
PROJECTS = "vision.projects"


def project_path(index: int) -> str:
    return f"{PROJECTS}[{index}]"


def is_about_project(path: str, index: int) -> bool:
    """Whether a finding's path is the project ``index`` or one of its items."""
    return falls_under(path, project_path(index))


def vision_href(path, *, projects, declaration, members) -> str:
    """Where a finding shown on the vision page points: a field of the vision, a project's
    page, or the declaration's page (its members and fields are the declaration's)."""
    parts = parse_path(path)
    index = parts.row_of(PROJECTS)
    if index is not None:
        if index < len(projects):
            return project_url(projects[index], PROJECT_ANCHORS.get(parts.item, ""))
        return "#projects"
    index = parts.row_of("members")
    if index is not None and declaration is not None:
        key = members[index].key if index < len(members) else ""
        return revision_url(declaration, f"member-{key}" if key else "members")
    if parts.head == "declaration.fields" and declaration is not None:
        return revision_url(declaration, "fields")
    for known in (path, parts.head):
        if known in VISION_ANCHORS:
            return "#" + VISION_ANCHORS[known]
    return ""


def project_href(path: str) -> str:
    """The part of the project page a finding about that project points at."""
    return "#" + PROJECT_ANCHORS.get(parse_path(path).item, "p-name")


# ---------------------------------------------------------------- review comments beside their items


def _section_key(anchor: str) -> str:
    """A template-friendly key for an id (``revision-info`` → ``revision_info``)."""
    return anchor.replace("-", "_")


def declaration_comment_marks(placed: dict, member_keys: list[str]) -> dict:
    """Where the comment threads of a declaration revision (``reviews.selectors.ReviewOnPage.
    placed``: anchor path → threads) are shown on its page: ``members`` by member key,
    ``sections`` by the read-only id of the section (``fields``, ``region_name``,
    ``aspiration``, ``revision_info``, ``members``). The revision as a whole (``""``) is in
    the box at the top."""
    marks: dict = {"members": {}, "sections": {}}
    for path, threads in placed.items():
        if not path:
            continue
        index = parse_path(path).row_of("members")
        if index is not None and index < len(member_keys):
            marks["members"].setdefault(member_keys[index], []).extend(threads)
            continue
        anchor = declaration_anchor(path, member_keys)
        if anchor:
            marks["sections"].setdefault(_section_key(anchor), []).extend(threads)
    return marks


def vision_comment_marks(placed: dict, project_ids: list[int]) -> dict:
    """The same for a vision revision: ``projects`` by project pk, ``sections`` by id
    (``aspiration``, ``roadmap``, ``verification``, ``revision_info``, ``projects``)."""
    marks: dict = {"projects": {}, "sections": {}}
    for path, threads in placed.items():
        if not path:
            continue
        parts = parse_path(path)
        index = parts.row_of(PROJECTS)
        if index is not None and index < len(project_ids):
            marks["projects"].setdefault(project_ids[index], []).extend(threads)
            continue
        anchor = VISION_ANCHORS.get(path) or VISION_ANCHORS.get(parts.head, "")
        if anchor:
            marks["sections"].setdefault(_section_key(anchor), []).extend(threads)
    return marks


def marked_threads(marks: dict) -> set[int]:
    """The pks of the threads that ``marks`` shows beside an item."""
    return {
        thread.root.pk
        for group in marks.values()
        for threads in group.values()
        for thread in threads
    }
