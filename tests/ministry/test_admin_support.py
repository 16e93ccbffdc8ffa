"""The support-measure catalogue in the admin (ADR 0114): operators and reviewers keep it;
the CSV import is all or nothing and lists every error with its row and column; no file,
however bad, answers 500; the export reads back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filing.support_catalogue import MAX_BYTES, read_csv
from support.models import SupportMeasure
from tests.factories import UserFactory
from tests.review_helpers import signed_in

pytestmark = pytest.mark.django_db

IMPORT = "/admin/support/supportmeasure/import/"
EXPORT = "/admin/support/supportmeasure/export/"
LIST = "/admin/support/supportmeasure/"
HEADER = "名称,府省名,種類,分野,タグ,年度,URL,広域リージョン優先,公募中,概要,公表"


def csv_file(*lines: str, bom=True, name="catalogue.csv") -> SimpleUploadedFile:
    text = "\r\n".join([HEADER, *lines]) + "\r\n"
    return SimpleUploadedFile(name, (("\ufeff" if bom else "") + text).encode("utf-8"))


@pytest.fixture
def operator_client():
    return signed_in(UserFactory(username="unyou", is_staff=True, is_superuser=True))


@pytest.fixture(params=["operator", "reviewer"])
def keeper_client(request):
    if request.param == "operator":
        return request.getfixturevalue("operator_client")
    return request.getfixturevalue("reviewer_client")


def test_the_list_offers_the_import_and_the_export(keeper_client):
    page = keeper_client.get(LIST).content.decode()

    assert f'href="{IMPORT}"' in page
    assert f'href="{EXPORT}"' in page


def test_an_import_adds_and_updates_and_says_how_many(keeper_client):
    SupportMeasure.objects.create(name="地域未来交付金", ministry="内閣府", fields=["industry"])

    response = keeper_client.post(
        IMPORT,
        {
            "file": csv_file(
                "地域未来交付金,内閣府,交付金,industry tourism,,2026,,1,1,,1",
                "地域公共交通確保維持改善事業,国土交通省,補助事業,C,,R8,https://www.mlit.go.jp/,0,1,,1",
                bom=False,
            )
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "追加 1 件、更新 1 件、変更なし 0 件" in response.content.decode()
    assert SupportMeasure.objects.get(name="地域未来交付金").fields == ["industry", "tourism"]
    assert SupportMeasure.objects.get(ministry="国土交通省").fiscal_years == [2026]


def test_an_import_with_errors_is_refused_and_lists_each_with_row_and_column(operator_client):
    response = operator_client.post(
        IMPORT,
        {
            "file": csv_file(
                "良い行,内閣府,交付金,industry,,2026,,0,1,,1",
                "悪い分野,内閣府,交付金,fishery,,2026,,0,1,,1",
                "悪い年度,内閣府,交付金,industry,,二〇二六,,0,1,,1",
                "悪いURL,内閣府,交付金,industry,,2026,ftp://x,0,1,,1",
                "悪い種類,内閣府,助成金,industry,,2026,,0,1,,1",
                ",内閣府,交付金,industry,,2026,,0,1,,1",
                "良い行,内閣府,交付金,industry,,2026,,0,1,,1",
            )
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "6 件の誤りがあるため、何も取り込みませんでした" in page
    for row, column in [
        (3, "分野"),
        (4, "年度"),
        (5, "URL"),
        (6, "種類"),
        (7, "名称"),
        (8, "名称"),
    ]:
        assert f"<td>{row}行目</td>\n    <td>{column}</td>" in page, (row, column)
    assert "fishery" in page and "二〇二六" in page
    assert not SupportMeasure.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "入力されたファイルは空です"),  # Django's own check of an empty upload
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8\xff", "UTF-8"),
        ("名称,府省名\r\n".encode("cp932"), "UTF-8"),
        (b"\xff\xfe" + "名称".encode("utf-16-le"), "UTF-16"),
        (b"a,b\r\n" + b"x" * MAX_BYTES, "大きすぎます"),
        (HEADER.encode(), "支援措置の行がありません"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_never_a_500(operator_client, content, message):
    response = operator_client.post(IMPORT, {"file": SimpleUploadedFile("x.csv", content)})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SupportMeasure.objects.exists()


def test_a_post_without_a_file_keeps_the_page(operator_client):
    response = operator_client.post(IMPORT, {})

    assert response.status_code == 400
    assert "このフィールドは必須です" in response.content.decode()


def test_the_export_is_the_whole_catalogue_and_reads_back(operator_client):
    SupportMeasure.objects.create(
        name="=SUM(A1)", ministry="内閣府", fields=["other"], tags=["特区"], is_published=False
    )
    SupportMeasure.objects.create(name="交付金", ministry="総務省", is_published=True)

    response = operator_client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="support-measures.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows, errors = read_csv(response.content)
    assert errors == []
    assert {(r.measure.name, r.is_published) for r in rows} == {
        ("=SUM(A1)", False),
        ("交付金", True),
    }


def test_the_form_checks_the_lists_as_the_csv_does(operator_client):
    response = operator_client.post(
        "/admin/support/supportmeasure/add/",
        {
            "name": "新しい措置",
            "ministry": "内閣府",
            "kind": "grant",
            "fields": ["industry"],
            "tags": "観光、DX",
            "fiscal_years": "令和8 2099年度 1999",
            "url": "javascript:alert(1)",
            "summary": "",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "年度 1999 は範囲の外です" in page
    assert "http:// か https:// で始まる URL ではありません" in page
    assert 'value="観光、DX"' in page  # what was typed is kept
    assert not SupportMeasure.objects.exists()


def test_the_form_saves_a_measure_and_shows_it_on_the_public_page(operator_client, client):
    response = operator_client.post(
        "/admin/support/supportmeasure/add/",
        {
            "name": "地方大学・地域産業創生交付金",
            "ministry": "内閣府",
            "kind": "grant",
            "fields": ["industry"],
            "tags": "大学 人材",
            "fiscal_years": "令和8",
            "url": "https://www.chisou.go.jp/",
            "is_open": "on",
            "is_published": "on",
            "summary": "",
        },
    )

    assert response.status_code == 302
    measure = SupportMeasure.objects.get()
    assert (measure.tags, measure.fiscal_years) == (["大学", "人材"], [2026])
    assert "地方大学・地域産業創生交付金" in client.get("/support/").content.decode()
    edit = operator_client.get(f"/admin/support/supportmeasure/{measure.pk}/change/")
    assert 'value="大学、人材"' in edit.content.decode()
    assert 'value="2026"' in edit.content.decode()


def test_a_deletion_in_the_admin_takes_the_measure_off_the_cached_page(operator_client, client):
    measure = SupportMeasure.objects.create(name="消す措置", ministry="内閣府", is_published=True)
    SupportMeasure.objects.create(name="残る措置", ministry="内閣府", is_published=True)
    assert "消す措置" in client.get("/support/").content.decode()

    response = operator_client.post(
        f"/admin/support/supportmeasure/{measure.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert "消す措置" not in client.get("/support/").content.decode()


@pytest.mark.parametrize("url", [LIST, IMPORT, EXPORT, "/admin/support/supportmeasure/add/"])
def test_a_region_editor_with_admin_access_cannot_reach_the_catalogue(url):
    other = signed_in(UserFactory(username="staff-only", is_staff=True))

    assert other.get(url).status_code in (302, 403)
    assert other.post(IMPORT, {"file": csv_file("A,内閣府,交付金,,,,,0,1,,1")}).status_code in (
        302,
        403,
    )
    assert not SupportMeasure.objects.exists()


def test_anonymous_visitors_are_sent_to_the_admin_log_in(client):
    for url in (LIST, IMPORT, EXPORT):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
