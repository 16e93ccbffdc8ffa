import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.translation import gettext_lazy as _

from outbox.services import mail_enqueue
from web.links import absolute_url


def reject_control_characters(value: str) -> None:
    """Names are one line of visible text: no control characters (tabs, newlines, NUL, ESC …)."""
    if any(unicodedata.category(character) in {"Cc", "Cf"} for character in value):
        raise ValidationError(
            _("制御文字（改行・タブなど）は使えません。"), code="control_characters"
        )


class InvitationSignupForm(UserCreationForm):
    """A new account for an invited person: user name, name, password twice.

    The e-mail address is the invitation's and cannot be changed here.
    """

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "last_name", "first_name")

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        # The password validators compare the password with these attributes.
        self.instance.email = email
        self.fields["username"].help_text = _(
            "ログインに使う名前です。半角英数字と @ . + - _ が使えます（150 文字まで）。"
        )
        self.fields["username"].widget.attrs.update(autocomplete="username")
        if self.is_bound:
            # After a refused submission the list of errors comes first, not the first field.
            self.fields["username"].widget.attrs.pop("autofocus", None)
        for name, autocomplete in (("last_name", "family-name"), ("first_name", "given-name")):
            self.fields[name].validators.append(reject_control_characters)
            self.fields[name].widget.attrs.update(autocomplete=autocomplete)
        self.fields["last_name"].label = _("姓")
        self.fields["first_name"].label = _("名")


class InvitationAcceptForm(forms.Form):
    """The signed-in user confirms that they accept the invitation (no fields)."""


class OneTimeCodeForm(forms.Form):
    """A six-digit code from the authenticator app, or (where allowed) a recovery code."""

    code = forms.CharField(
        label=_("確認コード"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if recovery:
            self.fields["code"].help_text = _(
                "認証アプリに表示される 6 桁の数字を入力してください。スマートフォンが使えない"
                "ときは、登録のときに控えた回復コード（8 文字）を入力できます（一つのコードは一度だけ使えます）。"
            )
        else:
            self.fields["code"].help_text = _(
                "認証アプリに表示される 6 桁の数字を入力してください。"
            )
            self.fields["code"].widget.attrs["inputmode"] = "numeric"


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password-reset form whose mail goes through the outbox (ADR 0081): the reset
    page answers at once, whatever the mail server does."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The link starts with PORTAL_BASE_URL, not with the Host the request named (ADR 0086).
        context = {**context, "portal_base_url": absolute_url("/").rstrip("/")}
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_enqueue(subject, body, [to_email])
