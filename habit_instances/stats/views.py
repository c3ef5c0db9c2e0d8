"""Thin stats views: the owner's habit, then the cached stats."""

import json

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import parse_header_parameters
from drf_spectacular.utils import extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from habit_instances.stats import selectors
from habit_instances.stats.serializers import (
    HabitStatsOutputSerializer,
    StatsOverviewOutputSerializer,
)
from habits.selectors import habit_get_for_user_without_relations


def _prerendered_json(request, body: bytes) -> HttpResponse:
    """JSON rendered ahead by `JSONRenderer`, sent as is: the same bytes and Content-Type as
    `Response(json.loads(body))`. A client asking for indentation (`Accept: application/json;
    indent=4`) or another negotiated renderer gets it rendered the usual way."""
    renderer = request.accepted_renderer
    _, params = parse_header_parameters(request.accepted_media_type or "")
    if type(renderer) is JSONRenderer and "indent" not in params:
        return HttpResponse(body, content_type=renderer.media_type)
    return Response(json.loads(body))


class HabitStatsApi(APIView):
    @extend_schema(responses={200: HabitStatsOutputSerializer})
    def get(self, request, pk):
        habit = habit_get_for_user_without_relations(user=request.user, habit_id=pk)
        body = selectors.habit_stats_json_get(habit=habit, now=timezone.now())
        return _prerendered_json(request, body)


class StatsOverviewApi(APIView):
    @extend_schema(responses={200: StatsOverviewOutputSerializer})
    def get(self, request):
        return Response(selectors.stats_overview_for_user(user=request.user, now=timezone.now()))
