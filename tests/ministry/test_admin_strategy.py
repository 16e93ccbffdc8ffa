"""The national strategy's lists in the admin (ADR 0121): loaded by the data migration with
source and date, amendable by an operator, a term's code only one that filing.strategy knows;
a measure's 類型 and 戦略分野 in the measure form and the CSV import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import StrategyList
from support.models import SupportMeasure
from tests.factories import UserFactory
from tests.review_helpers import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client():
    return signed_in(UserFactory(username="unyou", is_staff=True, is_superuser=True))


def test_the_migration_loaded_both_lists_with_source_and_date():
    fields = StrategyList.objects.get(kind="strategic_field", is_current=True)
    assert (fields.version, fields.decided_on.isoformat()) == ("2025-11-10", "2025-11-10")
    assert "日本成長戦略会議" in fields.source
    assert fields.terms.count() == 17
    assert fields.terms.first().label == "AI・半導体"
    types = StrategyList.objects.get(kind="cluster_type", is_current=True)
    assert list(types.terms.values_list("label", flat=True)) == [
        "戦略産業クラスター",
        "地域産業クラスター",
        "地場産業支援",
    ]


def inline_data(strategy_list, **changes) -> dict:
    terms = list(strategy_list.terms.all())
    data = {
        "kind": strategy_list.kind,
        "version": strategy_list.version,
        "source": strategy_list.source,
        "decided_on": strategy_list.decided_on.isoformat(),
        "is_current": "on",
        "terms-TOTAL_FORMS": str(len(terms)),
        "terms-INITIAL_FORMS": str(len(terms)),
        "terms-MIN_NUM_FORMS": "0",
        "terms-MAX_NUM_FORMS": "1000",
    }
    for index, term in enumerate(terms):
        data |= {
            f"terms-{index}-id": str(term.pk),
            f"terms-{index}-strategy_list": str(strategy_list.pk),
            f"terms-{index}-position": str(term.position),
            f"terms-{index}-code": term.code,
            f"terms-{index}-label": term.label,
        }
    return data | changes


def test_an_operator_amends_a_label_but_not_to_an_unknown_code(operator_client):
    types = StrategyList.objects.get(kind="cluster_type")
    url = f"/admin/projects/strategylist/{types.pk}/change/"
    assert operator_client.get(url).status_code == 200

    refused = operator_client.post(url, inline_data(types, **{"terms-0-code": "mega_cluster"}))
    assert refused.status_code == 200
    assert "この種類の一覧にないコード" in refused.content.decode()

    saved = operator_client.post(url, inline_data(types, **{"terms-2-label": "地場産業の支援"}))
    assert saved.status_code == 302
    assert types.terms.get(code="local_industry_support").label == "地場産業の支援"


def test_a_measure_takes_its_types_and_fields_from_the_csv(operator_client):
    header = "名称,府省名,種類,分野,タグ,年度,URL,広域リージョン優先,公募中,概要,類型,戦略分野,公表"
    line = "量子の補助,経済産業省,補助事業,industry,,2026,,0,1,,戦略産業クラスター,量子 ocean,1"
    upload = SimpleUploadedFile(
        "c.csv", ("\ufeff" + header + "\r\n" + line + "\r\n").encode("utf-8")
    )
    response = operator_client.post("/admin/support/supportmeasure/import/", {"file": upload})
    assert response.status_code in (200, 302)
    measure = SupportMeasure.objects.get(name="量子の補助")
    assert measure.cluster_types == ["strategic_industry_cluster"]
    assert measure.strategic_fields == ["quantum", "ocean"]

    # a file without the two columns leaves them as they are
    old = "名称,府省名,種類,分野,タグ,年度,URL,広域リージョン優先,公募中,概要"
    again = "量子の補助,経済産業省,補助事業,industry,量子,2026,,0,1,"
    upload = SimpleUploadedFile("c.csv", (old + "\r\n" + again + "\r\n").encode("utf-8"))
    operator_client.post("/admin/support/supportmeasure/import/", {"file": upload})
    measure.refresh_from_db()
    assert measure.tags == ["量子"]
    assert measure.strategic_fields == ["quantum", "ocean"]
