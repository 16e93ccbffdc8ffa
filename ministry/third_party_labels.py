"""Japanese labels for the admin pages of django-axes, django-otp and django-tasks-db (ADR 0098).

None of the three ships a Japanese translation, and django-otp does not even mark its field
names for translation, so a ``locale/ja`` catalogue could not reach them. Instead, once the
apps are loaded (``MinistryConfig.ready``), the names people read are set here: each app's
``verbose_name``, each model's ``verbose_name`` / ``verbose_name_plural``, each field's
``verbose_name`` and ``help_text`` of the form, and the headers of the admins' own columns and
filters. Every admin page (index, list, filters, forms, read-only fields, breadcrumbs, the
delete confirmation) then reads Japanese.

Migrations are not touched: a field deconstructs its ``verbose_name`` from the argument it was
built with (``Field._verbose_name``), a model's options from ``Meta`` as written
(``Options.original_attrs``), and ``help_text`` is changed only on the admin's form fields.
``tests/ministry/test_admin_labels.py`` walks every admin page; ``makemigrations --check``
stays clean.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

APPS = {
    "axes": _("ログインの試行（django-axes）"),
    "otp_totp": _("二要素認証: 認証アプリ"),
    "otp_static": _("二要素認証: 予備コード"),
    "django_tasks_database": _("バックグラウンド処理"),
}

# (app label, model name) -> (verbose_name, verbose_name_plural)
MODELS = {
    ("axes", "accessattempt"): (_("ログインの失敗の集計"), _("ログインの失敗の集計")),
    ("axes", "accessfailurelog"): (_("ログインの失敗"), _("ログインの失敗の記録")),
    ("axes", "accesslog"): (_("ログインの記録"), _("ログインの記録")),
    ("axes", "accessattemptexpiration"): (_("失敗の集計の期限"), _("失敗の集計の期限")),
    ("otp_totp", "totpdevice"): (_("認証アプリ（TOTP）"), _("認証アプリ（TOTP）")),
    ("otp_static", "staticdevice"): (_("予備コードの組"), _("予備コードの組")),
    ("otp_static", "statictoken"): (_("予備コード"), _("予備コード")),
    ("django_tasks_database", "dbtaskresult"): (_("処理の結果"), _("処理の結果")),
}

_ACCESS = {
    "id": _("ID"),
    "user_agent": _("ブラウザ（User-Agent）"),
    "ip_address": _("IPアドレス"),
    "username": _("ユーザー名"),
    "http_accept": _("HTTP Accept ヘッダー"),
    "path_info": _("パス"),
    "attempt_time": _("日時"),
}
_DEVICE = {
    "id": _("ID"),
    "user": _("ユーザー"),
    "name": _("名前"),
    "confirmed": _("確認済み"),
    "throttling_failure_timestamp": _("最後に失敗した日時"),
    "throttling_failure_count": _("続けて失敗した回数"),
    "created_at": _("登録日時"),
    "last_used_at": _("最後に使った日時"),
}

# (app label, model name) -> {field name: verbose_name}
FIELDS = {
    ("axes", "accessattempt"): {
        **_ACCESS,
        "get_data": _("GETのデータ"),
        "post_data": _("POSTのデータ"),
        "failures_since_start": _("失敗した回数"),
    },
    ("axes", "accessfailurelog"): {**_ACCESS, "locked_out": _("ロックした")},
    ("axes", "accesslog"): {
        **_ACCESS,
        "logout_time": _("ログアウトの日時"),
        "session_hash": _("セッションキーのハッシュ（SHA-256）"),
    },
    ("axes", "accessattemptexpiration"): {
        "access_attempt": _("ログインの失敗の集計"),
        "expires_at": _("期限"),
    },
    ("otp_totp", "totpdevice"): {
        **_DEVICE,
        "key": _("秘密鍵（16進数）"),
        "step": _("間隔（秒）"),
        "t0": _("起点（Unix時刻）"),
        "digits": _("桁数"),
        "tolerance": _("許容するずれ（間隔の数）"),
        "drift": _("時計のずれ（間隔の数）"),
        "last_t": _("最後に使った時刻の番号"),
    },
    ("otp_static", "staticdevice"): _DEVICE,
    ("otp_static", "statictoken"): {
        "id": _("ID"),
        "device": _("予備コードの組"),
        "token": _("コード"),
    },
    ("django_tasks_database", "dbtaskresult"): {
        "id": _("ID"),
        "status": _("状態"),
        "enqueued_at": _("登録日時"),
        "started_at": _("開始日時"),
        "finished_at": _("終了日時"),
        "args_kwargs": _("引数"),
        "priority": _("優先度"),
        "task_path": _("処理"),
        "worker_ids": _("ワーカー"),
        "queue_name": _("キュー"),
        "backend_name": _("バックエンド"),
        "run_after": _("実行の開始時刻以降"),
        "return_value": _("戻り値"),
        "exception_class_path": _("例外の種類"),
        "traceback": _("トレースバック"),
    },
}

# Help texts of django-otp's form fields (English, and not marked for translation).
HELP_TEXTS = {
    "user": _("この端末を使うユーザー。"),
    "name": _("端末を見分けるための名前。"),
    "confirmed": _("使える状態か。"),
    "throttling_failure_timestamp": _("最後に確認に失敗した日時。最後の確認が成功したときは空。"),
    "throttling_failure_count": _("続けて失敗した回数。"),
    "created_at": _("この端末を登録した日時。"),
    "last_used_at": _("この端末を最後に使った日時。"),
    "key": _("40文字までの16進数の秘密鍵。"),
    "step": _("コードが変わる間隔（秒）。"),
    "t0": _("時刻を数え始める Unix 時刻。"),
    "digits": _("コードの桁数。"),
    "tolerance": _("前後に許容する間隔の数。"),
    "drift": _("この端末の時計のずれ（間隔の数）。"),
    "last_t": _("最後に確認した時刻の番号。同じコードの再利用を防ぎます。"),
}

# Columns and filters the third-party admins compute themselves: (model, attribute) -> header.
ADMIN_COLUMNS = {
    ("axes", "accessattempt", "status"): _("状態"),
    ("axes", "accessattempt", "expiration"): _("期限"),
    ("otp_totp", "totpdevice", "qrcode_link"): _("QRコード"),
    ("django_tasks_database", "dbtaskresult", "task_name"): _("処理"),
}
ADMIN_FILTER_TITLES = {"IsLockedOutFilter": _("ロック中")}


def labels_apply() -> None:
    """Set the Japanese labels on the installed third-party apps (absent apps are skipped)."""
    for label, name in APPS.items():
        try:
            apps.get_app_config(label).verbose_name = name
        except LookupError:
            continue
    for (label, model_name), (singular, plural) in MODELS.items():
        model = _model(label, model_name)
        if model is None:
            continue
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
        for field_name, verbose in FIELDS.get((label, model_name), {}).items():
            model._meta.get_field(field_name).verbose_name = verbose


def admin_labels_apply(site) -> None:
    """The headers of the third-party admins' computed columns and filters, and the Japanese
    help texts of django-otp's forms (called once the admins are registered)."""
    for model, model_admin in site._registry.items():
        meta = model._meta
        for (label, model_name, attribute), header in ADMIN_COLUMNS.items():
            if (meta.app_label, meta.model_name) == (label, model_name):
                method = getattr(type(model_admin), attribute, None)
                if method is not None:
                    method.short_description = header
        for item in model_admin.list_filter:
            title = ADMIN_FILTER_TITLES.get(getattr(item, "__name__", ""))
            if title is not None:
                item.title = title
        if meta.app_label in ("otp_totp", "otp_static"):
            _help_texts_on_forms(model_admin)


def _help_texts_on_forms(model_admin) -> None:
    original = type(model_admin).formfield_for_dbfield
    if getattr(original, "japanese_help", False):
        return

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = original(self, db_field, request, **kwargs)
        if formfield is not None and db_field.name in HELP_TEXTS:
            formfield.help_text = HELP_TEXTS[db_field.name]
        return formfield

    formfield_for_dbfield.japanese_help = True
    type(model_admin).formfield_for_dbfield = formfield_for_dbfield


def _model(label: str, model_name: str):
    try:
        return apps.get_model(label, model_name)
    except LookupError:
        return None
