"""The portal's own pages: 運営者・お問い合わせ, プライバシーポリシー, アクセシビリティ方針.

The accessibility statement follows JIS X 8341-3:2016 practice: the target level, the
scope, the test method and the results, dated. ``CHECKED_PAGES`` is the scope; the
browser tests (``tests/browser/test_public_browser.py``) run axe-core on exactly these
pages at both widths, so the statement says what the tests check.
"""

from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

# The day the statement (and its results) were last confirmed.
STATEMENT_DATE = date(2026, 12, 2)
VIEWPORT_WIDTHS = (1280, 375)

# (what the page is, an example address): the public pages the statement covers.
CHECKED_PAGES = (
    (_("ホーム"), "/"),
    (_("宣言リージョン一覧（検索・絞り込みを含む）"), "/regions/"),
    (_("宣言リージョンのページ（現在の内容）"), "/regions/setouchi/"),
    (_("過去の時点の内容"), "/regions/setouchi/revisions/d1/"),
    (_("版の違い"), "/regions/setouchi/diff/"),
    (_("構成団体のページ"), "/organizations/lg-332020/"),
    (_("宣言リージョンの重なり"), "/overlaps/"),
    (_("オープンデータ"), "/opendata/"),
    (_("PDF の照合"), "/verify/"),
    (_("運営者・お問い合わせ"), "/about/"),
    (_("プライバシーポリシー"), "/privacy/"),
    (_("アクセシビリティ方針"), "/accessibility/"),
)


@require_safe
def about(request):
    return render(
        request,
        "pages/about.html",
        {
            "operator": settings.PORTAL_OPERATOR,
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
            "contact_phone": settings.PORTAL_CONTACT_PHONE,
        },
    )


@require_safe
def privacy(request):
    return render(request, "pages/privacy.html", {"operator": settings.PORTAL_OPERATOR})


@require_safe
def accessibility(request):
    return render(
        request,
        "pages/accessibility.html",
        {
            "statement_date": STATEMENT_DATE,
            "checked_pages": CHECKED_PAGES,
            "widths": VIEWPORT_WIDTHS,
            "operator": settings.PORTAL_OPERATOR,
        },
    )
