"""export_region --with-attachments DIR and import_region --attachments DIR (ADR 0120): the
bundle lists the attachments with their hashes, the files travel in DIR named by SHA-256,
and an import checks every file and saves all or nothing."""

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError

from attachments.models import Attachment, AttachmentEvent, AttachmentKind
from attachments.services import attachment_add
from declarations.models import DeclarationRevision, Region
from filing.bundle import read_bundle_file
from tests.attachments.conftest import PDF, stored_files, upload
from tests.factories import UserFactory
from workflow.adapter import filing_import

pytestmark = pytest.mark.django_db

BUNDLES = Path(__file__).resolve().parents[1] / "data" / "bundles"
CSV = "年度,人数\n2026,120\n".encode()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor():
    return UserFactory(username="editor")


@pytest.fixture
def source(editor):
    """The sample region with a record on the vision, a public CSV on its second project and
    a signed declaration on the declaration revision."""
    result = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="setouchi")
    vision = result.vision_revision
    attachment_add(
        target=result.declaration_revision,
        upload=upload("宣言書.pdf"),
        actor=editor,
        title="署名済みの宣言書",
        kind=AttachmentKind.SIGNED_DECLARATION,
    )
    attachment_add(
        target=vision,
        upload=upload("議事録.pdf", PDF + b"% minutes\n"),
        actor=editor,
        title="第5回推進会議 議事録",
        kind=AttachmentKind.CONSULTATION_RECORD,
    )
    attachment_add(
        target=list(vision.projects.all())[1],
        upload=upload("来訪者数.csv", CSV),
        actor=editor,
        title="来訪者数",
        is_public=True,
    )
    return result


def export(tmp_path, *args) -> tuple[dict, Path]:
    folder = tmp_path / "files"
    out = io.StringIO()
    call_command(
        "export_region",
        "setouchi",
        "--with-attachments",
        str(folder),
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    bundle_path = tmp_path / "bundle.json"
    bundle_path.write_text(out.getvalue(), encoding="utf-8")
    return json.loads(out.getvalue()), folder


def import_(bundle_path, *args):
    out = io.StringIO()
    call_command("import_region", str(bundle_path), *args, stdout=out)
    return out.getvalue()


def test_export_lists_the_attachments_and_writes_the_files_by_hash(source, tmp_path):
    bundle, folder = export(tmp_path)
    (signed,) = bundle["declaration"]["attachments"]
    assert (
        signed["kind"] == "signed_declaration"
        and signed["sha256"] == hashlib.sha256(PDF).hexdigest()
    )
    (record,) = bundle["vision"]["attachments"]
    assert (record["title"], record["kind"], record["public"]) == (
        "第5回推進会議 議事録",
        "consultation_record",
        False,
    )
    assert "attachments" not in bundle["vision"]["projects"][0]
    (csv,) = bundle["vision"]["projects"][1]["attachments"]
    assert (csv["name"], csv["media_type"], csv["size"], csv["public"]) == (
        "来訪者数.csv",
        "text/csv",
        len(CSV),
        True,
    )
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted({signed["sha256"], record["sha256"], csv["sha256"]})
    assert (folder / csv["sha256"]).read_bytes() == CSV


def test_a_plain_export_lists_nothing(source):
    out = io.StringIO()
    call_command("export_region", "setouchi", stdout=out)
    assert "attachments" not in out.getvalue()


def test_round_trip_recreates_every_attachment_in_its_place(source, tmp_path, editor, media):
    bundle, folder = export(tmp_path)
    before = len(stored_files(media))
    message = import_(
        tmp_path / "bundle.json", "--slug", "copy", "--attachments", str(folder), "--user", "editor"
    )
    assert "添付ファイル 3 件" in message
    region = Region.objects.get(slug="copy")
    rows = Attachment.objects.filter(region=region)
    assert rows.count() == 3
    assert len(stored_files(media)) == before + 3
    assert AttachmentEvent.objects.filter(region=region, action="added").count() == 3
    csv = rows.get(kind=AttachmentKind.REFERENCE)
    assert csv.target.name == bundle["vision"]["projects"][1]["name"]
    assert csv.is_public and csv.media_type == "text/csv" and csv.uploaded_by == editor
    with csv.file.open("rb") as handle:
        assert handle.read() == CSV
    # and the copy exports to the same bundle
    out = io.StringIO()
    folder2 = tmp_path / "again"
    call_command(
        "export_region",
        "copy",
        "--with-attachments",
        str(folder2),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert json.loads(out.getvalue()) == bundle


def nothing_saved(media, before):
    assert not Region.objects.filter(slug="copy").exists()
    assert Attachment.objects.count() == 3  # the source's only
    assert len(stored_files(media)) == before


@pytest.mark.parametrize(
    ("breaking", "path"),
    [
        ("missing", "vision.projects[1].attachments[0].sha256"),
        ("wrong size", "vision.projects[1].attachments[0].size"),
        ("other content", "vision.projects[1].attachments[0].sha256"),
    ],
)
def test_a_missing_or_wrong_file_fails_naming_its_path_and_saves_nothing(
    source, tmp_path, media, breaking, path
):
    bundle, folder = export(tmp_path)
    target = folder / bundle["vision"]["projects"][1]["attachments"][0]["sha256"]
    if breaking == "missing":
        target.unlink()
    elif breaking == "wrong size":
        target.write_bytes(CSV + b"2027,130\n")
    else:
        target.write_bytes(CSV.replace(b"120", b"121"))
    before = len(stored_files(media))
    with pytest.raises(CommandError) as caught:
        import_(
            tmp_path / "bundle.json",
            "--slug",
            "copy",
            "--attachments",
            str(folder),
            "--user",
            "editor",
        )
    assert path in str(caught.value)
    nothing_saved(media, before)


def test_a_file_whose_content_is_not_its_listed_type_is_refused(source, tmp_path, media):
    bundle, folder = export(tmp_path)
    html = b"<html><script>alert(1)</script></html>"
    entry = bundle["vision"]["attachments"][0]
    entry |= {"size": len(html), "sha256": hashlib.sha256(html).hexdigest()}
    (folder / entry["sha256"]).write_bytes(html)
    (tmp_path / "bundle.json").write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    before = len(stored_files(media))
    with pytest.raises(CommandError) as caught:
        import_(
            tmp_path / "bundle.json",
            "--slug",
            "copy",
            "--attachments",
            str(folder),
            "--user",
            "editor",
        )
    assert "vision.attachments[0].media_type" in str(caught.value)
    nothing_saved(media, before)


class FullAfterTwoFiles(FileSystemStorage):
    """A real file system storage that stores two files, then finds the disk full."""

    saved = 0

    def _save(self, name, content):
        if FullAfterTwoFiles.saved >= 2:
            raise OSError("disk full")
        FullAfterTwoFiles.saved += 1
        return super()._save(name, content)


def test_a_failure_after_some_files_were_stored_removes_them_all(source, tmp_path, media, settings):
    _bundle, folder = export(tmp_path)
    before = len(stored_files(media))
    FullAfterTwoFiles.saved = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.FullAfterTwoFiles"},
    }
    with pytest.raises(OSError, match="disk full"):
        import_(
            tmp_path / "bundle.json",
            "--slug",
            "copy",
            "--attachments",
            str(folder),
            "--user",
            "editor",
        )
    assert FullAfterTwoFiles.saved == 2  # two files were stored before the failure
    nothing_saved(media, before)


def test_a_bundle_with_attachments_needs_their_folder_or_an_explicit_skip(source, tmp_path):
    export(tmp_path)
    with pytest.raises(CommandError) as caught:
        import_(tmp_path / "bundle.json", "--slug", "copy")
    assert "--attachments" in str(caught.value) and "--skip-attachments" in str(caught.value)
    assert not Region.objects.filter(slug="copy").exists()
    message = import_(tmp_path / "bundle.json", "--slug", "copy", "--skip-attachments")
    assert "3 件は取り込んでいません" in message
    assert DeclarationRevision.objects.filter(declaration__region__slug="copy").exists()
    assert not Attachment.objects.filter(region__slug="copy").exists()


def test_attaching_needs_a_known_user(source, tmp_path):
    _bundle, folder = export(tmp_path)
    for args in ((), ("--user", "nobody")):
        with pytest.raises(CommandError) as caught:
            import_(tmp_path / "bundle.json", "--slug", "copy", "--attachments", str(folder), *args)
        assert "--user" in str(caught.value) or "nobody" in str(caught.value)
    assert not Region.objects.filter(slug="copy").exists()


def test_check_region_judges_consultation_record_from_the_listing(source, tmp_path):
    bundle, _folder = export(tmp_path)

    def record_paths(data):
        path = tmp_path / "check.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        out = io.StringIO()
        try:
            call_command("check_region", str(path), "--format", "json", stdout=out)
        except SystemExit:
            pass
        return [f["path"] for f in json.loads(out.getvalue()) if f["code"] == "consultation.record"]

    assert record_paths(bundle) == []
    bundle["vision"]["attachments"][0]["kind"] = "reference"
    assert record_paths(bundle) == ["vision.attachments"]


def test_the_limits_are_checked_before_anything_is_stored(source, tmp_path, media, settings):
    _bundle, folder = export(tmp_path)
    before = len(stored_files(media))
    settings.ATTACHMENT_MAX_BYTES = len(CSV) - 1
    with pytest.raises(CommandError) as caught:
        import_(
            tmp_path / "bundle.json",
            *("--slug", "copy", "--attachments", str(folder), "--user", "editor"),
        )
    assert "declaration.attachments[0].size" in str(caught.value)
    nothing_saved(media, before)
