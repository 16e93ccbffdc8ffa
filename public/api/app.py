"""The ``NinjaAPI`` itself: its title, licence and description, the root endpoint,
and the routers of ``public.api.regions`` and ``public.api.site`` mounted on it."""

from functools import partial

from django.conf import settings
from django.urls import reverse
from ninja import NinjaAPI

from public.api import organizations, regions, site, strategy, support
from public.api.payloads import absolute, licence
from public.api.rendering import RENDERER, head_as_get, openapi_json
from public.api.schemas import RootOut
from public.datasets import DATASETS
from public.licence import data_licence

# The OpenAPI document is written once, with the licence configured when the process starts.
LICENCE = data_licence()


class _PortalApi(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # The operation ids the API published before it became a package of modules
        # ("public_api_region_list"): clients generated from the document keep their names.
        return f"public_api_{operation.view_func.__name__}"

    def _get_urls(self):
        # Every URL also answers HEAD; the OpenAPI document is written by the portal's renderer;
        # the common answers (regions.KEPT_RESPONSES, support.KEPT_RESPONSES) come from the
        # cache as bytes.
        kept = {
            **regions.KEPT_RESPONSES,
            **support.KEPT_RESPONSES,
            **organizations.KEPT_RESPONSES,
        }
        patterns = super()._get_urls()
        for pattern in patterns:
            if pattern.name == "openapi-json":
                pattern.callback = partial(openapi_json, api=self)
            if pattern.name in kept:
                # answered from the cached bytes on a hit, before ninja parses anything
                pattern.callback = kept[pattern.name](pattern.callback)
            pattern.callback = head_as_get(pattern.callback)
        return patterns


api = _PortalApi(
    title="広域リージョン連携ポータル オープンデータ API",
    version="1",
    description=(
        "広域リージョン連携推進要綱に基づいて公表された連携宣言書・連携ビジョン・プロジェクトを、"
        "読み取り専用の JSON で提供します。公表された版だけを返します。"
        f"データは {LICENCE.name}（{LICENCE.url}）の条件で"
        f"利用できます。出典として「{settings.PORTAL_NAME}」と記載してください。"
        + (f"{LICENCE.note}。" if LICENCE.note else "")
    ),
    urls_namespace="api-1",
    renderer=RENDERER,
    docs_url=None,
    openapi_extra={"info": {"license": {"name": LICENCE.name, "url": LICENCE.url}}},
)
api.add_router("", regions.router)
api.add_router("", site.router)
api.add_router("", support.router)
api.add_router("", organizations.router)
api.add_router("", strategy.router)


@api.get("/", response=RootOut, url_name="root", summary="この API の案内とライセンス")
def root(request):
    def url(name, **kwargs):
        return absolute(request, reverse(name, kwargs=kwargs))

    return {
        "name": api.title,
        "description": api.description,
        "license": licence(),
        "openapi": url("api-1:openapi-json"),
        "endpoints": {
            "regions": url("api-1:region_list"),
            "members": url("api-1:member_list"),
            "projects": url("api-1:project_list"),
            "budgets": url("api-1:budgets"),
            "support-measures": url("api-1:support_measure_list"),
            "strategy": url("api-1:strategy"),
        },
        "downloads": downloads(url),
    }


def downloads(url) -> dict[str, str]:
    """Every file of the open data (each CSV, its long-format companions and the feed), by
    its name, from the one registry of ``public.datasets``, and the DCAT catalogue: a file
    added there is named here too."""
    files = {
        distribution.title: url(distribution.url_name)
        for dataset in DATASETS
        for distribution in dataset.distributions
        if not distribution.url_name.startswith("api-")
    }
    files["catalog.jsonld"] = url("opendata_catalog")  # DCAT-AP (ADR 0123)
    return files
