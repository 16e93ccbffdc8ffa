"""「このプロジェクトに関連する国の支援措置」 on the public region page (ADR 0115): published
measures that serve a published project's fields or tags are shown under it with the
reasons; an unpublished measure, a hidden one and a past page show none; a pin comes first
with its note; a decision moves the page (its stamp)."""

from dataclasses import replace

import pytest

from filing.data import FieldCode
from support.match_services import match_hide, match_pin
from support.models import SupportMeasure
from tests.factories import UserFactory
from tests.public_data import change_region, changed, publish_region, skip_pdfs, valid_filing

pytestmark = pytest.mark.django_db

MAAS = "瀬戸内MaaS推進プロジェクト"


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch):
    skip_pdfs(monkeypatch)


def with_fields(filing):
    """The valid filing, its MaaS project serving C 交通 only, the others B 観光 only."""
    projects = tuple(
        replace(p, fields=(FieldCode.TRANSPORT,) if p.name == MAAS else (FieldCode.TOURISM,))
        for p in filing.vision.projects
    )
    return replace(filing, vision=replace(filing.vision, projects=projects))


@pytest.fixture
def setouchi():
    return publish_region("setouchi", with_fields(valid_filing())).region


def measure(name, fields=(), tags=(), published=True, **more):
    return SupportMeasure.objects.create(
        name=name,
        ministry="国土交通省",
        fields=list(fields),
        tags=list(tags),
        is_published=published,
        **more,
    )


def project_article(html: str, name: str) -> str:
    start = html.index(f". {name}</h4>")
    end = html.find('<article class="project"', start)
    return html[start : end if end != -1 else len(html)]


def test_a_matching_published_measure_is_shown_under_its_project_only(client, setouchi):
    measure("地域公共交通確保維持改善事業PMA", ["transport"], url="https://www.mlit.go.jp/")
    measure("非公表の交通補助PMB", ["transport"], published=False)

    html = client.get("/regions/setouchi/").content.decode()

    maas = project_article(html, MAAS)
    assert "このプロジェクトに関連する国の支援措置" in maas
    assert "地域公共交通確保維持改善事業PMA" in maas and "分野: C 交通" in maas
    assert 'href="https://www.mlit.go.jp/"' in maas
    assert "非公表の交通補助PMB" not in html
    assert html.count("地域公共交通確保維持改善事業PMA") == 1  # not under the 観光 projects


def test_a_hidden_measure_is_gone_and_a_pinned_one_first_with_its_note(client, setouchi):
    reviewer = UserFactory(username="shinsa", is_staff=True)
    hidden = measure("隠す交通補助PMH", ["transport"])
    pinned = measure("固定する補助PMP", ["industry"])
    measure("残る交通補助PMR", ["transport"])
    match_hide(region=setouchi, project_name=MAAS, measure=hidden, note="内部PMX", actor=reviewer)
    match_pin(
        region=setouchi, project_name=MAAS, measure=pinned, note="港湾と組むPMN", actor=reviewer
    )

    maas = project_article(client.get("/regions/setouchi/").content.decode(), MAAS)

    assert "隠す交通補助PMH" not in maas and "内部PMX" not in maas
    assert maas.index("固定する補助PMP") < maas.index("残る交通補助PMR")
    assert "港湾と組むPMN" in maas


def test_a_past_page_shows_no_measures(client, setouchi):
    measure("交通補助PMO", ["transport"])
    change_region(setouchi, changed(with_fields(valid_filing()), aspiration="新しい姿PMC"))

    assert "交通補助PMO" in client.get("/regions/setouchi/").content.decode()
    past = client.get("/regions/setouchi/revisions/v1/")
    assert past.status_code == 200 and MAAS in past.content.decode()
    assert "交通補助PMO" not in past.content.decode()


def test_a_decision_is_on_the_page_at_once(client, setouchi):
    shown = measure("交通補助PMS", ["transport"])
    assert "交通補助PMS" in client.get("/regions/setouchi/").content.decode()

    match_hide(
        region=setouchi,
        project_name=MAAS,
        measure=shown,
        actor=UserFactory(username="shinsa", is_staff=True),
    )

    assert "交通補助PMS" not in client.get("/regions/setouchi/").content.decode()
