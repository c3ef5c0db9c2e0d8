from django.urls import path

from reports import views

urlpatterns = [
    path("reports/habits-mood/", views.HabitsMoodReportApi.as_view(), name="report-habits-mood"),
    path("reports/jobs/<int:job_id>/", views.ReportJobApi.as_view(), name="report-job"),
    path("reports/settings/", views.ReportSettingsApi.as_view(), name="report-settings"),
    path(
        "reports/weekly-summaries/",
        views.WeeklySummaryListApi.as_view(),
        name="report-weekly-summaries",
    ),
]
