"""What the admin shows of the background worker's jobs (ADR 0081 mail, ADR 0102 PDFs), for
operators (superusers) only: a read-only list with each job's state, attempts and last
error; failed ones marked and counted above the list; one action that queues the chosen
ones again. The model has ``status`` (``PENDING``/``FAILED``…) and ``last_error``."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ministry.admin.accounts import SuperuserOnlyAdmin


class JobAdmin(SuperuserOnlyAdmin):
    # Set by each subclass: the text shown while a failed job waits for its next attempt,
    # and the warning above the list / the message after the action (ngettext_lazy on "count").
    waiting_label = _("再試行待ち")
    failed_warning = ""
    queued_message = ""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.display(description=_("状態"), ordering="status")
    def state(self, job):
        statuses = type(job).Status
        if job.status == statuses.FAILED:
            return format_html("<strong>✖ {}</strong>", job.get_status_display())
        if job.status == statuses.PENDING and job.last_error:
            return format_html("<strong>{}</strong>", self.waiting_label)
        return job.get_status_display()

    @admin.display(description=_("最後のエラー"))
    def last_error_short(self, job):
        return job.last_error[:120]

    def changelist_view(self, request, extra_context=None):
        model = self.model
        failed = model.objects.filter(status=model.Status.FAILED).count()
        if failed and request.method == "GET":
            self.message_user(request, self.failed_warning % {"count": failed}, messages.WARNING)
        return super().changelist_view(request, extra_context)

    def retry(self, request, queryset, service) -> None:
        """The action's body: ``service`` queues the chosen jobs again and returns how many."""
        count = service(queryset)
        self.message_user(request, self.queued_message % {"count": count}, messages.SUCCESS)
