"""Nothing unpublished appears anywhere public (issue: "Never leak").

The database holds one region in each state — draft, submitted, returned, accepted and
scheduled, published, published and then changed with a draft change, abolished — plus
reviewer comments, accept/return comments, invitations, and staff users with distinctive
names and e-mail addresses. Every unpublished text carries a marker; every public page,
API endpoint, CSV file and feed is fetched and searched for every marker. Everything goes
through the real services, PDFs included.
"""

import datetime
import json
import re
from dataclasses import replace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, RegionRole
from declarations.lifecycle import Status
from filing.data import ImplementerData, MemberData, MemberKind
from public.datasets import csv_distributions
from reports.models import Verification
from reports.services import verification_return
from reviews.models import Comment
from support.models import SupportMeasure
from tests.attachments.helpers import (
    ATTACHMENT_PUBLISHED,
    ATTACHMENT_SECRETS,
    file_public_and_private,
    file_unpublished,
)
from tests.factories import UserFactory
from tests.prebuilt import restored
from tests.public_data import (
    abolished,
    change_region,
    changed,
    file_revisions,
    skip_pdfs,
    valid_filing,
)
from tests.reports.helpers import complete, file_verification
from workflow.verbs import revision_accept, revision_submit

pytestmark = pytest.mark.django_db

# Staff: never shown publicly, neither names nor e-mail addresses nor user names.
STAFF = [
    {
        "username": "leak-reviewer-q7",
        "first_name": "審査子",
        "last_name": "漏洩",
        "email": "leak.reviewer.q7@mic-secret.example.jp",
        "is_staff": True,
    },
    {
        "username": "leak-editor-q7",
        "first_name": "編集郎",
        "last_name": "秘匿",
        "email": "leak.editor.q7@region-secret.example.jp",
    },
]
INVITED_EMAIL = "invited.person.q7@secret-invite.example.jp"
REVIEWER_COMMENT = "審査メモLEAKCOMMENTQ7 内部の指摘"
RETURN_COMMENT = "差戻し理由LEAKRETURNQ7"
ACCEPT_COMMENT = "受理メモLEAKACCEPTQ7"
PUBLISHED_NAME = "公表済みリージョンOKQ7"
# 検証 records (ADR 0105): only the published one is public.
VERIFICATION_PUBLISHED = "公表した検証OKQ7"
VERIFICATION_SECRETS = {
    "draft": "検証の下書きLEAKVERIFDRAFTQ7",
    "submitted": "審査中の検証LEAKVERIFSUBMITTEDQ7",
    "returned": "差し戻された検証LEAKVERIFRETURNEDQ7",
    "return_comment": "検証の差戻し理由LEAKVERIFCOMMENTQ7",
}
# Yearly results (ADR 0108) on the published region: only the published one is public; a draft,
# a submitted and a returned result and a correction not yet accepted never are (their values
# are written as the API, the CSV and the page would write them).
RESULT_PUBLISHED = "公表した実績OKQ7"
RESULT_SECRETS = {
    "draft": "実績の下書きLEAKRESULTDRAFTQ7",
    "draft_url": "https://example.jp/LEAKRESULTURLQ7",
    "submitted": "審査中の実績LEAKRESULTSUBMITTEDQ7",
    "returned": "差し戻された実績LEAKRESULTRETURNEDQ7",
    "return_comment": "実績の差戻し理由LEAKRESULTCOMMENTQ7",
    "correction": "受理前の訂正LEAKRESULTCORRECTIONQ7",
}
RESULT_VALUES = ["7531.25", "7,531.25", "9517.75", "9,517.75", "43.21", "8642.75", "8,642.75"]


def marked(marker: str, slug_name: str | None = None):
    """The valid filing with ``marker`` in its name, aspiration, a member, a project."""
    filing = valid_filing()
    member = MemberData(f"m{marker.lower()}", f"構成団体{marker}", MemberKind.COMPANY)
    projects = list(filing.vision.projects)
    projects[0] = replace(
        projects[0],
        name=f"プロジェクト{marker}",
        content=f"内容{marker}",
        implementers=(*projects[0].implementers, ImplementerData(member=member.key)),
        targets=(replace(projects[0].targets[0], name=f"指標{marker}", source=f"出典{marker}"),),
        # the national strategy's terms (ADR 0121): every state's project carries them, so a
        # filter or a total that read an unpublished revision would show it
        cluster_type="strategic_industry_cluster",
        strategic_fields=("ocean",),
    )
    return replace(
        filing,
        declaration=replace(
            filing.declaration,
            region_name=slug_name or f"リージョン{marker}",
            aspiration=f"目指すべき姿{marker}",
            # the English name and summary (ADR 0124): the /en/ pages show them once published
            region_name_en=f"Region {marker}",
            aspiration_en=f"Aspiration {marker}",
        ),
        members=(*filing.members, member),
        vision=replace(filing.vision, projects=tuple(projects)),
    )


MARKERS = {
    "draft": "LEAKDRAFTQ7",
    "submitted": "LEAKSUBMITTEDQ7",
    "returned": "LEAKRETURNEDQ7",
    "scheduled": "LEAKSCHEDULEDQ7",
    "draft_change": "LEAKDRAFTCHANGEQ7",
    "submitted_abolition": "LEAKABOLITIONQ7",
}
# The support-measure catalogue (ADR 0114): a measure not published is never public, nor
# its summary, tags or URL.
MEASURE_PUBLISHED = "公表した支援措置OKQ7"
MEASURE_SECRETS = {
    "name": "未公表の支援措置LEAKMEASUREQ7",
    "summary": "支援措置の下書きLEAKMEASURESUMMARYQ7",
    "tag": "LEAKMEASURETAGQ7",
    "url": "https://example.jp/LEAKMEASUREURLQ7",
}
# 事前相談 (ADR 0116): a question and its answer on a draft; never public.
ADVICE_SECRETS = {
    "question": "事前相談LEAKADVICEQ7",
    "answer": "事前相談の回答LEAKADVANSWERQ7",
}
# Requests for new support measures (ADR 0116): public only once a reviewer publishes one
# with its outcome (and even then a forwarding's answer stays with the region).
REQUEST_PUBLISHED = "公表した求めOKQ7"
REQUEST_OUTCOME = "公表した結果OKQ7"
REQUEST_SECRETS = {
    "draft": "求めの下書きLEAKREQDRAFTQ7",
    "submitted": "提出した求めLEAKREQSUBMITTEDQ7",
    "needed": "求める支援LEAKREQNEEDEDQ7",
    "answer": "府省の回答LEAKREQANSWERQ7",
    "published_answer": "公表した求めへの府省の回答LEAKREQPUBANSWERQ7",
    "withdrawn": "公表をやめた求めLEAKREQWITHDRAWNQ7",
}
# Pins and hides of matched measures (ADR 0115): a hide's note is the reviewers' own, and a
# pin of a measure that is not published shows neither the measure nor the note.
MATCH_SECRETS = {
    "hidden_note": "非表示のメモLEAKMATCHHIDEQ7",
    "pinned_unpublished_note": "非公表の固定のメモLEAKMATCHPINQ7",
}
MATCH_PIN_NOTE = "公表した固定のメモOKQ7"
SECRETS = [
    *MARKERS.values(),
    REVIEWER_COMMENT,
    "LEAKCOMMENTQ7",
    RETURN_COMMENT,
    ACCEPT_COMMENT,
    INVITED_EMAIL,
    *(value for person in STAFF for key, value in person.items() if key != "is_staff"),
    *VERIFICATION_SECRETS.values(),
    *RESULT_SECRETS.values(),
    *RESULT_VALUES,
    *MEASURE_SECRETS.values(),
    *ADVICE_SECRETS.values(),
    *REQUEST_SECRETS.values(),
    *MATCH_SECRETS.values(),
    *ATTACHMENT_SECRETS.values(),
]


@pytest.fixture
def every_state():
    """Every state, with the real PDFs of each submission made as the worker makes them.
    Built once per process; each test gets the rows and the PDFs' files (ADR 0136)."""
    return restored(every_state_with_pdfs)


def every_state_with_pdfs():
    from tests.review_helpers import make_documents

    state = build_every_state()
    make_documents()
    cache.clear()  # the pages cached while the PDFs were 「作成中」
    return state


@pytest.fixture
def every_state_without_pdfs(monkeypatch):
    """The same, without making PDFs (a second each): for the tests that do not read them.
    Built once per process and restored into each test (tests.prebuilt, ADR 0132)."""
    skip_pdfs(monkeypatch)
    return restored(build_every_state)


def build_every_state():
    cache.clear()
    reviewer = UserFactory(**STAFF[0])
    editor = UserFactory(**STAFF[1])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    file_revisions(marked(MARKERS["draft"]), slug="draft", status=Status.DRAFT, actor=reviewer)
    file_revisions(
        marked(MARKERS["submitted"]), slug="submitted", status=Status.SUBMITTED, actor=reviewer
    )
    file_revisions(
        marked(MARKERS["returned"]),
        slug="returned",
        status=Status.RETURNED,
        actor=reviewer,
        comment=RETURN_COMMENT,
    )
    file_revisions(
        marked(MARKERS["scheduled"]),
        slug="scheduled",
        status=Status.ACCEPTED,
        actor=reviewer,
        publish_on=tomorrow,
    )

    # Published, with an accept comment and a reviewer's comment on the published revision.
    published = file_revisions(
        marked("OKQ7", PUBLISHED_NAME), slug="published", status=Status.DRAFT
    )
    file_public_and_private(published, editor)  # attachments (ADR 0118)
    for revision in (published.declaration_revision, published.vision_revision):
        revision_submit(revision=revision, actor=editor)
        revision_accept(revision=revision, actor=reviewer, comment=ACCEPT_COMMENT)
        Comment.objects.create(
            region=published.region,
            content_type=ContentType.objects.get_for_model(revision),
            object_id=revision.pk,
            anchor="declaration.aspiration",
            author=reviewer,
            by_reviewer=True,
            body=REVIEWER_COMMENT,
        )
    RegionRole.objects.create(user=editor, region=published.region, role=RegionRole.Role.EDITOR)
    Invitation.issue(
        email=INVITED_EMAIL, region=published.region, role="editor", invited_by=reviewer
    )

    # 検証 records: one published and one submitted on the published region, a draft on
    # the changing one, a returned one (with its comment) on the pending one.
    file_verification(published.region, editor, summary=VERIFICATION_PUBLISHED)
    file_verification(
        published.region,
        editor,
        status=Status.SUBMITTED,
        summary=VERIFICATION_SECRETS["submitted"],
    )

    file_results(published, editor, reviewer)

    # Published, then a change that is still a draft.
    changing = file_revisions(marked("CHGOKQ7", "変更前の公表リージョンQ7"), slug="changing")
    file_unpublished(
        change_region(
            changing.region,
            changed(marked(MARKERS["draft_change"])),
            status=Status.DRAFT,
        ),
        editor,
    )

    # Abolished: published, then an abolition published.
    gone = file_revisions(marked("GONEQ7", "廃止リージョンQ7"), slug="abolished")
    change_region(gone.region, abolished(marked("GONEQ7", "廃止リージョンQ7")))

    # Published, with an abolition submitted but not yet accepted.
    pending = file_revisions(marked("PENDQ7", "廃止審査中リージョンQ7"), slug="pending")
    change_region(
        pending.region,
        abolished(marked(MARKERS["submitted_abolition"])),
        status=Status.SUBMITTED,
    )
    file_verification(changing.region, editor, status=Status.DRAFT)
    complete(
        Verification.objects.get(vision__region=changing.region),
        summary=VERIFICATION_SECRETS["draft"],
    )
    returned = file_verification(
        pending.region, editor, status=Status.SUBMITTED, summary=VERIFICATION_SECRETS["returned"]
    )
    verification_return(
        verification=returned, actor=reviewer, comment=VERIFICATION_SECRETS["return_comment"]
    )
    shown = SupportMeasure.objects.create(
        name=MEASURE_PUBLISHED,
        ministry="内閣府",
        fields=["industry"],
        fiscal_years=[2026],
        is_published=True,
    )
    unpublished = SupportMeasure.objects.create(
        name=MEASURE_SECRETS["name"],
        ministry="内閣府",
        fields=["industry", "tourism", "transport", "other"],
        tags=[MEASURE_SECRETS["tag"]],
        url=MEASURE_SECRETS["url"],
        summary=MEASURE_SECRETS["summary"],
        gives_priority=True,
        is_published=False,
    )
    file_matches(published, shown, unpublished, reviewer)
    file_advice(changing.region, editor, reviewer)
    file_support_requests(published.region, editor, reviewer)
    cache.clear()
    return {"reviewer": reviewer, "editor": editor}


def file_matches(published, shown, unpublished, reviewer):
    """On the published region: the published measure hidden under its first project (the
    note private), pinned under the second; the unpublished measure pinned under the third."""
    from support.match_services import match_hide, match_pin

    first, second, third = [p.name for p in published.vision_revision.projects.all()][:3]
    region = published.region
    match_hide(
        region=region,
        project_name=first,
        measure=shown,
        note=MATCH_SECRETS["hidden_note"],
        actor=reviewer,
    )
    match_pin(
        region=region, project_name=second, measure=shown, note=MATCH_PIN_NOTE, actor=reviewer
    )
    match_pin(
        region=region,
        project_name=third,
        measure=unpublished,
        note=MATCH_SECRETS["pinned_unpublished_note"],
        actor=reviewer,
    )


def file_advice(region, editor, reviewer):
    """A 事前相談 on the region's draft change, answered (ADR 0116)."""
    from declarations.models import DeclarationRevision
    from reviews.advice import advice_ask, advice_comment

    draft = DeclarationRevision.objects.get(declaration__region=region, status=Status.DRAFT)
    advice = advice_ask(revision=draft, actor=editor, question=ADVICE_SECRETS["question"])
    advice_comment(advice=advice, author=reviewer, body=ADVICE_SECRETS["answer"], by_reviewer=True)


def file_support_requests(region, editor, reviewer):
    """A draft, a submitted one forwarded and answered, a published one (its forwarding's
    answer private) and one published and then withdrawn (ADR 0116)."""
    from support.request_services import (
        RequestInput,
        forwarding_record,
        region_project_names,
        request_publish,
        request_save,
        request_submit,
    )

    project = region_project_names(region)[-1]

    def filed(title, needed=REQUEST_SECRETS["needed"], submit=True):
        data = RequestInput(
            title=title,
            project_names=[project],
            needed=needed,
            reason="理由",
            ministries=["総務省"],
        )
        request = request_save(region=region, actor=editor, data=data)
        return request_submit(request=request, actor=editor) if submit else request

    filed(REQUEST_SECRETS["draft"], submit=False)
    submitted = filed(REQUEST_SECRETS["submitted"])
    day = datetime.date(2026, 12, 1)
    forwarding_record(
        request=submitted,
        actor=reviewer,
        ministry="国土交通省",
        forwarded_on=day,
        status="answered",
        answer=REQUEST_SECRETS["answer"],
    )
    shown = filed(REQUEST_PUBLISHED, needed="公表した求めの内容OKQ7")
    forwarding_record(
        request=shown,
        actor=reviewer,
        ministry="国土交通省",
        forwarded_on=day,
        status="done",
        answer=REQUEST_SECRETS["published_answer"],
    )
    request_publish(request=shown, actor=reviewer, outcome=REQUEST_OUTCOME)
    withdrawn = filed(REQUEST_SECRETS["withdrawn"])
    request_publish(request=withdrawn, actor=reviewer, outcome="結果")
    request_publish(request=withdrawn, actor=reviewer, publish=False)


def file_results(published, editor, reviewer):
    from tests.public.results_helpers import PDF, correct, file_result, target_key

    region, revision = published.region, published.vision_revision
    tourism = target_key(revision, "周遊ルートの観光入込客数")
    share = target_key(revision, "自家用車による観光移動の割合")
    shown = file_result(
        region, editor, reviewer, tourism, 2026, "1234.5", comment=RESULT_PUBLISHED, evidence=PDF
    )
    correct(shown, editor, reviewer, "8642.75", comment=RESULT_SECRETS["correction"])
    file_result(
        region,
        editor,
        reviewer,
        tourism,
        2027,
        "7531.25",
        status=Status.DRAFT,
        comment=RESULT_SECRETS["draft"],
        evidence_url=RESULT_SECRETS["draft_url"],
        evidence=PDF,
    )
    file_result(
        region,
        editor,
        reviewer,
        tourism,
        2028,
        "9517.75",
        status=Status.SUBMITTED,
        comment=RESULT_SECRETS["submitted"],
        evidence=PDF,
    )
    file_result(
        region,
        editor,
        reviewer,
        share,
        2026,
        "43.21",
        status=Status.RETURNED,
        comment=RESULT_SECRETS["returned"],
        return_comment=RESULT_SECRETS["return_comment"],
        evidence=PDF,
    )


SLUGS = [
    "draft",
    "submitted",
    "returned",
    "scheduled",
    "published",
    "changing",
    "abolished",
    "pending",
]
KEYS = ["d1", "d2", "d3", "v1", "v2", "v3"]


def organization_urls() -> list[str]:
    """The page and the API of every organisation any region names in any state (ADR 0122):
    those only in unpublished revisions must be 404, the others show published regions only."""
    from declarations.models import Member
    from public.selectors.organizations import organization_id

    rows = Member.objects.values_list("kind", "name", "lg_code", "corporate_number")
    ids = {organization_id(*row) for row in rows}
    return [
        url for i in sorted(ids) for url in (f"/organizations/{i}/", f"/api/v1/organizations/{i}")
    ]


def public_urls() -> list[str]:
    urls = [
        "/",
        "/regions/",
        "/regions/?status=abolished",
        "/opendata/",
        "/opendata/catalog.jsonld",
        # every CSV of public.datasets, the long-format companions too (ADR 0129); the
        # machine-readability test checks that the table lists every CSV the URLconf serves
        *(reverse(item.url_name) for item in csv_distributions()),
        "/support/",
        "/support/?field=industry",
        "/support/?priority=1&kind=subsidy",
        "/api/v1/support-measures",
        "/api/v1/support-measures?field=industry&priority=true",
        "/feeds/publications.atom",
        "/api/v1/",
        "/api/v1/openapi.json",
        "/api/v1/regions",
        "/api/v1/regions?status=abolished",
        "/api/v1/members?limit=500",
        "/api/v1/projects?limit=500",
        "/api/v1/budgets",
        "/overlaps/",  # where regions overlap (ADR 0122)
        # the national strategy's terms (ADR 0121)
        "/strategy/",
        "/api/v1/strategy",
        "/regions/?cluster_type=strategic_industry_cluster",
        "/regions/?strategic_field=ocean",
        "/regions/?strategic_field=unknown",
        "/api/v1/regions?strategic_field=ocean&cluster_type=strategic_industry_cluster",
        "/api/v1/projects?strategic_field=ocean&limit=500",
    ]
    urls += organization_urls()
    for marker in ("LEAK", *MARKERS.values(), "構成団体", "プロジェクト", "漏洩", "秘匿"):
        urls += [
            f"/regions/?q={marker}",
            f"/api/v1/regions?q={marker}",
            f"/api/v1/members?q={marker}",
            f"/api/v1/projects?q={marker}",
        ]
    for slug in SLUGS:
        urls += [
            f"/regions/{slug}/",
            f"/regions/{slug}/diff/",
            f"/regions/{slug}/summary/",  # the one-page summary (ADR 0124)
            f"/api/v1/regions/{slug}",
            f"/api/v1/regions/{slug}/revisions",
            f"/api/v1/regions/{slug}/members",
            f"/api/v1/regions/{slug}/projects",
            f"/api/v1/regions/{slug}/budgets",
            f"/api/v1/regions/{slug}/targets",
        ]
        for key in KEYS:
            urls += [f"/regions/{slug}/revisions/{key}/", f"/api/v1/regions/{slug}/revisions/{key}"]
            urls.append(f"/regions/{slug}/diff/?from=d1&to={key}")
    # every public page in English too (/en/, ADR 0124); the API, the CSVs and the feed have
    # one address, language-neutral
    urls += [
        f"/en{url}"
        for url in urls
        if not url.startswith(("/api/", "/feeds/")) and ".csv" not in url
    ]
    return urls


def readable(response) -> str:
    """The body as text a person would read: JSON with its escapes undone; in HTML, the
    search box's echo of the query (value="…" and the page links' ?q=…) left out, since
    what the visitor typed is not a leak."""
    body = response.content.decode("utf-8-sig")
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    body = re.sub(r'\svalue="[^"]*"', "", body)
    # the language switch links to this page, query and all, in the other language (ADR 0124)
    body = re.sub(r'<ul class="language-switch".*?</ul>', "", body, flags=re.DOTALL)
    return re.sub(r'href="\?[^"]*"', "", body)


def test_no_public_page_api_csv_or_feed_shows_anything_unpublished(client, every_state):
    checked = 0
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        body = readable(response)
        for secret in SECRETS:
            assert secret not in body, f"{secret!r} leaked at {url}"
        checked += 1
    assert checked > 250


def test_published_content_is_there_so_the_check_above_means_something(
    client, every_state_without_pdfs
):
    assert PUBLISHED_NAME in client.get("/regions/").content.decode()
    # the English pages (ADR 0124) show the published region's English name (marked OK)
    assert "Region OKQ7" in client.get("/en/regions/published/").content.decode()
    # The organisations' pages (ADR 0122): a member of the published region has one, a member
    # only of unpublished revisions has none.
    from public.selectors.organizations import organization_id

    okq7 = organization_id("company", "構成団体OKQ7")
    assert PUBLISHED_NAME in client.get(f"/organizations/{okq7}/").content.decode()
    assert PUBLISHED_NAME in client.get("/organizations/lg-332020/").content.decode()
    assert PUBLISHED_NAME in client.get("/api/v1/organizations/lg-332020").content.decode()
    leak = organization_id("company", f"構成団体{MARKERS['draft']}")
    assert client.get(f"/organizations/{leak}/").status_code == 404
    assert f"/organizations/{okq7}/" in client.get("/regions/published/").content.decode()
    # every CSV has data rows, the long-format companions too (ADR 0129), so that its check
    # above means something
    for item in csv_distributions():
        body = client.get(reverse(item.url_name)).content.decode("utf-8-sig")
        assert len(body.split("\r\n")) > 2, f"{item.title} has rows"
    # targets.csv holds the published region's targets (so its check above means something)
    assert (
        "指標"
        in client.get("/opendata/targets.csv").content.decode("utf-8-sig").split("\r\n", 1)[1]
    )
    assert VERIFICATION_PUBLISHED in client.get("/regions/published/").content.decode()
    region_page = client.get("/regions/published/").content.decode()
    assert REQUEST_PUBLISHED in region_page and REQUEST_OUTCOME in region_page
    assert "このプロジェクトに関連する国の支援措置" in region_page and MATCH_PIN_NOTE in region_page
    assert MEASURE_PUBLISHED in client.get("/support/?field=industry").content.decode()
    assert MEASURE_PUBLISHED in client.get("/api/v1/support-measures").content.decode()
    assert MEASURE_PUBLISHED in client.get("/opendata/support-measures.csv").content.decode(
        "utf-8-sig"
    )
    assert RESULT_PUBLISHED in client.get("/regions/published/").content.decode()
    assert RESULT_PUBLISHED in client.get("/api/v1/regions/published/targets").content.decode()
    assert RESULT_PUBLISHED in client.get("/opendata/targets.csv").content.decode("utf-8-sig")
    assert "変更前の公表リージョンQ7" in client.get("/regions/changing/").content.decode()
    assert "廃止リージョンQ7" in client.get("/regions/abolished/").content.decode()
    assert "廃止審査中リージョンQ7" in client.get("/regions/pending/").content.decode()
    regions = client.get("/api/v1/regions").json()
    assert {r["slug"] for r in regions["items"]} == {
        "published",
        "changing",
        "abolished",
        "pending",
    }
    pending = client.get("/api/v1/regions/pending").json()["region"]
    assert pending["status"] == "active"  # the abolition is only submitted


def test_unpublished_regions_and_revisions_are_404(client, every_state_without_pdfs):
    for slug in ("draft", "submitted", "returned", "scheduled"):
        assert client.get(f"/regions/{slug}/").status_code == 404, slug
        assert client.get(f"/api/v1/regions/{slug}").status_code == 404, slug
    assert client.get("/regions/changing/revisions/d2/").status_code == 404
    assert client.get("/api/v1/regions/changing/revisions/d2").status_code == 404
    assert client.get("/regions/pending/revisions/d2/").status_code == 404


def test_pdf_links_on_public_pages_are_only_those_of_published_revisions(client, every_state):
    from declarations.models import DeclarationRevision
    from visions.models import VisionRevision

    published = {
        "declaration": set(
            DeclarationRevision.objects.filter(status=Status.PUBLISHED).values_list("pk", flat=True)
        ),
        "vision": set(
            VisionRevision.objects.filter(status=Status.PUBLISHED).values_list("pk", flat=True)
        ),
    }
    linked = []
    for slug in SLUGS:
        html = client.get(f"/regions/{slug}/").content.decode()
        linked += re.findall(r'href="/documents/(declaration|vision)/(\d+)/(\w+)', html)
    assert linked, "the published regions list their PDFs"
    for document, pk, kind in linked:
        assert int(pk) in published[document], (document, pk)
        assert kind != "cover"


def test_only_the_published_results_evidence_file_is_served(client, every_state_without_pdfs):
    from reports.models import TargetResult

    results = TargetResult.objects.filter(vision__region__slug="published")
    assert results.count() == 5
    for result in results:
        url = f"/regions/published/results/{result.pk}/evidence/"
        expected = 200 if result.comment == RESULT_PUBLISHED else 404
        assert result.evidence_file, result  # every one has a file: each 404 means something
        assert client.get(url).status_code == expected, (result.status, result.number)


def test_only_public_attachments_of_published_revisions_are_served(
    client, every_state_without_pdfs
):
    from attachments.models import Attachment

    page = client.get("/regions/published/").content.decode()
    assert ATTACHMENT_PUBLISHED in page and ATTACHMENT_PUBLISHED + "P" in page
    assert Attachment.objects.count() == 4
    for attachment in Attachment.objects.select_related("region"):
        url = f"/regions/{attachment.region.slug}/attachments/{attachment.pk}/"
        shown = attachment.title.startswith(ATTACHMENT_PUBLISHED)
        response = client.get(url)
        assert response.status_code == (200 if shown else 404), attachment.title
        if shown:
            assert response["Content-Disposition"].startswith("attachment")
            assert response["X-Content-Type-Options"] == "nosniff"
            assert f'href="{url}"' in page


def test_the_strategy_totals_count_only_the_current_published_projects(
    client, every_state_without_pdfs
):
    """ADR 0121: of the seven regions whose first project carries 海洋, three have a current
    published vision and are not abolished (published, changing, pending)."""
    body = client.get("/api/v1/strategy").json()
    ocean = next(row for row in body["by_strategic_field"] if row["code"] == "ocean")
    assert (ocean["project_count"], ocean["region_count"]) == (3, 3)
    page = client.get("/regions/?strategic_field=ocean").content.decode()
    assert PUBLISHED_NAME in page
    projects = client.get("/api/v1/projects?strategic_field=ocean&limit=500").json()
    assert projects["count"] == 3
