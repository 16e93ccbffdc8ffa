"""Every staff URL, walked as anonymous, as staff of another region, as a viewer and as an editor.

The patterns come from the resolver (``get_resolver()``, recursively through every
``include``): a new view under /staff/ is picked up without touching this file. Path
parameters are filled from two fully built regions (``World``): ``slug`` is the region,
other parameters are objects of that region found by the parameter's name or, for a plain
``pk``/``id``, by the path segment in front of it (``projects/<int:pk>/`` → a project).
A parameter this file cannot fill FAILS its pattern with a message saying where to add it.

The convention (accounts/access.py): every view under /staff/<slug>/ is decorated with
``@staff_required`` (a read page: any role may GET; POST and other methods need an editor)
or ``@editor_required`` (an edit endpoint: every method needs an editor). A view with
neither fails here.

What is checked, for GET and POST:
- anonymous → redirect to the log-in page (with ``next``);
- an editor of ANOTHER region → 404, and nothing changes;
- a viewer → 200 on read pages (GET), 404 on edit endpoints and on every POST, nothing changes;
- an editor → 200/302 (405 for a GET on a POST-only endpoint), never 403/404/5xx;
- an editor of the region with the IDs of another region's objects → 404, nothing changes.

A view that allows only POST (or only GET) may answer the other method with 405 to
everybody, before it looks at the user (``@require_POST`` outside the access decorator):
that 405 says nothing about the region, and the walk checks that a region that does not
exist gets the same 405.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

import staff.views.dashboard as dashboard_views
from accounts.access import STAFF_ACCESS_EDIT, STAFF_ACCESS_READ, staff_access
from accounts.models import RegionRole
from declarations.lifecycle import Status
from declarations.services import revision_transition
from filing.bundle import read_bundle_file
from reports.services import verification_create
from reviews.models import Comment
from reviews.services import submission_record
from tests.factories import UserFactory
from tests.prebuilt import restored
from workflow.adapter import filing_import

pytestmark = pytest.mark.django_db

BUNDLE = Path(__file__).resolve().parent / "data" / "bundles" / "valid_region.json"
STAFF_PREFIX = "staff/"
LOGIN_URL = "/accounts/login/"


# ---------------------------------------------------------------- the URL patterns


@dataclass(frozen=True)
class StaffPattern:
    route: str  # "staff/<slug:slug>/projects/<int:pk>/"
    name: str  # "staff:project_edit" ("" when the pattern has no name)
    callback: object
    is_regex: bool

    @property
    def parameters(self) -> list[str]:
        return re.findall(r"<(?:[^>:]+:)?([^>]+)>", self.route)

    def __str__(self):
        return self.route


def _walk(patterns, prefix="", namespace="", is_regex=False):
    for entry in patterns:
        pattern = entry.pattern
        regex = is_regex or isinstance(pattern, RegexPattern)
        text = str(pattern) if isinstance(pattern, RoutePattern | RegexPattern) else ""
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(entry.url_patterns, prefix + text, inner, regex)
        elif isinstance(entry, URLPattern):
            name = ":".join(part for part in (namespace, entry.name) if part) if entry.name else ""
            yield StaffPattern(prefix + text, name, entry.callback, regex)


def staff_patterns() -> list[StaffPattern]:
    """Every URL pattern whose path starts with /staff/, from the project's resolver."""
    return [p for p in _walk(get_resolver().url_patterns) if p.route.startswith(STAFF_PREFIX)]


def region_patterns() -> list[StaffPattern]:
    """The staff patterns of one region (all but the dashboard)."""
    return [p for p in staff_patterns() if p.callback is not dashboard_views.dashboard]


# ---------------------------------------------------------------- two regions full of objects


@dataclass
class World:
    region: object
    declaration_published: object
    vision_published: object
    declaration: object  # the draft (a change after the published revision)
    vision: object  # the draft
    member: object
    field: object
    project: object
    implementer: object
    budget_line: object
    milestone: object
    plan_reference: object
    comment: object  # a reviewer's thread on the published declaration
    vision_comment: object  # a reviewer's thread on the published vision
    verification: object = None  # a draft 検証 record of the published vision (ADR 0105)
    result: object = None  # a draft 実績 with an evidence file (ADR 0108, 0109)
    advice: object = None  # a 事前相談 on the draft declaration (ADR 0116)
    support_request: object = None  # a draft request for new support measures (ADR 0116)
    attachment: object = None  # an attachment of the draft declaration (ADR 0118)


def _stored_pdf(revision) -> None:
    """A stand-in for the PDF frozen at 送付 (rendering the real one takes seconds): what the
    receipt's download reads back and checks against its SHA-256."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from documents.models import FrozenDocument

    data = b"%PDF-1.4\n% stand-in\n%%EOF\n"
    name = default_storage.save(f"documents/test/{revision.pk}.pdf", ContentFile(data))
    FrozenDocument.objects.create(
        region=revision.region,
        document=revision.document,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        revision_number=revision.number,
        submitted_at=revision.submitted_at,
        kind="document",
        file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        pages=1,
    )


def build_world(slug: str) -> World:
    """A region with a published declaration and vision, a draft change of both, and comments."""
    first = filing_import(read_bundle_file(BUNDLE), slug=slug)
    first.vision_revision.consulted_on = datetime.date(2026, 1, 5)
    first.vision_revision.save()
    # Published through the transition table directly: the verbs would also render the
    # submitted PDFs, which this walk does not need (and which take seconds).
    for revision in (first.declaration_revision, first.vision_revision):
        for status in (Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED):
            revision_transition(revision=revision, new=status)
            if status == Status.SUBMITTED:  # its receipt (ADR 0094), as the verb writes it
                submission_record(revision=revision, actor=None, snapshot={})
                _stored_pdf(revision)
    draft = filing_import(read_bundle_file(BUNDLE), region=first.region)
    reviewer = UserFactory(username=f"reviewer-{slug}")

    def thread(revision):
        return Comment.objects.create(
            region=first.region,
            content_type=ContentType.objects.get_for_model(revision),
            object_id=revision.pk,
            anchor="",
            author=reviewer,
            by_reviewer=True,
            body="確認してください",
        )

    project = draft.vision_revision.projects.order_by("pk").first()
    return World(
        region=first.region,
        declaration_published=first.declaration_revision,
        vision_published=first.vision_revision,
        declaration=draft.declaration_revision,
        vision=draft.vision_revision,
        member=draft.declaration_revision.members.order_by("pk").first(),
        field=draft.declaration_revision.fields.order_by("pk").first(),
        project=project,
        implementer=project.implementers.order_by("pk").first(),
        budget_line=project.budget_lines.order_by("pk").first(),
        milestone=project.milestones.order_by("pk").first(),
        plan_reference=project.plan_references.order_by("pk").first(),
        comment=thread(first.declaration_revision),
        vision_comment=thread(first.vision_revision),
        verification=verification_create(region=first.region, actor=None),
        result=_draft_result(first.region),
        advice=_advice(draft.declaration_revision, reviewer),
        support_request=_support_request(first.region),
        attachment=_attachment(draft.declaration_revision, reviewer),
    )


def _attachment(revision, actor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from attachments.services import attachment_add

    upload = SimpleUploadedFile("議事録.pdf", b"%PDF-1.4\n%%EOF\n")
    return attachment_add(target=revision, upload=upload, actor=actor, title="議事録")


def _support_request(region):
    from support.request_services import RequestInput, request_save

    return request_save(region=region, actor=None, data=RequestInput(title="求めの下書き"))


def _advice(revision, asked_by):
    from reviews.models import AdviceRequest

    return AdviceRequest.objects.create(
        region=revision.region,
        content_type=ContentType.objects.get_for_model(revision),
        object_id=revision.pk,
        question="この書き方で足りますか",
        asked_by=asked_by,
    )


def _draft_result(region):
    """A draft result of the first target for 令和8年度, written on a day that 年度 has ended
    (the evidence download needs one; the grid shows it once the 年度 has ended)."""
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from declarations import clock
    from reports.result_services import ResultInput, result_save
    from reports.selectors import current_published_vision, result_targets

    key = next(iter(result_targets(current_published_vision(region))))
    with clock.recorded_at(datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC)):
        return result_save(
            region=region,
            actor=None,
            given=ResultInput(
                key, 2026, Decimal(1), evidence_file=ContentFile(b"%PDF-1.4\n", name="e.pdf")
            ),
        )


# ---------------------------------------------------------------- filling path parameters
#
# To support a new parameter, add its name to PARAMETERS (a function of the world and the
# pattern), a path segment to SEGMENT_OBJECTS (for a plain <int:pk> after that segment), or
# the exact (URL name, parameter) to OVERRIDES.


def _document_revision(world: World, pattern: StaffPattern):
    return world.vision if "vision" in pattern.route else world.declaration


PARAMETERS = {
    "slug": lambda world, pattern: world.region.slug,
    "revision_pk": lambda world, pattern: _document_revision(world, pattern).pk,
    "revision_id": lambda world, pattern: _document_revision(world, pattern).pk,
    "number": lambda world, pattern: _document_revision(world, pattern).number,
    "declaration_pk": lambda world, pattern: world.declaration.pk,
    "vision_pk": lambda world, pattern: world.vision.pk,
    "member_pk": lambda world, pattern: world.member.pk,
    "member_key": lambda world, pattern: world.member.key,
    "field_pk": lambda world, pattern: world.field.pk,
    "project_pk": lambda world, pattern: world.project.pk,
    "project_id": lambda world, pattern: world.project.pk,
    "implementer_pk": lambda world, pattern: world.implementer.pk,
    "budget_line_pk": lambda world, pattern: world.budget_line.pk,
    "milestone_pk": lambda world, pattern: world.milestone.pk,
    "plan_reference_pk": lambda world, pattern: world.plan_reference.pk,
    "comment_pk": lambda world, pattern: world.comment.pk,
    "comment_id": lambda world, pattern: world.comment.pk,
    "thread_pk": lambda world, pattern: world.comment.pk,
    "document": lambda world, pattern: "declaration",
    "sequence": lambda world, pattern: 1,  # the 送付 of a receipt (ADR 0094)
    "kind": lambda world, pattern: "document",
}

# The path segment in front of a plain <pk>/<id> names the kind of object.
SEGMENT_OBJECTS = {
    "declaration": "declaration",
    "declarations": "declaration",
    "vision": "vision",
    "visions": "vision",
    "revisions": "declaration",
    "revision": "declaration",
    "members": "member",
    "member": "member",
    "fields": "field",
    "projects": "project",
    "project": "project",
    "implementers": "implementer",
    "budget": "budget_line",
    "budget-lines": "budget_line",
    "budget_lines": "budget_line",
    "milestones": "milestone",
    "plan-references": "plan_reference",
    "comments": "comment",
    "threads": "comment",
    "evidence": "result",  # results/evidence/<pk>/ (ADR 0109)
    "requests": "support_request",  # support/requests/<pk>/ (ADR 0116)
    "attachments": "attachment",  # attachments/<pk>/ (ADR 0118)
}

OVERRIDES: dict[tuple[str, str], object] = (
    {
        # A receipt exists for a revision that was sent: the published one.
        (f"staff:{document}_{name}", "number"): (
            lambda world, pattern, document=document: getattr(world, f"{document}_published").number
        )
        for document in ("declaration", "vision")
        for name in ("receipt", "receipt_pdf")
    }
    | {
        # 検証 records are numbered per region: 第1回 (ADR 0105).
        (f"staff:{name}", "number"): lambda world, pattern: world.verification.number
        for name in ("verification", "verification_reopen", "verification_change")
    }
    | {
        # The grid of a project of the published vision, by its number on the page (ADR 0109).
        (f"staff:{name}", "number"): lambda world, pattern: 1
        for name in ("results_project", "results_submit", "results_correct")
    }
    | {
        # A 事前相談 thread on the draft declaration (ADR 0116).
        ("staff_comments:advice_reply", "pk"): lambda world, pattern: world.advice.pk,
    }
)


class UnfillableParameter(Exception):
    pass


def _segment_object(world: World, pattern: StaffPattern, parameter: str):
    before = pattern.route.split(f":{parameter}>", 1)[0].rsplit("<", 1)[0]
    segment = before.rstrip("/").rsplit("/", 1)[-1]
    attribute = SEGMENT_OBJECTS.get(segment)
    if attribute is None:
        raise UnfillableParameter(
            f"{pattern.route}: cannot tell which object <{parameter}> is (the segment before "
            f"it is {segment!r}). Add {segment!r} to SEGMENT_OBJECTS or "
            f"({pattern.name!r}, {parameter!r}) to OVERRIDES in {Path(__file__).name}."
        )
    if attribute in {"declaration", "vision"} and "vision" in pattern.route:
        attribute = "vision"
    return getattr(world, attribute).pk


def fill(pattern: StaffPattern, world: World, *, ids_from: World | None = None) -> str:
    """The URL of ``pattern`` for ``world`` (object ids from ``ids_from`` when given)."""
    if pattern.is_regex:
        raise UnfillableParameter(f"{pattern.route}: write staff URLs with path(), not re_path()")
    url = pattern.route
    for match in re.finditer(r"<(?:([^>:]+):)?([^>]+)>", pattern.route):
        parameter = match.group(2)
        source = world if parameter == "slug" or ids_from is None else ids_from
        if (pattern.name, parameter) in OVERRIDES:
            value = OVERRIDES[(pattern.name, parameter)](source, pattern)
        elif parameter in PARAMETERS:
            value = PARAMETERS[parameter](source, pattern)
        elif parameter in {"pk", "id"}:
            value = _segment_object(source, pattern, parameter)
        else:
            raise UnfillableParameter(
                f"{pattern.route}: no value for <{parameter}>. Add {parameter!r} to PARAMETERS "
                f"or ({pattern.name!r}, {parameter!r}) to OVERRIDES in {Path(__file__).name}."
            )
        url = url.replace(match.group(0), str(value), 1)
    return "/" + url


# ---------------------------------------------------------------- "nothing changes"

SNAPSHOT_APPS = (
    "declarations", "visions", "projects", "reviews", "reports", "accounts", "documents",
    "support", "attachments",
)  # fmt: skip
MASTER_DATA = {"prefecture", "municipality"}


def snapshot() -> dict:
    """Every row of the filing, review and account models (not the master data)."""
    state = {}
    for app in SNAPSHOT_APPS:
        if not apps.is_installed(app):
            continue
        for model in apps.get_app_config(app).get_models():
            if model._meta.model_name in MASTER_DATA:
                continue
            state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return state


def assert_unchanged(before: dict, what: str):
    after = snapshot()
    changed = [label for label in before if before[label] != after.get(label)]
    assert not changed, f"{what} changed {', '.join(changed)}"


# ---------------------------------------------------------------- the walk


def build_worlds_and_people():
    """The two regions and the people of the walk, built once per process (ADR 0132)."""
    mine, theirs = build_world("mine"), build_world("theirs")
    return (mine, theirs), build_people(mine, theirs)


@pytest.fixture
def worlds_and_people(db):
    return restored(build_worlds_and_people)


@pytest.fixture
def worlds(worlds_and_people):
    return worlds_and_people[0]


@pytest.fixture
def people(worlds_and_people):
    return worlds_and_people[1]


def build_people(mine, theirs):
    people = {}
    for name, region, role in (
        ("editor", mine.region, RegionRole.Role.EDITOR),
        ("viewer", mine.region, RegionRole.Role.VIEWER),
        ("foreign_editor", theirs.region, RegionRole.Role.EDITOR),
    ):
        user = UserFactory(username=name)
        RegionRole.objects.create(user=user, region=region, role=role)
        people[name] = user
    return people


def _is_login_redirect(response, url):
    return response.status_code == 302 and response.url.startswith(f"{LOGIN_URL}?next=")


def _ids(patterns):
    return [str(p) for p in patterns]


def test_the_walk_finds_the_dashboard_and_only_staff_patterns():
    patterns = staff_patterns()
    assert any(p.callback is dashboard_views.dashboard for p in patterns)
    assert all(p.route.startswith(STAFF_PREFIX) for p in patterns)


def test_the_dashboard_needs_login_and_shows_only_the_users_regions(client, people):
    response = client.get("/staff/")
    assert _is_login_redirect(response, "/staff/")
    client.force_login(people["foreign_editor"])
    html = client.get("/staff/").content.decode()
    assert 'id="region-theirs"' in html
    assert 'id="region-mine"' not in html


@pytest.mark.parametrize("pattern", region_patterns(), ids=_ids(region_patterns()))
def test_every_staff_view_declares_whether_it_reads_or_edits(pattern):
    assert "<slug:slug>" in pattern.route, (
        f"{pattern.route}: a staff URL names its region <slug:slug>"
    )
    assert staff_access(pattern.callback) in {STAFF_ACCESS_READ, STAFF_ACCESS_EDIT}, (
        f"{pattern.route} ({pattern.name or 'no name'}): decorate the view with "
        "@staff_required or @editor_required (accounts/access.py)"
    )


def _methods_refused_to_everybody(client, pattern, world, editor) -> set[str]:
    """The methods a view refuses with 405 before it looks at the user or the region
    (``@require_POST``/``@require_GET`` outside the access decorator). Such a 405 says
    nothing about the region, so it stands in for the redirect and the 404 below; the
    same 405 for a region that does not exist proves it."""
    client.force_login(editor)
    refused = set()
    for method in ("get", "post"):
        if getattr(client, method)(fill(pattern, world)).status_code == 405:
            nowhere = fill(pattern, world).replace(f"/{world.region.slug}/", "/no-such-region/", 1)
            status = getattr(client, method)(nowhere).status_code
            assert status == 405, f"{method.upper()} {nowhere}: {status} (405 for a real region)"
            refused.add(method)
    client.logout()
    assert refused != {"get", "post"}, f"{pattern.route} refuses both GET and POST"
    return refused


@pytest.mark.parametrize("pattern", region_patterns(), ids=_ids(region_patterns()))
def test_staff_url_permissions(client, pattern, worlds, people):
    mine, theirs = worlds
    # A view without the marker fails test_every_staff_view_declares_whether_it_reads_or_edits;
    # here it is walked as a read page, so that its behaviour is checked all the same.
    access = staff_access(pattern.callback) or STAFF_ACCESS_READ
    url = fill(pattern, mine)
    before = snapshot()
    refused = _methods_refused_to_everybody(client, pattern, mine, people["editor"])
    allowed = [m for m in ("get", "post") if m not in refused]

    # Anonymous: to the log-in page.
    for method in allowed:
        response = getattr(client, method)(url)
        assert _is_login_redirect(response, url), (
            f"anonymous {method.upper()} {url}: {response.status_code}"
        )
    assert_unchanged(before, f"anonymous on {url}")

    # Staff of another region: 404, as if the region did not exist.
    client.force_login(people["foreign_editor"])
    for method in allowed:
        status = getattr(client, method)(url).status_code
        assert status == 404, f"editor of another region {method.upper()} {url}: {status}"
    assert_unchanged(before, f"an editor of another region on {url}")

    # A viewer reads, never writes.
    client.force_login(people["viewer"])
    if "get" in allowed:
        status = client.get(url).status_code
        if access == STAFF_ACCESS_READ:
            assert status in {200, 302}, f"viewer GET {url} (read page): {status}"
        else:
            assert status == 404, f"viewer GET {url} (edit endpoint): {status}"
    if "post" in allowed:
        status = client.post(url).status_code
        assert status == 404, f"viewer POST {url}: {status}"
    assert_unchanged(before, f"a viewer on {url}")

    # The region's editor with another region's object ids: 404, nothing changes anywhere.
    client.force_login(people["editor"])
    foreign_url = fill(pattern, mine, ids_from=theirs)
    if foreign_url != url:
        for method in allowed:
            status = getattr(client, method)(foreign_url).status_code
            assert status == 404, f"editor {method.upper()} {foreign_url} (foreign ids): {status}"
        assert_unchanged(before, f"an editor with another region's ids on {foreign_url}")

    # The editor: the page or the action (an empty POST may be refused, but never 403/404/5xx).
    if "get" in allowed:
        status = client.get(url).status_code
        assert status in {200, 302}, f"editor GET {url}: {status}"
        assert_unchanged(before, f"an editor's GET of {url}")
    if "post" in allowed:
        status = client.post(url).status_code
        assert status < 500 and status not in {403, 404}, f"editor POST {url}: {status}"


# ---------------------------------------------------------------- the walk's own machinery


def test_the_walk_reads_nested_includes_and_namespaces():
    from django.http import HttpResponse
    from django.urls import include, path

    def view(request, slug, pk):
        return HttpResponse()

    inner = ([path("projects/<int:pk>/", view, name="project")], "staff")
    found = list(_walk([path("staff/<slug:slug>/", include(inner))]))
    assert [(p.route, p.name, p.parameters) for p in found] == [
        ("staff/<slug:slug>/projects/<int:pk>/", "staff:project", ["slug", "pk"])
    ]


def test_a_parameter_the_walk_cannot_fill_fails_with_a_message(worlds):
    mine, _ = worlds
    gizmo = StaffPattern("staff/<slug:slug>/gizmos/<int:pk>/", "staff:gizmo", None, False)
    with pytest.raises(UnfillableParameter, match="SEGMENT_OBJECTS"):
        fill(gizmo, mine)
    odd = StaffPattern("staff/<slug:slug>/x/<str:colour>/", "staff:x", None, False)
    with pytest.raises(UnfillableParameter, match="PARAMETERS"):
        fill(odd, mine)


def test_ids_are_taken_from_the_other_region_but_the_slug_is_kept(worlds):
    mine, theirs = worlds
    pattern = StaffPattern(
        "staff/<slug:slug>/vision/projects/<int:pk>/", "staff:project", None, False
    )
    assert fill(pattern, mine) == f"/staff/mine/vision/projects/{mine.project.pk}/"
    assert (
        fill(pattern, mine, ids_from=theirs) == f"/staff/mine/vision/projects/{theirs.project.pk}/"
    )
