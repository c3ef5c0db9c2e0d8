from django.urls import path, re_path

from core.views import api_not_found
from ical import views

# under /api/
urlpatterns = [
    path("calendar/", views.CalendarApi.as_view(), name="calendar"),
    path("calendar/regenerate/", views.CalendarRegenerateApi.as_view(), name="calendar-regenerate"),
]

# at the site's root, outside /api/: the URL calendar apps subscribe to
feed_urlpatterns = [
    path("ical/<str:token>.ics", views.CalendarFeedIcsApi.as_view(), name="calendar-feed"),
    # any other path under /ical/ is a JSON 404 too, not the web app's page
    re_path(r"^ical/[\s\S]*$", api_not_found),
]
