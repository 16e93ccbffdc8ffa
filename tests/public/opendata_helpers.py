"""Published open data for the machine-readability and DCAT tests (ADR 0123): the setouchi
region (with a 法人番号 on one company) and one published support measure."""

import csv
import io
from dataclasses import replace

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from filing.data import FieldCode
from public.datasets import csv_distributions
from support.models import SupportMeasure
from tests.public_data import publish_region, valid_filing

# 国税庁's own 法人番号.
CORPORATE_NUMBER = "7000012050002"


def publish_open_data():
    """Every multi-valued column of every CSV has a cell with several values (ADR 0129)."""
    filing = valid_filing()
    members = tuple(
        replace(m, corporate_number=CORPORATE_NUMBER) if m.key == "kaiun" else m
        for m in filing.members
    )
    first, *others = filing.vision.projects
    first = replace(
        first,
        fields=(FieldCode.INDUSTRY, FieldCode.TRANSPORT),
        cluster_type="strategic_industry_cluster",
        strategic_fields=("shipbuilding", "ai_semiconductors"),
    )
    vision = replace(filing.vision, projects=(first, *others))
    published = publish_region("setouchi", replace(filing, members=members, vision=vision))
    SupportMeasure.objects.create(
        name="地域未来交付金",
        ministry="内閣府",
        kind="grant",
        fields=["industry", "tourism"],
        tags=["広域連携", "人材育成"],
        fiscal_years=[2026, 2027],
        cluster_types=["strategic_industry_cluster", "regional_industry_cluster"],
        strategic_fields=["ai_semiconductors", "quantum"],
        url="https://www.chisou.go.jp/",
        is_published=True,
    )
    return published


def served_csv_paths() -> set[str]:
    """Every ``/opendata/*.csv`` the URLconf serves."""
    found = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern) and text.startswith("opendata/"):
                if text.endswith(".csv"):
                    found.add("/" + text)

    walk(get_resolver().url_patterns)
    return found


def fetch_csvs(client) -> dict[str, tuple]:
    """name → (response, rows as lists, the text) of every CSV of ``public.datasets``."""
    files = {}
    for item in csv_distributions():
        response = client.get(reverse(item.url_name))
        assert response.status_code == 200, item.title
        text = response.content.decode("utf-8-sig")
        files[item.title] = (item, response, list(csv.reader(io.StringIO(text))))
    return files
