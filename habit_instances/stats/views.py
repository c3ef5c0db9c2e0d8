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


class HabitStatsApi(APIView):
    def cache_keys_read_with_user(self, user_id: int) -> list[str]:  # users.authentication
        return selectors.habit_stats_keys_for_user(user_id=user_id, habit_id=self.kwargs["pk"])

    @extend_schema(responses={200: HabitStatsOutputSerializer})
    def get(self, request, pk):
        body = selectors.habit_stats_json_for_user(
            user=request.user,
            habit_id=pk,
            now=timezone.now(),
            found=getattr(request, "cache_read_with_user", None),
        )
        return prerendered_json(request, body)


class StatsOverviewApi(APIView):
    @extend_schema(responses={200: StatsOverviewOutputSerializer})
    def get(self, request):
        return Response(selectors.stats_overview_for_user(user=request.user, now=timezone.now()))
