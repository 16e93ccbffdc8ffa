"""manage.py export_pdf: the frozen copy of a submitted revision, a marked draft otherwise."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from documents.models import Kind
from documents.services import frozen_documents, read_frozen
from tests.documents.helpers import flat_text

pytestmark = pytest.mark.django_db


def export(*args):
    out = StringIO()
    call_command("export_pdf", *args, stdout=out)
    return out.getvalue()


def test_a_submitted_declaration_is_written_as_the_frozen_copy(sent_declaration, tmp_path):
    target = tmp_path / "declaration.pdf"

    output = export("setouchi", "--document", "declaration", "--out", str(target))

    frozen = frozen_documents(sent_declaration)[Kind.DOCUMENT]
    assert target.read_bytes() == read_frozen(frozen)
    assert frozen.sha256 in output
    assert "送付時に保存した PDF" in output


def test_the_cover_letter_of_the_declaration_or_of_the_vision(sent_vision, tmp_path):

    export("setouchi", "--document", "cover", "--out", str(tmp_path / "a.pdf"))
    export(
        "setouchi",
        "--document",
        "cover",
        "--of",
        "vision",
        "--revision",
        "1",
        "--out",
        str(tmp_path / "b.pdf"),
    )

    assert "連携宣言書の写しの送付について" in flat_text((tmp_path / "a.pdf").read_bytes())
    assert "広域リージョン連携ビジョンの送付について" in flat_text(
        (tmp_path / "b.pdf").read_bytes()
    )


def test_a_draft_vision_is_written_marked_as_a_draft_and_not_stored(imported, tmp_path):
    target = tmp_path / "vision.pdf"

    output = export("setouchi", "--document", "vision", "--out", str(target))

    text = flat_text(target.read_bytes())
    assert "瀬戸内広域リージョン連携ビジョン" in text and "下書き" in text
    assert "下書き" in output
    assert hashlib.sha256(target.read_bytes()).hexdigest() in output
    assert frozen_documents(imported.vision_revision) == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere", "--document", "declaration"], "識別名 nowhere のリージョンはありません"),
        (["setouchi", "--document", "declaration", "--revision", "9"], "第9版がありません"),
    ],
)
def test_unknown_regions_and_revisions_are_reported(imported, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args, "--out", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_an_unwritable_target_is_reported(imported, tmp_path):
    with pytest.raises(CommandError, match="書き出せません"):
        export("setouchi", "--document", "declaration", "--out", str(tmp_path / "no" / "x.pdf"))


def test_the_document_must_be_one_of_the_three(imported, tmp_path):
    with pytest.raises(CommandError, match=r"invalid choice|選択"):
        export("setouchi", "--document", "budget", "--out", str(tmp_path / "x.pdf"))
