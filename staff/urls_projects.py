"""Staff pages of a vision draft's projects (included under /staff/<slug>/vision/).

A project is added from the vision form ("プロジェクトを追加" saves the vision and adds one).
"""

from django.urls import path

from staff.views import projects as views

urlpatterns = [
    path("<int:number>/projects/<int:pk>/", views.project_detail, name="project"),
    path("<int:number>/projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
]
