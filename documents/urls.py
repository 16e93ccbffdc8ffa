from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path(
        "<str:document>/<int:pk>/<str:kind>.pdf",
        views.download,
        name="download",
    ),
]
