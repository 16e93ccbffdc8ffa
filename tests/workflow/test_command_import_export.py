"""import_region then export_region gives back the same bundle; imports are all or nothing."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from declarations.lifecycle import Kind, Status
from declarations.models import DeclarationRevision, Member, Organization, Region
from filing.bundle import filing_to_bundle, parse_bundle
from projects.models import BudgetLine, Project
from visions.models import VisionRevision

pytestmark = pytest.mark.django_db

BUNDLES = Path(__file__).resolve().parents[1] / "data" / "bundles"


def canonical(path: Path) -> dict:
    """The bundle in the exporter's canonical form (parse, then serialise)."""
    return filing_to_bundle(parse_bundle(path.read_bytes()))


def export(slug, *args) -> dict:
    out = io.StringIO()
    call_command("export_region", slug, *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("name", ["valid_region.json", "declaration_only.json"])
def test_import_then_export_gives_back_the_same_bundle(name):
    call_command("import_region", str(BUNDLES / name), "--slug", "roundtrip", stdout=io.StringIO())
    assert export("roundtrip") == canonical(BUNDLES / name)


def test_import_saves_a_draft_with_every_part():
    call_command(
        "import_region",
        str(BUNDLES / "valid_region.json"),
        "--slug",
        "setouchi",
        stdout=io.StringIO(),
    )
    bundle = json.loads((BUNDLES / "valid_region.json").read_text(encoding="utf-8"))
    revision = DeclarationRevision.objects.get(declaration__region__slug="setouchi")
    assert (revision.number, revision.status, revision.kind) == (1, Status.DRAFT, Kind.ESTABLISHED)
    assert revision.region_name == bundle["region"]["name"]
    assert Member.objects.filter(revision=revision).count() == len(bundle["members"])
    vision = VisionRevision.objects.get(vision__region__slug="setouchi")
    assert vision.declaration_revision == revision
    assert Project.objects.filter(revision=vision).count() == len(bundle["vision"]["projects"])
    budgeted = [p for p in bundle["vision"]["projects"] if p.get("budget")]
    expected_lines = sum(len(p["budget"]["by_fiscal_year"]) for p in budgeted)
    assert BudgetLine.objects.filter(project__revision=vision).count() == expected_lines


def test_import_with_region_makes_the_next_revision():
    call_command(
        "import_region",
        str(BUNDLES / "valid_region.json"),
        "--slug",
        "setouchi",
        stdout=io.StringIO(),
    )
    first = DeclarationRevision.objects.get()
    from declarations.services import revision_transition

    for status in (Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED):
        revision_transition(revision=first, new=status)
    VisionRevision.objects.get().delete()  # a draft may be deleted
    call_command(
        "import_region",
        str(BUNDLES / "valid_region.json"),
        "--region",
        "setouchi",
        stdout=io.StringIO(),
    )
    second = DeclarationRevision.objects.order_by("number").last()
    assert (second.number, second.kind, second.status) == (2, Kind.CHANGED, Status.DRAFT)
    assert export("setouchi", "--revision", "1")["region"] == export("setouchi")["region"]


def test_import_into_a_region_with_a_draft_is_refused_and_saves_nothing():
    call_command(
        "import_region",
        str(BUNDLES / "valid_region.json"),
        "--slug",
        "setouchi",
        stdout=io.StringIO(),
    )
    counts = (
        DeclarationRevision.objects.count(),
        Member.objects.count(),
        Organization.objects.count(),
    )
    with pytest.raises(CommandError) as error:
        call_command("import_region", str(BUNDLES / "valid_region.json"), "--region", "setouchi")
    assert error.value.returncode == 2
    assert "連携宣言書の第1版を作成中です" in str(error.value)
    assert (
        DeclarationRevision.objects.count(),
        Member.objects.count(),
        Organization.objects.count(),
    ) == counts


@pytest.mark.parametrize(
    ("statuses", "message"),
    [
        (
            (Status.SUBMITTED,),
            "連携宣言書の第1版を審査中です。審査が終わるまで新しい版は作れません。",
        ),
        ((Status.SUBMITTED, Status.RETURNED), "連携宣言書の第1版が差し戻されています。"),
        ((Status.SUBMITTED, Status.ACCEPTED), "連携宣言書の第1版は受理され、公表を待っています。"),
    ],
)
def test_import_beside_a_submitted_revision_is_refused_and_saves_nothing(statuses, message):
    """``import_region --region X`` asks the one check (``may_start``) as the staff UI does:
    it once saved a second draft beside a revision under review."""
    from declarations.services import revision_transition

    call_command(
        "import_region",
        str(BUNDLES / "valid_region.json"),
        "--slug",
        "setouchi",
        stdout=io.StringIO(),
    )
    first = DeclarationRevision.objects.get()
    for status in statuses:
        revision_transition(revision=first, new=status)
    VisionRevision.objects.get().delete()  # a draft may be deleted
    counts = (DeclarationRevision.objects.count(), Member.objects.count())

    with pytest.raises(CommandError) as error:
        call_command("import_region", str(BUNDLES / "valid_region.json"), "--region", "setouchi")

    assert error.value.returncode == 2
    assert message in str(error.value)
    assert (DeclarationRevision.objects.count(), Member.objects.count()) == counts
    assert not VisionRevision.objects.exists()


def test_import_after_a_published_abolition_is_refused(tmp_path):

    from declarations.services import revision_transition

    call_command(
        "import_region",
        str(BUNDLES / "declaration_only.json"),
        "--slug",
        "ended",
        stdout=io.StringIO(),
    )
    first = DeclarationRevision.objects.get()
    DeclarationRevision.objects.filter(pk=first.pk).update(kind=Kind.ABOLISHED)
    for status in (Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED):
        revision_transition(revision=first, new=status)

    with pytest.raises(CommandError, match="連携宣言書は廃止されています"):
        call_command("import_region", str(BUNDLES / "declaration_only.json"), "--region", "ended")
    assert DeclarationRevision.objects.count() == 1


def test_a_bad_bundle_saves_nothing_and_names_the_path(tmp_path):
    bundle = json.loads((BUNDLES / "valid_region.json").read_text(encoding="utf-8"))
    bundle["vision"]["projects"][-1]["period"]["start"] = "2026-02-30"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    last = len(bundle["vision"]["projects"]) - 1
    with pytest.raises(CommandError) as error:
        call_command("import_region", str(path))
    assert error.value.returncode == 2
    assert f"vision.projects[{last}].period.start" in str(error.value)
    assert not Region.objects.exists() and not Organization.objects.exists()


def test_an_organization_is_shared_between_regions_that_name_it():
    call_command(
        "import_region", str(BUNDLES / "valid_region.json"), "--slug", "one", stdout=io.StringIO()
    )
    call_command(
        "import_region", str(BUNDLES / "valid_region.json"), "--slug", "two", stdout=io.StringIO()
    )
    assert Member.objects.count() == 2 * Organization.objects.count()


def test_export_of_an_unknown_region_or_revision_is_a_clear_error():
    with pytest.raises(CommandError, match="リージョンはありません"):
        call_command("export_region", "nowhere")
    call_command(
        "import_region",
        str(BUNDLES / "declaration_only.json"),
        "--slug",
        "only",
        stdout=io.StringIO(),
    )
    with pytest.raises(CommandError, match="第9版はありません"):
        call_command("export_region", "only", "--revision", "9")


# ---------------------------------------------------------------- standard input (issue 12, item 11)


def test_import_reads_the_bundle_from_standard_input_with_a_dash():
    out = io.StringIO()

    call_command(
        "import_region",
        "-",
        "--slug",
        "from-stdin",
        stdin=io.BytesIO((BUNDLES / "valid_region.json").read_bytes()),
        stdout=out,
    )

    assert "リージョン from-stdin に連携宣言書 第1版" in out.getvalue()
    assert export("from-stdin") == canonical(BUNDLES / "valid_region.json")


def test_import_reads_the_processs_own_standard_input(monkeypatch):
    data = (BUNDLES / "declaration_only.json").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    call_command("import_region", "-", "--slug", "piped", stdout=io.StringIO())

    assert DeclarationRevision.objects.get(declaration__region__slug="piped").number == 1


def test_a_bad_bundle_on_standard_input_is_an_input_error_naming_it():
    with pytest.raises(CommandError) as error:
        call_command("import_region", "-", stdin=io.BytesIO(b'{"region": 1'), stdout=io.StringIO())

    assert "JSON として読めません" in str(error.value)
    assert "ファイル - がありません" not in str(error.value)
    assert Region.objects.count() == 0


# ---------------------------------------------------------------- the creation rows (item 9)


def test_every_imported_revision_gets_its_creation_row_naming_the_bundle():
    from declarations.models import StatusChange

    call_command(
        "import_region", str(BUNDLES / "valid_region.json"), "--slug", "s", stdout=io.StringIO()
    )

    rows = list(StatusChange.objects.order_by("pk"))
    revisions = [DeclarationRevision.objects.get(), VisionRevision.objects.get()]
    assert [(row.revision, row.old, row.new) for row in rows] == [
        (revision, "", Status.DRAFT) for revision in revisions
    ]
    assert all(row.actor is None for row in rows), "the command has no user"
    assert all("valid_region.json" in row.comment for row in rows)
    assert all("取り込み" in row.comment for row in rows)


def test_a_bundle_from_standard_input_is_named_so_in_its_creation_row():
    from declarations.models import StatusChange

    call_command(
        "import_region",
        "-",
        stdin=io.BytesIO((BUNDLES / "declaration_only.json").read_bytes()),
        stdout=io.StringIO(),
    )

    assert "標準入力" in StatusChange.objects.get().comment
