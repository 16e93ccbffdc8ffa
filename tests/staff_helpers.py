"""Fixtures and helpers shared by the tests of the staff forms.

``form_values(response, form_id)`` reads a rendered form the way a browser without
JavaScript would submit it (text, hidden and date inputs, checked boxes, selected options,
text areas), so a test changes a few values and posts the rest as they were shown.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from accounts.models import RegionRole
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision, Region
from filing.bundle import read_bundle_file
from tests.factories import RegionFactory, UserFactory
from tests.prebuilt import restored
from workflow.adapter import filing_import

BUNDLES = Path(__file__).resolve().parent / "data" / "bundles"


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values: list[tuple[str, str]] = []
        self.select = None  # [name, first value, chosen value]
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "reset", "image"):
                self.values.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self.select = [name, None, None]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select[1] is None:
                self.select[1] = value
            if "selected" in attrs:
                self.select[2] = value
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self.select is not None:
            name, first, chosen = self.select
            self.values.append((name, chosen if chosen is not None else first or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea[1]
            self.values.append((self.textarea[0], text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "form":
            self.inside = False


def form_values(response, form_id: str) -> dict[str, list[str]]:
    """What a browser would post from form ``form_id`` of ``response`` (names → value lists)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.values, f"form #{form_id} not found or empty"
    data: dict[str, list[str]] = {}
    for name, value in reader.values:
        data.setdefault(name, []).append(value)
    return data


def single(data: dict, **changes) -> dict:
    """``data`` with ``changes`` applied (a str value replaces the list)."""
    result = dict(data)
    for name, value in changes.items():
        result[name.replace("__", "-")] = value
    return result


def setouchi_region():
    return RegionFactory(slug="setouchi")


def setouchi_draft():
    """The valid test bundle imported into the region 瀬戸内 as draft revisions."""
    region = Region.objects.get(slug="setouchi")
    return filing_import(read_bundle_file(BUNDLES / "valid_region.json"), region=region)


@pytest.fixture
def region(db):
    """The region 瀬戸内, with nothing filed yet (restored: tests.prebuilt, ADR 0132)."""
    return restored(setouchi_region)


@pytest.fixture
def editor(region):
    user = UserFactory(username="editor", email="editor@example.jp")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    return user


@pytest.fixture
def viewer(region):
    user = UserFactory(username="viewer")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.VIEWER)
    return user


@pytest.fixture
def other_region():
    return RegionFactory(slug="other-region")


@pytest.fixture
def outsider(other_region):
    """An editor of another region."""
    user = UserFactory(username="outsider")
    RegionRole.objects.create(user=user, region=other_region, role=RegionRole.Role.EDITOR)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def imported(region):
    """The valid test bundle imported into ``region`` as draft revisions, imported once per
    process and restored into each test (tests.prebuilt, ADR 0132)."""
    return restored(setouchi_draft)


@pytest.fixture
def project(imported):
    """The first project (by position) of the imported vision's draft."""
    return imported.vision_revision.projects.order_by("position").first()


@pytest.fixture
def project_url(project):
    """The staff project page of ``project``."""
    return f"/staff/setouchi/vision/1/projects/{project.pk}/"


def publish(revision, actor):
    """Submit, accept and publish ``revision`` through the lifecycle services."""
    from workflow.verbs import revision_accept, revision_submit

    revision_submit(revision=revision, actor=actor)
    revision_accept(revision=revision, actor=actor)
    revision.refresh_from_db()
    assert revision.status == Status.PUBLISHED
    return revision


def declaration(region, number=1) -> DeclarationRevision:
    return DeclarationRevision.objects.get(declaration__region=region, number=number)
