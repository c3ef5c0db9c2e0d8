from django.urls import path

from backups import views

urlpatterns = [
    path("account/archives/", views.AccountArchiveListApi.as_view(), name="account-archives"),
    path(
        "account/archives/schedule/",
        views.AccountArchiveScheduleApi.as_view(),
        name="account-archive-schedule",
    ),
]
