"""System checks of the object storage (``manage.py check``, ADR 0103).

``region_portal.env.default_storage_from_env`` already stops start-up on a malformed variable.
These checks look at ``STORAGES["default"]`` as the settings finally compose it (a settings
module of a deployment may write it by hand): an S3 backend without a bucket, or one that
would overwrite a frozen PDF, make objects public or hand out presigned URLs, is an error.
With ``--deploy``, an object store reached over plain HTTP, or with no key to be found, is a
warning.
"""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

FROZEN_PRIVATE_ACLS = {None, "private"}


def _s3_options() -> dict | None:
    """The OPTIONS of ``STORAGES["default"]`` when it is django-storages' S3 backend, else None."""
    entry = settings.STORAGES.get("default", {})
    try:
        backend = import_string(entry.get("BACKEND", ""))
    except ImportError:
        return None  # Django's own check of STORAGES reports it
    from storages.backends.s3 import S3Storage

    if not (isinstance(backend, type) and issubclass(backend, S3Storage)):
        return None
    return entry.get("OPTIONS", {})


@checks.register(checks.Tags.files)
def object_storage_settings(app_configs=None, **kwargs):
    options = _s3_options()
    if options is None:
        return []
    problems = []
    if not options.get("bucket_name"):
        problems.append(
            checks.Error(
                "オブジェクトストレージのバケットが指定されていません。",
                hint="環境変数 S3_BUCKET にバケット名を指定してください（docs/object-storage.md）。",
                id="region_portal.E001",
            )
        )
    if options.get("file_overwrite", True) is not False:
        problems.append(
            checks.Error(
                "オブジェクトストレージが同じ名前のファイルを上書きする設定です。",
                hint="送付文書の PDF は一度だけ書きます。OPTIONS の file_overwrite を False にしてください。",
                id="region_portal.E002",
            )
        )
    if options.get("default_acl") not in FROZEN_PRIVATE_ACLS:
        problems.append(
            checks.Error(
                f"オブジェクトストレージの ACL が {options['default_acl']} です。",
                hint="送付文書はポータルのビューが権限とハッシュを確かめて配ります。default_acl は None にしてください。",
                id="region_portal.E003",
            )
        )
    if options.get("querystring_auth", True) is not False:
        problems.append(
            checks.Error(
                "オブジェクトストレージが署名付き URL を作る設定です。",
                hint="ダウンロードはすべてポータルのビューを通ります。querystring_auth を False にしてください。",
                id="region_portal.E004",
            )
        )
    return problems


@checks.register(checks.Tags.files, deploy=True)
def object_storage_deployment(app_configs=None, **kwargs):
    options = _s3_options()
    if options is None:
        return []
    problems = []
    endpoint = options.get("endpoint_url") or ""
    if endpoint.startswith("http://"):
        problems.append(
            checks.Warning(
                f"オブジェクトストレージに暗号化なし（{endpoint}）で接続します。",
                hint="同じ閉じたネットワークの中でなければ、S3_ENDPOINT_URL を https:// にしてください。",
                id="region_portal.W001",
            )
        )
    if not (options.get("access_key") or options.get("session_profile")) and not _boto3_has_key():
        problems.append(
            checks.Warning(
                "オブジェクトストレージのアクセスキーが見つかりません。",
                hint="AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY（またはプロファイル・マシンのロール）を設定してください。",
                id="region_portal.W002",
            )
        )
    return problems


def _boto3_has_key() -> bool:
    """Whether boto3 finds a key in the environment, a profile or the machine's role."""
    import boto3

    return boto3.Session().get_credentials() is not None
