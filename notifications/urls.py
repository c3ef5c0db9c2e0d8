from django.urls import path

from notifications import views

urlpatterns = [
    path("notifications/", views.NotificationListApi.as_view(), name="notifications"),
    path(
        "notifications/read-all/",
        views.NotificationReadAllApi.as_view(),
        name="notifications-read-all",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        views.NotificationReadApi.as_view(),
        name="notification-read",
    ),
    path(
        "settings/notifications/frequency/",
        views.CheckinScheduleApi.as_view(),
        name="notification-frequency",
    ),
    path(
        "settings/notifications/",
        views.NotificationSettingsApi.as_view(),
        name="notification-settings",
    ),
]
