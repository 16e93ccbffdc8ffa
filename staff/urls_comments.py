"""The region staff's side of the review comments, under /staff/<slug>/comments/
(namespace "staff_comments")."""

from django.urls import path

from staff.views import comments as views

app_name = "staff_comments"

urlpatterns = [
    path("", views.comment_index, name="index"),
    path("<str:document>/<int:number>/", views.revision_threads, name="revision"),
    path("<str:document>/<int:number>/reply/", views.thread_reply, name="reply"),
]
