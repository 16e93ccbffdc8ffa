"""The demo catalogue (demo/support-measures.csv, ADR 0114): at least ten measures named
after the programmes of the seeds, marked as demo, loaded by ``load_demo_data`` with the
admin's CSV reader, and loading it again adds nothing."""

import io
import json

import pytest
from django.core.management import call_command

from filing.support_catalogue import read_csv
from region_portal.env import BASE_DIR
from support.models import SupportMeasure

pytestmark = pytest.mark.django_db

DEMO_CSV = BASE_DIR / "demo" / "support-measures.csv"


@pytest.fixture
def no_regions(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"regions": []}), encoding="utf-8")
    return str(manifest)


def test_the_demo_file_reads_without_errors_and_names_the_seeds_programmes():
    rows, errors = read_csv(DEMO_CSV.read_bytes())

    assert errors == []
    names = {row.measure.name for row in rows}
    assert len(names) >= 10
    assert {"地域未来交付金", "地方大学・地域産業創生交付金"} <= names
    kinds = {row.measure.kind for row in rows}
    assert {"grant", "subsidy", "tax", "regulation"} <= kinds
    fields = {code for row in rows for code in row.measure.fields}
    assert fields == {"industry", "tourism", "transport", "other"}
    assert any(row.measure.gives_priority for row in rows)
    assert any(row.is_published is False for row in rows)  # one not public, for the leak check


def test_load_demo_data_loads_the_catalogue_as_demo_once(no_regions):
    out = io.StringIO()
    call_command("load_demo_data", manifest=no_regions, stdout=out)
    count = SupportMeasure.objects.count()
    call_command("load_demo_data", manifest=no_regions, stdout=out)

    assert count >= 10
    assert SupportMeasure.objects.count() == count
    assert not SupportMeasure.objects.filter(is_demo=False).exists()
    assert SupportMeasure.objects.get(name="地域未来交付金").gives_priority
    assert f"デモ用の国の支援措置を {count} 件追加" in out.getvalue()
    assert f"変更なし {count} 件" in out.getvalue()
