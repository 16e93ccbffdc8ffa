"""staff.forms.snapshot: the values a staff form was opened with (ADR 0095)."""

from datetime import date

from staff.forms import snapshot
from staff.forms.declarations import DeclarationForm
from staff.forms.visions import VisionForm

INITIAL = {
    "aspiration": "姿\n二行目",
    "verified_on": date(2026, 4, 1),
    "verification_note": "",
}


def test_the_data_of_an_unchanged_page_cleans_to_the_values_it_was_opened_with():
    opened = VisionForm(initial=INITIAL)

    data = snapshot.form_data(opened)
    values = snapshot.canonical(VisionForm(snapshot.as_query(data), initial=INITIAL))

    assert data["verified_on"] == ["2026-04-01"]
    assert values["aspiration"] == "姿\n二行目" and values["verified_on"] == date(2026, 4, 1)


def test_the_same_value_typed_another_way_is_the_same_value():
    data = snapshot.as_query(snapshot.form_data(VisionForm(initial=INITIAL)))
    typed = data.copy()
    typed["verified_on"], typed["aspiration"] = "2026/04/01", "姿\r\n二行目"

    assert snapshot.canonical(VisionForm(typed)) == snapshot.canonical(VisionForm(data))


def test_boxes_ticked_compare_in_the_order_of_the_choices():
    opened = DeclarationForm(initial={"fields": ["tourism", "industry"]})
    data = snapshot.as_query(snapshot.form_data(opened))
    posted = data.copy()
    posted.setlist("fields", ["industry", "tourism"])  # the order of the page

    assert (
        snapshot.canonical(DeclarationForm(posted))["fields"]
        == snapshot.canonical(DeclarationForm(data))["fields"]
    )


def test_a_base_reads_back_only_for_its_object_and_version():
    token = snapshot.sign_base({"aspiration": ["姿"]}, version=3, scope="vision:1")

    assert snapshot.read_base(token, version="3", scope="vision:1") == {"aspiration": ["姿"]}
    assert snapshot.read_base(token, version="4", scope="vision:1") is None
    assert snapshot.read_base(token, version="3", scope="vision:2") is None
    assert snapshot.read_base(token + "x", version="3", scope="vision:1") is None
    assert snapshot.read_base("", version="3", scope="vision:1") is None
