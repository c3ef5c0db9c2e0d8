"""Thin stats views: the owner's habit, then the cached stats."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.rendering import prerendered_json
from habit_instances.stats import selectors
from habit_instances.stats.serializers import (
    HabitStatsOutputSerializer,
    StatsOverviewOutputSerializer,
)
from habits.selectors import habit_get_for_user_without_relations


class HabitStatsApi(APIView):
    @extend_schema(responses={200: HabitStatsOutputSerializer})
    def get(self, request, pk):
        habit = habit_get_for_user_without_relations(user=request.user, habit_id=pk)
        body = selectors.habit_stats_json_get(habit=habit, now=timezone.now())
        return prerendered_json(request, body)


class StatsOverviewApi(APIView):
    @extend_schema(responses={200: StatsOverviewOutputSerializer})
    def get(self, request):
        return Response(selectors.stats_overview_for_user(user=request.user, now=timezone.now()))
