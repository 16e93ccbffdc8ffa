from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("送付文書（PDF）")

    def ready(self):
        from documents.builds import build_queue_on_submission
        from workflow.signals import revision_submitted

        revision_submitted.connect(build_queue_on_submission, dispatch_uid="documents.freeze")
