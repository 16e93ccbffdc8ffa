"""The review fixtures (tests/review_helpers.py) for the support app's tests: a reviewer, a
region's editor and viewer, and the valid test region imported."""

from tests.review_helpers import (  # noqa: F401 (fixtures)
    editor,
    imported,
    reviewer,
    reviewer_client,
    submitted,
    viewer,
)
