"""The object storage of the frozen documents (ADR 0103): django-storages' S3 backend, with the
errors of the store turned into the ``OSError`` that Django's storage API promises.

``STORAGES["default"]`` names this class when ``S3_BUCKET`` is set (``region_portal.env.
storages_from_env``). It is the S3 backend as it is, but for reading: ``documents.services.
read_frozen`` treats an ``OSError`` as a damaged document (logged, and the 「読み出せません
でした」 page), as it does for a missing file in ``MEDIA_ROOT``. botocore's own errors
(``ClientError`` for 403/500, ``BotoCoreError`` for an unreachable endpoint) are not
``OSError`` and would end in a bare 500 instead; here they become one. The object is
downloaded when it is opened (the portal always reads a frozen PDF whole), so that a failure
in the middle of the transfer is caught here too.

botocore waits 60 seconds to connect and 60 more for each read, and tries again up to 4
times: a store that does not answer would hold a gunicorn worker for minutes. Unless the
settings give a ``client_config`` of their own, the client here waits ``CONNECT_TIMEOUT`` and
``READ_TIMEOUT`` seconds and makes at most ``MAX_ATTEMPTS`` attempts.
"""

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage
from storages.utils import setting

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 20
MAX_ATTEMPTS = 3


class ObjectStorageError(OSError):
    """The object store did not give the object (refused, failed or unreachable)."""


class ObjectStorage(S3Storage):
    def __init__(self, **settings):
        super().__init__(**settings)
        if "client_config" not in settings and setting("AWS_S3_CLIENT_CONFIG") is None:
            self.client_config = self.client_config.merge(
                Config(
                    connect_timeout=CONNECT_TIMEOUT,
                    read_timeout=READ_TIMEOUT,
                    retries={"max_attempts": MAX_ATTEMPTS, "mode": "standard"},
                )
            )

    def _open(self, name, mode="rb"):
        try:
            opened = super()._open(name, mode)  # a missing object: FileNotFoundError
            if "r" in mode:
                opened.file  # noqa: B018 (downloads the object now)
        except (BotoCoreError, ClientError) as error:
            raise ObjectStorageError(f"オブジェクト {name} を読めません: {error}") from error
        return opened
