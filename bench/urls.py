"""The URL configuration of the bench's gunicorn (bench/settings.py): the project's, plus its
baseline endpoint. No deployment mounts it.

`GET /api/bench/baseline/` is the floor of an authenticated API request in this project: the
default authentication (the JWT check, whatever it costs at the time) and permission, DRF's
request and response cycle, then a constant. Every HTTP row of `make bench` is reported as a
fraction of its requests per second, measured in the same run, so the row says how close an
endpoint is to the framework itself on whatever load the box has at that moment.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from atomic_habits_tracker.urls import handler400, handler500  # noqa: F401 (the root URLconf's)
from atomic_habits_tracker.urls import urlpatterns as project_urlpatterns


class BenchBaselineApi(APIView):
    @extend_schema(exclude=True)
    def get(self, request):
        return Response({"ok": True})


urlpatterns = [
    # Ahead of the project's patterns: their /api/ catch-all answers every other path with a 404.
    path("api/bench/baseline/", BenchBaselineApi.as_view(), name="bench-baseline"),
    *project_urlpatterns,
]
