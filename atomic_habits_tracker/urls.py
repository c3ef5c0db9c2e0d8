from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from core import views as core_views
from ical.urls import feed_urlpatterns as ical_feed_urlpatterns

# The admin says whose it is (its stock header reads "Django administration").
admin.site.site_header = "Atomic Habits Tracker admin"
admin.site.site_title = "Atomic Habits Tracker admin"
admin.site.index_title = "Operations"
admin.site.index_template = "core/admin_index.html"  # the stock index plus the health page link

api_patterns = [
    path("", include("users.urls")),
    path("", include("habits.urls")),
    path("", include("habit_instances.urls")),
    path("", include("goals.urls")),
    path("", include("telegrambot.urls")),
    path("", include("ical.urls")),
    path("", include("notifications.urls")),
    path("", include("rewards.urls")),
    path("", include("achievements.urls")),
    path("", include("community.urls")),
    path("", include("push.urls")),
    path("", include("backups.urls")),
    path("", include("journal.urls")),
    path("", include("reports.urls")),
    path("", include("imports.urls")),
    path("files/<str:token>/", core_views.storage_file, name="storage-file"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="core/redoc.html"),
        name="redoc",
    ),
    # [\s\S]: an id with a newline in it must still get the JSON 404 (found by fuzzing).
    re_path(r"^[\s\S]*$", core_views.api_not_found),
]

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("metrics", core_views.metrics, name="metrics"),
    path(
        "admin/operations/",
        admin.site.admin_view(core_views.operations_page),
        name="admin-operations",
    ),
    path("admin/", admin.site.urls),
    path("api/", include(api_patterns)),
    *ical_feed_urlpatterns,
    re_path(r"^(?!api/|admin/|static/|ical/).*$", core_views.spa_index, name="spa"),
]

handler400 = "core.views.bad_request"
handler500 = "core.views.server_error"
