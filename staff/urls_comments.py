"""The region staff's side of the review comments, under /staff/<slug>/comments/
(namespace "staff_comments")."""

from django.urls import path

from staff.views import advice
from staff.views import comments as views

app_name = "staff_comments"

urlpatterns = [
    path("", views.comment_index, name="index"),
    path("<str:document>/<int:number>/", views.revision_threads, name="revision"),
    path("<str:document>/<int:number>/reply/", views.thread_reply, name="reply"),
    # 事前相談 on a draft (ADR 0116).
    path("advice/<str:document>/<int:number>/", advice.advice_page, name="advice"),
    path("advice/<str:document>/<int:number>/ask/", advice.advice_ask_view, name="advice_ask"),
    path(
        "advice/<str:document>/<int:number>/<int:pk>/reply/",
        advice.advice_follow_up,
        name="advice_reply",
    ),
]
