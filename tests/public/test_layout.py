"""The base layout, the home page and the error pages (Django test client)."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path
from django.views import defaults

from public.views import home as views

ROOT = Path(__file__).resolve().parents[2]
TOKENS_DIR = ROOT / "static" / "vendor" / "digital-go-jp-design-tokens"
PORTAL_CSS = ROOT / "static" / "css" / "portal.css"
# The templates this layout work owns; each user-facing string in them goes through gettext.
LAYOUT_TEMPLATES = [
    "base.html",
    "home.html",
    "404.html",
    "500.html",
    "403.html",
    "400.html",
    *(f"includes/{p.name}" for p in sorted((ROOT / "templates" / "includes").glob("*.html"))),
]


def _regions_list(request):
    return HttpResponse("regions")


class UrlsWithAccountsAndRegions:
    """A URLconf as it will be once login and the public region list exist."""

    urlpatterns = [
        path("", views.home, name="home"),
        path("admin/", admin.site.urls),
        path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
        path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
        path("regions/", include(([path("", _regions_list, name="list")], "regions"))),
    ]


class UrlsWithoutAccountsOrRegions:
    """A URLconf with neither login nor the region list: their links must not render."""

    urlpatterns = [
        path("", views.home, name="home"),
        path("admin/", admin.site.urls),
    ]


class Element:
    def __init__(self, tag, attrs, ancestors):
        self.tag = tag
        self.attrs = dict(attrs)
        self.ancestors = ancestors
        self.text = ""


class Page(HTMLParser):
    """Every element of a page, with its ancestors' tags and its own text."""

    VOID = {"meta", "link", "img", "br", "hr", "input", "source", "area", "base", "col", "wbr"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self._open = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, tuple(e.tag for e in self._open))
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def find_all(self, tag):
        return [e for e in self.elements if e.tag == tag]

    def first(self, tag):
        return self.find_all(tag)[0]

    def by_id(self, element_id):
        return [e for e in self.elements if e.attrs.get("id") == element_id]


def get_page(client, url="/"):
    response = client.get(url)
    return response, Page(response.content.decode())


def is_other_host(url):
    parts = urlsplit(url)
    return bool(parts.scheme in {"http", "https"} or parts.netloc)


@pytest.mark.django_db
def test_home_page_says_what_the_portal_is_in_japanese(client):
    response, page = get_page(client)

    assert response.status_code == 200
    assert page.first("html").attrs["lang"] == "ja"
    main = page.first("main").text
    assert settings.PORTAL_NAME in page.first("h1").text
    assert "広域リージョン連携推進要綱" in main
    for words in ("連携宣言書", "連携ビジョン", "リージョン構成団体の担当者", "総務省の審査担当"):
        assert words in main
    assert settings.PORTAL_NAME in page.first("title").text


@pytest.mark.django_db
def test_skip_link_is_the_first_link_and_points_at_main(client):
    _, page = get_page(client)

    skip_link = page.find_all("a")[0]
    assert skip_link.attrs["href"] == "#main"
    assert "本文へ移動" in skip_link.text
    targets = page.by_id("main")
    assert [t.tag for t in targets] == ["main"]
    # tabindex="-1" lets the browser move the keyboard focus onto <main>.
    assert targets[0].attrs.get("tabindex") == "-1"


@pytest.mark.django_db
@override_settings(DATA_LICENCE={"name": "テスト用ライセンス 9.9", "url": "https://example.org/l"})
def test_footer_states_the_data_licence_from_settings_and_the_master_data_source(client):
    _, page = get_page(client)

    footer = page.first("footer").text
    assert "テスト用ライセンス 9.9" in footer
    licence_links = [a for a in page.find_all("a") if "footer" in a.ancestors]
    assert "https://example.org/l" in [a.attrs["href"] for a in licence_links]
    assert "code4fukui/localgovjp" in footer
    assert "CC0 1.0" in footer
    assert "国土地理院" in footer
    assert "J-LIS" in footer


@pytest.mark.django_db
def test_signed_in_users_name_appears_in_the_header_family_name_first(client, django_user_model):
    anonymous = get_page(client)[1].first("header").text
    user = django_user_model.objects.create_user(
        "yamada", password="x", last_name="山田", first_name="太郎"
    )
    client.force_login(user)

    header = get_page(client)[1].first("header").text

    assert "山田 太郎" not in anonymous
    assert "山田 太郎 さん" in header


@pytest.mark.django_db
def test_signed_in_user_without_a_name_is_shown_by_user_name(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("kikaku-ka", password="x"))

    assert "kikaku-ka さん" in get_page(client)[1].first("header").text


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=UrlsWithAccountsAndRegions)
def test_logout_is_a_post_form_when_the_logout_url_exists(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("yamada", password="x"))

    _, page = get_page(client)

    forms = [f for f in page.find_all("form") if "header" in f.ancestors]
    assert len(forms) == 1
    assert forms[0].attrs["method"] == "post"
    assert forms[0].attrs["action"] == "/accounts/logout/"
    assert "ログアウト" in forms[0].text
    csrf = [
        e
        for e in page.find_all("input")
        if e.attrs.get("name") == "csrfmiddlewaretoken" and "form" in e.ancestors
    ]
    assert csrf


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=UrlsWithAccountsAndRegions)
def test_anonymous_visitor_gets_a_login_link_when_login_exists(client):
    _, page = get_page(client)

    assert "/accounts/login/" in [a.attrs["href"] for a in page.find_all("a")]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=UrlsWithoutAccountsOrRegions)
def test_missing_login_logout_and_region_list_urls_render_no_links(client, django_user_model):
    _, anonymous = get_page(client)
    client.force_login(django_user_model.objects.create_user("yamada", password="x"))
    response, signed_in = get_page(client)

    assert response.status_code == 200
    assert not [f for f in signed_in.find_all("form") if "header" in f.ancestors]
    for page in (anonymous, signed_in):
        assert "宣言リージョン一覧" not in page.first("nav").text
        assert "ログイン" not in page.first("header").text


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=UrlsWithAccountsAndRegions)
def test_navigation_links_the_region_list_once_it_exists(client):
    _, page = get_page(client)

    nav_links = {
        a.text.strip(): a.attrs["href"] for a in page.find_all("a") if "nav" in a.ancestors
    }
    assert nav_links["宣言リージョン一覧"] == "/regions/"
    assert nav_links["ホーム"] == "/"


@pytest.mark.django_db
def test_home_link_is_marked_as_the_current_page(client):
    _, page = get_page(client)

    home = [a for a in page.find_all("a") if "nav" in a.ancestors and a.text.strip() == "ホーム"]
    assert home[0].attrs.get("aria-current") == "page"


@pytest.mark.django_db
def test_admin_link_is_shown_to_staff_only(client, django_user_model):
    def nav_text():
        return get_page(client)[1].first("nav").text

    anonymous = nav_text()
    client.force_login(django_user_model.objects.create_user("region", password="x"))
    region_staff = nav_text()
    client.force_login(django_user_model.objects.create_user("mic", password="x", is_staff=True))
    reviewer = nav_text()

    assert "管理画面" not in anonymous
    assert "管理画面" not in region_staff
    assert "管理画面" in reviewer


@pytest.mark.django_db
def test_vendored_design_tokens_are_served_by_whitenoise_as_css(client):
    _, page = get_page(client)
    stylesheets = [
        e.attrs["href"] for e in page.find_all("link") if e.attrs.get("rel") == "stylesheet"
    ]
    tokens_url = next(url for url in stylesheets if "digital-go-jp-design-tokens" in url)

    tokens = client.get(tokens_url)

    assert tokens.status_code == 200
    assert tokens["Content-Type"].startswith("text/css")
    body = b"".join(tokens.streaming_content).decode()
    assert "--color-primitive-blue-1000" in body
    assert "--font-size-16" in body
    # The tokens load before the portal's own stylesheet, which uses them.
    assert stylesheets.index(tokens_url) < next(
        i for i, url in enumerate(stylesheets) if url.endswith("/portal.css")
    )


def test_vendored_design_tokens_carry_their_licence():
    licence = (TOKENS_DIR / "LICENSE").read_text()

    assert "MIT License" in licence
    assert "デジタル庁" in licence
    assert "@digital-go-jp/design-tokens@" in (TOKENS_DIR / "VERSION").read_text()


@pytest.mark.django_db
def test_home_page_loads_nothing_from_other_hosts(client):
    _, page = get_page(client)

    loaded = []
    for element in page.elements:
        for attribute in ("src", "href", "srcset", "data", "poster", "action"):
            value = element.attrs.get(attribute)
            # the hreflang alternates name this page in each language: not loaded (ADR 0124)
            if value and element.tag != "a" and element.attrs.get("rel") != "alternate":
                loaded.append((element.tag, value))
    assert loaded, "the page loads its stylesheets"
    assert [(tag, url) for tag, url in loaded if is_other_host(url)] == []

    outside_links = [a.attrs["href"] for a in page.find_all("a") if is_other_host(a.attrs["href"])]
    footer_links = [
        a.attrs["href"]
        for a in page.find_all("a")
        if "footer" in a.ancestors and is_other_host(a.attrs["href"])
    ]
    assert outside_links == footer_links


@pytest.mark.django_db
def test_home_page_has_no_inline_style_or_unnonced_script(client):
    response, page = get_page(client)

    assert "<style" not in response.content.decode()
    assert [e.tag for e in page.elements if "style" in e.attrs] == []
    assert [e for e in page.find_all("script") if "nonce" not in e.attrs] == []


def test_portal_css_takes_colours_type_sizes_and_radii_from_the_tokens():
    css = re.sub(r"/\*.*?\*/", "", PORTAL_CSS.read_text(), flags=re.DOTALL)
    declarations = re.findall(r"([a-z-]+)\s*:\s*([^;{}]+);", css)

    assert declarations
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b", css) == []
    assert re.findall(r"\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", css) == []
    for prop, value in declarations:
        if prop == "font-size":
            assert re.fullmatch(r"var\(--font-size-\d+\)", value.strip()), (prop, value)
        if prop == "border-radius":
            assert re.fullmatch(r"var\(--border-radius-[\w-]+\)", value.strip()), (prop, value)
        if prop in {"color", "background-color", "border-color", "border-left-color"}:
            assert value.strip().startswith("var(--") or value.strip() == "transparent", (
                prop,
                value,
            )


@pytest.mark.parametrize("name", LAYOUT_TEMPLATES)
def test_layout_templates_translate_every_japanese_string(name):
    source = (ROOT / "templates" / name).read_text()
    for pattern in (
        r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
        r"\{#.*?#\}",
        r"\{%\s*blocktranslate\b.*?%\}.*?\{%\s*endblocktranslate\s*%\}",
        r"\{%\s*translate\s+\"[^\"]*\"[^%]*%\}",
        r"\{%\s*translate\s+'[^']*'[^%]*%\}",
        r"_\(\"[^\"]*\"\)",
    ):
        source = re.sub(pattern, "", source, flags=re.DOTALL)
    # Attribute values inside a translate tag, e.g. aria-label="{% translate 'メインメニュー' %}",
    # are gone too; what remains must hold no Japanese text.
    assert re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]+", source) == []


@pytest.mark.django_db
def test_unknown_page_gets_a_japanese_404_in_the_layout(client):
    response, page = get_page(client, "/no-such-page/")

    assert response.status_code == 404
    assert page.first("html").attrs["lang"] == "ja"
    assert "ページが見つかりません" in page.first("h1").text
    assert settings.PORTAL_NAME in page.first("header").text
    assert page.by_id("main")


def test_server_error_page_renders_without_a_request_context(rf):
    response = defaults.server_error(rf.get("/"))

    page = Page(response.content.decode())
    assert response.status_code == 500
    assert page.first("html").attrs["lang"] == "ja"
    assert "サーバーでエラーが発生しました" in page.first("h1").text
    assert settings.PORTAL_NAME in page.first("header").text
    assert "code4fukui/localgovjp" in page.first("footer").text


def test_bad_request_page_renders_without_a_request_context(rf):
    response = defaults.bad_request(rf.get("/"), exception=None)

    assert response.status_code == 400
    assert "リクエストを処理できません" in Page(response.content.decode()).first("h1").text


@pytest.mark.django_db
def test_permission_denied_page_is_japanese(rf, django_user_model):
    request = rf.get("/")
    request.user = django_user_model.objects.create_user("yamada", password="x")

    response = defaults.permission_denied(request, exception=PermissionDenied())

    assert response.status_code == 403
    assert "アクセスできません" in Page(response.content.decode()).first("h1").text


@pytest.mark.django_db
def test_the_portal_has_its_own_icon(client):
    page = client.get("/")
    assert 'rel="icon"' in page.content.decode()
    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 301
    assert client.get(redirect["Location"]).status_code == 200
