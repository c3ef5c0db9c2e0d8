from django.urls import path

from ical import views

# under /api/
urlpatterns = [
    path("calendar/", views.CalendarApi.as_view(), name="calendar"),
    path("calendar/regenerate/", views.CalendarRegenerateApi.as_view(), name="calendar-regenerate"),
]

# at the site's root, outside /api/: the URL calendar apps subscribe to
feed_urlpatterns = [
    path("ical/<str:token>.ics", views.CalendarFeedIcsApi.as_view(), name="calendar-feed"),
]
