"""The bench's baseline endpoint, mounted under /api/bench/ only when BENCH_BASELINE_VIEW is on
(bench/run.py sets it for its gunicorn; no deployment does).

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


class BenchBaselineApi(APIView):
    @extend_schema(exclude=True)
    def get(self, request):
        return Response({"ok": True})


urlpatterns = [path("baseline/", BenchBaselineApi.as_view(), name="bench-baseline")]
