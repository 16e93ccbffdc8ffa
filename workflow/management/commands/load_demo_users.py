"""``manage.py load_demo_users``: people to log in as after ``make run`` (ADR 0086).

In the development settings only (``DEMO_USERS = True`` in region_portal/settings/dev.py; the
base, test and production settings leave it off and the command refuses). Creates, or puts
back as they were:

* an editor of each demo region that is loaded (demo/manifest.json): ``editor-<slug>``;
* a reviewer (the ``reviewer`` group, the admin): ``reviewer``;
* an operator (a superuser): ``operator``.

All have the password ``DEMO_PASSWORD``. The admin asks reviewers and operators for a second
factor (ADR 0082), so each of them gets a confirmed authenticator whose key is fixed (derived
from the user name, the same after every set-up): the command prints the key, its
``otpauth://`` URL for an authenticator app, and the code of this moment. Run it again for a
fresh code. Idempotent; it prints the credentials every time.
"""

import hashlib
import json
from base64 import b32encode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.mfa import TOTP_DEVICE_NAME
from accounts.models import REVIEWER_GROUP, RegionRole
from declarations.models import Region
from web.links import absolute_url

DEMO_DIR = settings.BASE_DIR / "demo"
DEMO_PASSWORD = "demo-pass-2026"
DEMO_EMAIL_DOMAIN = "demo.example.jp"


def demo_key(username: str) -> str:
    """The authenticator key of a demo user (hex, 20 bytes): public, fixed, development only."""
    return hashlib.sha256(f"region-portal-demo-totp:{username}".encode()).hexdigest()[:40]


class Command(BaseCommand):
    help = (
        "開発用のデモのアカウント（デモのリージョンごとの編集者、審査担当、運用者）を作り、"
        "ログインに使うユーザー名・パスワード・認証アプリの鍵を表示します（開発用の設定だけ）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--manifest",
            default=str(DEMO_DIR / "manifest.json"),
            metavar="FILE",
            help="編集者を作るデモのリージョンの一覧（既定: demo/manifest.json）",
        )

    def handle(self, *args, manifest, **options):
        if not getattr(settings, "DEMO_USERS", False):
            raise CommandError(
                "デモのアカウントは開発用の設定（region_portal.settings.dev）でだけ作れます。"
                "本番やテストの設定では作りません。"
            )
        try:
            with open(manifest, encoding="utf-8") as handle:
                slugs = [entry["slug"] for entry in json.load(handle)["regions"]]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"デモデータの一覧 {manifest} を読めません: {error}") from None
        with transaction.atomic():
            regions = list(Region.objects.filter(slug__in=slugs).order_by("slug"))
            editors = [self.editor(region) for region in regions]
            reviewer = self.person(
                "reviewer", last_name="審査", first_name="花子", is_staff=True, is_superuser=False
            )
            reviewer.groups.add(Group.objects.get(name=REVIEWER_GROUP))
            operator = self.person(
                "operator", last_name="運用", first_name="太郎", is_staff=True, is_superuser=True
            )
            devices = [(user, self.authenticator(user)) for user in (reviewer, operator)]
        self.report(editors, devices)

    def person(self, username: str, **fields):
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.email = f"{username}@{DEMO_EMAIL_DOMAIN}"
        user.is_active = True
        for name, value in fields.items():
            setattr(user, name, value)
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    def editor(self, region: Region):
        user = self.person(
            f"editor-{region.slug}", last_name="編集", first_name="担当", is_staff=False
        )
        RegionRole.objects.update_or_create(
            user=user, region=region, defaults={"role": RegionRole.Role.EDITOR}
        )
        return user, region

    def authenticator(self, user) -> TOTPDevice:
        TOTPDevice.objects.filter(user=user).exclude(name=TOTP_DEVICE_NAME).delete()
        device, _ = TOTPDevice.objects.update_or_create(
            user=user,
            name=TOTP_DEVICE_NAME,
            defaults={"key": demo_key(user.username), "confirmed": True},
        )
        return device

    def report(self, editors, devices) -> None:
        write = self.stdout.write
        write("")
        write("デモのアカウント（開発用。パスワードと鍵は公開のものなので本番では使えません）")
        write(f"  担当者のログイン: {absolute_url(reverse('login'))}")
        for user, region in editors:
            write(
                f"    ユーザー名 {user.username}  パスワード {DEMO_PASSWORD}"
                f"  （{region.slug} の編集者）"
            )
        write(f"  管理画面（審査・運用）: {absolute_url(reverse('admin:index'))}")
        for user, device in devices:
            role = "運用者（スーパーユーザー）" if user.is_superuser else "審査担当"
            secret = b32encode(device.bin_key).decode()
            grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
            totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
            write(f"    ユーザー名 {user.username}  パスワード {DEMO_PASSWORD}  （{role}）")
            write(f"      認証アプリの秘密鍵 {grouped}")
            write(f"      認証アプリに登録する URL: {device.config_url}")
            write(
                f"      今のコード: {totp.token():0{device.digits}d}"
                "（30 秒ごとに変わります。manage.py load_demo_users をもう一度実行すると新しいコードを表示します）"
            )
