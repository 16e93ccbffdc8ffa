"""The language of a person's mails (ADR 0126): kept when a signed-in user uses the language
switch (not for an anonymous visitor), chosen on the invitation, and used to group the
addresses of a mail by language (Japanese, the language of record, by default)."""

import pytest

from accounts.models import Invitation, Preference
from accounts.notifications import addresses_by_language, day_text, nendo_text
from accounts.services import create_account_and_accept, invite_staff, language_preference_save
from outbox.models import Mail
from tests.accounts.conftest import editor, region, superuser  # noqa: F401 (fixtures)
from tests.factories import UserFactory
from tests.mfa_helpers import verified_client

pytestmark = pytest.mark.django_db

SWITCH = "/i18n/setlang/"


def test_the_switch_keeps_a_signed_in_users_choice_for_their_mails(client):
    user = UserFactory(username="sato")
    client.force_login(user)

    response = client.post(SWITCH, {"language": "en", "next": "/staff/"})

    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    assert Preference.objects.get(user=user).language == "en"
    client.post(SWITCH, {"language": "ja", "next": "/staff/"})
    assert Preference.objects.get(user=user).language == "ja"


def test_the_switch_keeps_nothing_for_an_anonymous_visitor_or_an_unknown_language(client):
    response = client.post(SWITCH, {"language": "en", "next": "/regions/"})
    assert response.cookies["django_language"].value == "en"  # the page still switches
    assert not Preference.objects.exists()

    user = UserFactory(username="sato")
    client.force_login(user)
    client.post(SWITCH, {"language": "fr", "next": "/staff/"})
    assert not Preference.objects.exists()


def test_addresses_are_grouped_by_language_with_japanese_by_default():
    english = UserFactory(username="smith", email="smith@example.jp")
    language_preference_save(english, "en")
    UserFactory(username="sato", email="sato@example.jp")  # no preference: Japanese
    # one address, two accounts that chose differently: the language of record
    shared_en = UserFactory(username="a", email="shared@example.jp")
    language_preference_save(shared_en, "en")
    UserFactory(username="b", email="shared@example.jp")
    inactive = UserFactory(username="gone", email="gone@example.jp", is_active=False)
    language_preference_save(inactive, "en")

    addresses = ["smith@example.jp", "sato@example.jp", "shared@example.jp", "nobody@example.jp"]
    groups = addresses_by_language([*addresses, "gone@example.jp", "", "sato@example.jp"])

    assert groups == {
        "ja": ["sato@example.jp", "shared@example.jp", "nobody@example.jp", "gone@example.jp"],
        "en": ["smith@example.jp"],
    }
    assert list(groups) == ["ja", "en"]  # the language of record first
    assert addresses_by_language([]) == {}


def test_dates_and_fiscal_years_in_each_language():
    import datetime

    from django.utils import translation

    assert day_text(datetime.date(2026, 12, 3)) == "令和8年12月3日"
    assert nendo_text(2026) == "令和8年度"
    with translation.override("en"):
        assert day_text(datetime.date(2026, 12, 3)) == "3 December 2026"
        assert day_text(None) == ""
        assert nendo_text(2026) == "FY2026"


def test_an_invitation_in_english_mails_english_and_the_account_keeps_it(region):  # noqa: F811
    sent = invite_staff(email="smith@example.jp", region=region, role="editor", language="en")

    assert sent.invitation.language == "en"
    mail = Mail.objects.get()
    assert mail.subject.endswith("Invitation as staff")
    assert "招待されました" not in mail.body and sent.url in mail.body
    user = create_account_and_accept(
        invitation=sent.invitation, username="smith", password="correct horse battery staple"
    )
    assert user.preference.language == "en"


def test_an_invitation_is_japanese_by_default_and_refuses_an_unknown_language(region):  # noqa: F811
    sent = invite_staff(email="sato@example.jp", region=region, role="viewer")
    assert sent.invitation.language == "ja"
    assert Mail.objects.get().subject.endswith("担当者としての招待")
    with pytest.raises(ValueError):
        invite_staff(email="x@example.jp", region=region, role="viewer", language="fr")


def test_the_admin_offers_the_inviters_language_and_sends_in_the_chosen_one(
    client,
    region,  # noqa: F811
    superuser,  # noqa: F811
):
    operator = verified_client(superuser, client)
    operator.cookies["django_language"] = "en"
    page = operator.get("/admin/accounts/invitation/add/").content.decode()
    assert '<option value="en" selected>' in page

    operator.post(
        "/admin/accounts/invitation/add/",
        {"email": "smith@example.jp", "region": region.pk, "role": "viewer", "days": 7}
        | {"language": "en"},
    )

    assert Invitation.objects.get().language == "en"
    assert Mail.objects.get().subject.endswith("Invitation as staff")


def test_signing_in_shows_the_pages_in_the_language_the_person_chose(client, editor):  # noqa: F811
    from tests.accounts.conftest import PASSWORD

    language_preference_save(editor, "en")
    editor.set_password(PASSWORD)
    editor.save()

    response = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert response.cookies["django_language"]["httponly"]
    page = client.get(response.url)
    assert page.status_code == 200 and '<html lang="en"' in page.content.decode()


def test_signing_in_without_a_choice_keeps_the_devices_language(client, editor):  # noqa: F811
    from tests.accounts.conftest import PASSWORD

    editor.set_password(PASSWORD)
    editor.save()
    client.cookies["django_language"] = "en"  # chosen on this device before signing in

    response = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})

    assert response.status_code == 302 and "django_language" not in response.cookies
    assert '<html lang="en"' in client.get(response.url).content.decode()


def test_accepting_an_english_invitation_opens_the_dashboard_in_english(client, region):  # noqa: F811
    sent = invite_staff(email="smith@example.jp", region=region, role="editor", language="en")
    password = "a long enough passphrase 2026"
    token = sent.url.rstrip("/").rsplit("/", 1)[-1]

    response = client.post(
        f"/accounts/invitations/{token}/",
        {"username": "smith", "password1": password, "password2": password},
    )

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
