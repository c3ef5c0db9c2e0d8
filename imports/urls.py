from django.urls import path

from imports import views

urlpatterns = [
    path("account/export/", views.AccountExportApi.as_view(), name="account-export"),
    path("account/export/jobs/<int:pk>/", views.ExportJobApi.as_view(), name="account-export-job"),
    path("imports/", views.ImportCreateApi.as_view(), name="import-create"),
    path("imports/<int:pk>/", views.ImportJobApi.as_view(), name="import-job"),
]
