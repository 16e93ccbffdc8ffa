"""``manage.py invite_staff SLUG EMAIL --role editor|viewer [--create-region] [--days 7]``

Invite a person by e-mail to be staff of a region. The e-mail (through Django's mail:
the console in development) carries a single-use link that expires after ``--days``
days; the link is also printed, so that an operator without working mail can hand it
over. ``--base-url`` is the portal's address as the invited person reaches it (default:
the setting ``PORTAL_BASE_URL``, from the environment: ADR 0086).

Exit status: 0 sent, 1 refused (unknown region, malformed slug, e-mail or days), with one
Japanese line on stderr.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import RegionRole
from accounts.services import DEFAULT_VALID_DAYS, MAX_VALID_DAYS, invite_staff
from declarations.models import Region


class Command(BaseCommand):
    # A plain string: argparse formats it and cannot take a lazy translation (issue 13).
    help = "広域リージョンの担当者をメールで招待します（一度だけ使える、期限付きのリンク）。"

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="SLUG", help=_("リージョンの識別名"))
        parser.add_argument("email", metavar="EMAIL", help=_("招待先のメールアドレス"))
        parser.add_argument(
            "--role",
            required=True,
            choices=RegionRole.Role.values,
            help=_("役割: editor（編集・送付できる）または viewer（閲覧だけ）"),
        )
        parser.add_argument(
            "--create-region",
            action="store_true",
            help=_("リージョンがなければ作成する"),
        )
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_VALID_DAYS,
            help=_("リンクの有効日数（1〜90、既定 7）"),
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help=_("招待のメールとアカウントのメールの言語（既定 ja）"),
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help=_(
                "招待リンクに使うポータルのアドレス（例: https://portal.example.jp。既定: 環境変数 PORTAL_BASE_URL）"
            ),
        )

    def handle(self, *args, slug, email, role, create_region, days, base_url, language, **options):
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(
                _("メールアドレスの形式が正しくありません: %(email)s") % {"email": email}
            ) from None
        if not 1 <= days <= MAX_VALID_DAYS:
            raise CommandError(
                _("--days は 1 から %(max)d までの日数で指定してください。")
                % {"max": MAX_VALID_DAYS}
            )
        if base_url is not None and not base_url.startswith(("http://", "https://")):
            raise CommandError(
                _("--base-url は http:// または https:// で始まるアドレスにしてください。")
            )
        with transaction.atomic():
            region = self.region(slug, create=create_region)
            sent = invite_staff(
                email=email,
                region=region,
                role=role,
                base_url=base_url,
                days=days,
                language=language,
            )
        invitation = sent.invitation
        self.stdout.write(
            _("招待を送りました: %(email)s → %(region)s（%(role)s）、有効期限 %(expires)s")
            % {
                "email": invitation.email,
                "region": region.slug,
                "role": invitation.get_role_display(),
                "expires": f"{timezone.localtime(invitation.expires_at):%Y-%m-%d %H:%M}",
            }
        )
        self.stdout.write(_("招待リンク（一度だけ使えます）: %(url)s") % {"url": sent.url})

    def region(self, slug: str, *, create: bool) -> Region:
        region = Region.objects.filter(slug=slug).first()
        if region is not None:
            return region
        if not create:
            raise CommandError(
                _(
                    "リージョン「%(slug)s」はありません。新しく作るときは --create-region を付けてください。"
                )
                % {"slug": slug}
            )
        try:
            validate_slug(slug)
        except ValidationError:
            raise CommandError(
                _("リージョンの識別名「%(slug)s」は使えません（半角英数字・ハイフン・下線だけ）。")
                % {"slug": slug}
            ) from None
        if len(slug) > Region._meta.get_field("slug").max_length:
            raise CommandError(_("リージョンの識別名が長すぎます（80 文字まで）。"))
        region = Region.objects.create(slug=slug)
        self.stdout.write(_("リージョン「%(slug)s」を作成しました。") % {"slug": slug})
        return region
