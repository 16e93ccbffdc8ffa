"""The requests for new support measures in the admin (要綱 第5(1), ADR 0116): reviewers
read the submitted requests (never a region's draft), record each forwarding (検討依頼) to a
ministry with its date, status and answer, and may publish a request with its outcome.
A thin client of ``support.request_services``: the data shown read-only, each move a POST
to its own view behind its permission; refusals come back as messages with what was typed.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from support.models import (
    ForwardingStatus,
    RequestForwarding,
    RequestStatus,
    SupportRequest,
    SupportRequestEvent,
)
from support.request_services import (
    RequestRefused,
    forwarding_record,
    forwarding_update,
    request_publish,
)

FORWARD_PERMISSION = "support.add_requestforwarding"
UPDATE_PERMISSION = "support.change_requestforwarding"
PUBLISH_PERMISSION = "support.publish_supportrequest"


class ForwardingForm(forms.Form):
    ministry = forms.CharField(label=gettext_lazy("依頼先の府省"), max_length=100)
    forwarded_on = forms.DateField(
        label=gettext_lazy("依頼日"), widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        label=gettext_lazy("状況"),
        choices=ForwardingStatus.choices,
        initial=ForwardingStatus.REQUESTED,
    )
    answer = forms.CharField(
        label=gettext_lazy("回答"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ForwardingUpdateForm(ForwardingForm):
    ministry = None  # the ministry of a forwarding is not changed


class PublishForm(forms.Form):
    outcome = forms.CharField(
        label=gettext_lazy("公表する結果"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("公開のリージョンのページに、求めの内容とともに載ります。"),
    )


class ForwardingInline(admin.TabularInline):
    model = RequestForwarding
    fields = ["ministry", "forwarded_on", "status", "answer", "updated_by", "updated_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    change_form_template = "admin/support/supportrequest/change_form.html"
    view_on_site = False
    actions = None
    list_display = ["title", "region", "status", "submitted_at", "forwarding_count", "is_published"]
    list_filter = ["is_published", "region"]
    list_select_related = ["region"]
    search_fields = ["title", "needed", "reason"]
    fields = [
        "region", "title", "project_names", "needed", "reason", "ministries", "status",
        "submitted_at", "created_by", "is_published", "outcome", "published_at",
    ]  # fmt: skip
    readonly_fields = fields
    inlines = [ForwardingInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # A region's draft is its own working copy: reviewers see what was submitted.
        return super().get_queryset(request).filter(status=RequestStatus.SUBMITTED)

    @admin.display(description=gettext_lazy("検討依頼"))
    def forwarding_count(self, obj):
        return obj.forwardings.count()

    def _url_name(self, verb):
        return f"support_supportrequest_{verb}"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/forward/",
                wrap(require_POST(self.forward_view)),
                name=self._url_name("forward"),
            ),
            path(
                "<int:pk>/forwardings/<int:forwarding_pk>/",
                wrap(require_POST(self.forwarding_view)),
                name=self._url_name("forwarding"),
            ),
            path(
                "<int:pk>/publish/",
                wrap(require_POST(self.publish_view)),
                name=self._url_name("publish"),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        user = request.user
        given = getattr(request, "support_forms", {})
        forwardings = list(obj.forwardings.all()) if obj is not None else []
        for forwarding in forwardings:
            forwarding.form = given.get(forwarding.pk) or ForwardingUpdateForm(
                prefix=f"f{forwarding.pk}",
                initial={
                    "forwarded_on": forwarding.forwarded_on,
                    "status": forwarding.status,
                    "answer": forwarding.answer,
                },
            )
        extra_context = {
            **(extra_context or {}),
            "forwardings": forwardings,
            "may_forward": user.has_perm(FORWARD_PERMISSION),
            "may_update": user.has_perm(UPDATE_PERMISSION),
            "may_publish": user.has_perm(PUBLISH_PERMISSION),
            "forward_form": given.get("forward") or ForwardingForm(),
            "publish_form": given.get("publish")
            or PublishForm(initial={"outcome": obj.outcome if obj is not None else ""}),
            "events": list(SupportRequestEvent.objects.filter(request=obj).select_related("actor"))
            if obj is not None
            else [],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _submitted(self, pk):
        return get_object_or_404(
            SupportRequest.objects.select_related("region"), pk=pk, status=RequestStatus.SUBMITTED
        )

    def _back(self, pk, fragment=""):
        url = reverse(f"admin:{self._url_name('change')}", args=[pk])
        return redirect(f"{url}#{fragment}" if fragment else url)

    def _again(self, request, pk, key, form, refused=None):
        """The change page again (400) with the form as typed and every problem."""
        for name, message in refused.problems if refused else ():
            form.add_error(name if name in form.fields else None, message)
        request.support_forms = {key: form}
        request.method = "GET"  # the page as read, not the admin's own (read-only) form
        response = self.change_view(request, str(pk))
        response.status_code = 400
        return response

    def forward_view(self, request, pk):
        """検討依頼を記録: a forwarding of the request to one ministry."""
        if not request.user.has_perm(FORWARD_PERMISSION):
            raise PermissionDenied
        obj = self._submitted(pk)
        form = ForwardingForm(request.POST)
        if not form.is_valid():
            return self._again(request, pk, "forward", form)
        try:
            forwarding_record(request=obj, actor=request.user, **form.cleaned_data)
        except RequestRefused as refused:
            return self._again(request, pk, "forward", form, refused)
        messages.success(
            request, _("検討依頼を記録しました。リージョンの編集者にメールで知らせます。")
        )
        return self._back(pk, "forwardings")

    def forwarding_view(self, request, pk, forwarding_pk):
        """A forwarding's new status and the ministry's answer."""
        if not request.user.has_perm(UPDATE_PERMISSION):
            raise PermissionDenied
        obj = self._submitted(pk)
        forwarding = get_object_or_404(RequestForwarding, pk=forwarding_pk, request=obj)
        form = ForwardingUpdateForm(request.POST, prefix=f"f{forwarding.pk}")
        if not form.is_valid():
            return self._again(request, pk, forwarding.pk, form)
        try:
            forwarding_update(forwarding=forwarding, actor=request.user, **form.cleaned_data)
        except RequestRefused as refused:
            return self._again(request, pk, forwarding.pk, form, refused)
        messages.success(request, _("検討依頼の状況を記録しました。"))
        return self._back(pk, "forwardings")

    def publish_view(self, request, pk):
        """公表する (with the outcome) or 公表をやめる (``unpublish``)."""
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        obj = self._submitted(pk)
        form = PublishForm(request.POST)
        if not form.is_valid():
            return self._again(request, pk, "publish", form)
        publish = "unpublish" not in request.POST
        try:
            request_publish(
                request=obj,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                publish=publish,
            )
        except RequestRefused as refused:
            return self._again(request, pk, "publish", form, refused)
        messages.success(
            request,
            _("求めと結果を公表しました。") if publish else _("公表を取りやめました。"),
        )
        return self._back(pk, "publish")
