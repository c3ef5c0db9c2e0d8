from django.urls import path

from journal import views

urlpatterns = [
    path("journal/entries/", views.JournalEntryListCreateApi.as_view(), name="journal-entry-list"),
    path(
        "journal/entries/<int:pk>/",
        views.JournalEntryDetailApi.as_view(),
        name="journal-entry-detail",
    ),
    path(
        "journal/entries/<int:entry_id>/photos/",
        views.JournalPhotoCreateApi.as_view(),
        name="journal-photo-list",
    ),
    path(
        "journal/photos/<int:pk>/",
        views.JournalPhotoDetailApi.as_view(),
        name="journal-photo-detail",
    ),
    path("journal/tags/", views.JournalTagListCreateApi.as_view(), name="journal-tag-list"),
    path("journal/tags/<int:pk>/", views.JournalTagDetailApi.as_view(), name="journal-tag-detail"),
    path("journal/calendar/", views.JournalCalendarApi.as_view(), name="journal-calendar"),
    path("journal/stats/", views.JournalStatsApi.as_view(), name="journal-stats"),
]
