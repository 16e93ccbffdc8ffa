import pytest

from accounts.models import RegionRole

# The browser fixtures (Chromium, axe-core, screenshots) for test_accounts_browser.py.
from tests.browser.conftest import (  # noqa: F401
    assert_no_axe_violations,
    axe,
    browser_context_args,
    browser_page,
    browser_type_launch_args,
    portal_url,
    screenshot,
    sign_in,
)
from tests.factories import RegionFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def region():
    return RegionFactory(slug="setouchi")


@pytest.fixture
def other_region():
    return RegionFactory(slug="tohoku")


@pytest.fixture
def editor(region):
    user = UserFactory(username="editor")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    return user


@pytest.fixture
def viewer(region):
    user = UserFactory(username="viewer")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.VIEWER)
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("operator", "operator@example.jp", PASSWORD)
