"""Staff pages of one region, under /staff/<slug>/ (namespace "staff").

The verbs (new, change, abolish, submit, reopen) are one view each for both documents;
the route passes the document (``document="declaration"`` or ``"vision"``) and the URL
names stay per document (``staff:declaration_submit``, ``staff:vision_submit`` …).
The review comments are ``staff.urls_comments`` (namespace "staff_comments").
"""

from django.urls import path

from staff.views import (
    attachments,
    declarations,
    projects,
    receipts,
    region,
    results,
    support_requests,
    verbs,
    verifications,
    visions,
)

app_name = "staff"


def verb_patterns(document: str) -> list:
    """new/ change/ abolish/ <number>/submit/ <number>/reopen/ of one document, and the
    受付票 of each 送付: <number>/receipt/<sequence>/ (and its PDFs, <kind>.pdf)."""
    kwargs = {"document": document}
    return [
        path(f"{document}/new/", verbs.new, kwargs, name=f"{document}_new"),
        path(f"{document}/change/", verbs.change, kwargs, name=f"{document}_change"),
        path(f"{document}/abolish/", verbs.abolish, kwargs, name=f"{document}_abolish"),
        path(
            f"{document}/<int:number>/submit/",
            verbs.submit,
            kwargs,
            name=f"{document}_submit",
        ),
        path(
            f"{document}/<int:number>/reopen/",
            verbs.reopen,
            kwargs,
            name=f"{document}_reopen",
        ),
        path(
            f"{document}/<int:number>/attachments/",
            attachments.revision_attachment_add,
            kwargs,
            name=f"{document}_attachment_add",
        ),
        path(
            f"{document}/<int:number>/receipt/<int:sequence>/",
            receipts.receipt,
            kwargs,
            name=f"{document}_receipt",
        ),
        path(
            f"{document}/<int:number>/receipt/<int:sequence>/<str:kind>.pdf",
            receipts.receipt_pdf,
            kwargs,
            name=f"{document}_receipt_pdf",
        ),
    ]


urlpatterns = [
    path("", region.region_overview, name="region"),
    path("import/", region.bundle_import, name="import"),
    path("export/", region.bundle_export, name="export"),
    *verb_patterns("declaration"),
    path("declaration/<int:number>/", declarations.declaration_detail, name="declaration"),
    path(
        "declaration/<int:number>/autosave/",
        declarations.declaration_autosave,
        name="declaration_autosave",
    ),
    path(
        "declaration/<int:number>/search/",
        declarations.municipality_search_view,
        name="declaration_search",
    ),
    *verb_patterns("vision"),
    path("vision/<int:number>/", visions.vision_detail, name="vision"),
    path("vision/<int:number>/autosave/", visions.vision_autosave, name="vision_autosave"),
    path("vision/<int:number>/projects/<int:pk>/", projects.project_detail, name="project"),
    path(
        "vision/<int:number>/projects/<int:pk>/autosave/",
        projects.project_autosave,
        name="project_autosave",
    ),
    path(
        "vision/<int:number>/projects/<int:pk>/delete/",
        projects.project_delete,
        name="project_delete",
    ),
    path(
        "vision/<int:number>/projects/<int:pk>/attachments/",
        attachments.project_attachment_add,
        name="project_attachment_add",
    ),
    # Attachments of a revision or a project (ADR 0118).
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment"),
    path(
        "attachments/<int:pk>/remove/",
        attachments.attachment_remove_view,
        name="attachment_remove",
    ),
    # 検証 records of the published vision (ADR 0105).
    path("verifications/", verifications.verification_list, name="verifications"),
    path("verifications/new/", verifications.verification_new, name="verification_new"),
    path(
        "verifications/<int:number>/",
        verifications.verification_detail,
        name="verification",
    ),
    path(
        "verifications/<int:number>/reopen/",
        verifications.verification_reopen_view,
        name="verification_reopen",
    ),
    path(
        "verifications/<int:number>/change/",
        verifications.verification_change,
        name="verification_change",
    ),
    # Yearly results of the published vision's targets (ADR 0108, 0109).
    path("results/", results.results_overview, name="results"),
    path("results/<int:number>/", results.results_project, name="results_project"),
    path("results/<int:number>/submit/", results.results_submit, name="results_submit"),
    path("results/<int:number>/correct/", results.results_correct, name="results_correct"),
    path("results/evidence/<int:pk>/", results.result_evidence, name="result_evidence"),
    # Requests for new support measures (要綱 第5(1), ADR 0116).
    path(
        "support/requests/",
        support_requests.support_request_list,
        name="support_requests",
    ),
    path(
        "support/requests/new/",
        support_requests.support_request_new,
        name="support_request_new",
    ),
    path(
        "support/requests/<int:pk>/",
        support_requests.support_request_detail,
        name="support_request",
    ),
]
