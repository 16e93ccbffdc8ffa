"""Schemathesis against the open-data API on the live test server (issue 12, "keep it
holding"): the OpenAPI document is loaded from ``/api/v1/openapi.json`` as a client would
load it, with two published regions in the database (``tests.public_data``'s builds, made
once per process and restored: tests.prebuilt, ADR 0132), and every operation
is fuzzed with generated parameters, valid and invalid. Two promises are checked on every
answer: never a 5xx (``not_a_server_error``), and the body matches the schema declared for
its status code, the status code being one that is declared (``response_schema_conformance``,
``status_code_conformance``; a 404 or 422 the document does not declare is a violation).

Bounded for CI: a few examples per operation and phase, no example database, under a minute.
"""

from collections import Counter

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from public.selectors.organizations import national
from tests.prebuilt import restored
from tests.public_data import published_hokuriku, published_setouchi
from tests.security.conftest import LIVE_SERVER_MARKS

pytestmark = LIVE_SERVER_MARKS

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SLUGS = ("setouchi", "hokuriku")
MAX_EXAMPLES = 10  # per operation and mode: about 400 requests in all


@pytest.fixture
def api_schema(portal):
    """The API's OpenAPI document as the live server serves it, with published regions."""
    restored(published_setouchi)
    restored(published_hokuriku)
    return schemathesis.openapi.from_url(portal.base_url + "/api/v1/openapi.json")


def fuzz(strategy, session, statuses: Counter) -> None:
    """Send ``MAX_EXAMPLES`` cases of ``strategy`` and run every check on each answer."""

    @given(case=strategy)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call_and_validate(session=session, checks=CHECKS, timeout=30)
        statuses[response.status_code] += 1

    run()


def real_path_parameters(portal, path: str) -> dict:
    """Path parameters that name published data (so that the 200 bodies are checked too)."""
    if "{org_id}" in path:  # a member of a published region (ADR 0122)
        return {"org_id": next(iter(national().organizations))}
    parameters = {"slug": SLUGS[0]}
    if "{key}" in path:
        revisions = portal.get(f"/api/v1/regions/{SLUGS[0]}/revisions").json()
        parameters["key"] = revisions["items"][0]["key"]
    return parameters


def test_the_api_never_answers_5xx_and_always_matches_its_schema(api_schema, portal):
    """Schemathesis' own pytest loader (``from_fixture``) does not run on pytest 9
    (``Function._nodeid``), so the operations are walked here, each with Hypothesis."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 11
    by_operation = {}
    session = requests.Session()  # a plain one: schemathesis sends absolute URLs
    for operation in operations:
        statuses = Counter()
        modes = [GenerationMode.POSITIVE]
        if any(parameter.location == "query" for parameter in operation.iter_parameters()):
            # Invalid query parameters (a path segment is any string: nothing to get wrong).
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:
            fuzz(operation.as_strategy(generation_mode=mode), session, statuses)
        if "{slug}" in operation.path or "{org_id}" in operation.path:
            parameters = real_path_parameters(portal, operation.path)
            fuzz(operation.as_strategy(path_parameters=parameters), session, statuses)
        by_operation[f"{operation.method.upper()} {operation.path}"] = statuses

    # Every operation answered with published data at least once, and refused bad input.
    assert all(statuses[200] for statuses in by_operation.values()), by_operation
    assert sum(s[404] for s in by_operation.values()) and sum(s[422] for s in by_operation.values())
