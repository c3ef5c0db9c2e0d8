"""Thin instance views: parse, call a service or selector, serialize."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from core.schema import ErrorSerializer
from habit_instances import selectors, services
from habit_instances.filters import InstanceFilter
from habit_instances.models import HabitInstance
from habit_instances.serializers import InstanceOutputSerializer, instance_rows_data
from habit_instances.stats.selectors import habit_current_streaks
from habits.selectors import habit_get_for_user


def _streak_context(request, instances) -> dict:
    """The current streak of every habit on the page, in one query (no full stats)."""
    streaks = habit_current_streaks(
        user=request.user, habit_ids={i.habit_id for i in instances}, now=timezone.now()
    )
    return {"streak_by_habit": streaks}


def _instance_response(request, instance: HabitInstance, *, now) -> Response:
    """A marked instance as the API shows it: one query for its row with habit and streak."""
    row = selectors.habit_instance_row(user=request.user, instance_id=instance.pk, now=now)
    (data,) = instance_rows_data([row])
    return Response(data)


class InstanceListApi(generics.ListAPIView):
    serializer_class = InstanceOutputSerializer

    def get_serializer(self, *args, **kwargs):
        if args:
            kwargs["context"] = {
                **self.get_serializer_context(),
                **_streak_context(self.request, args[0]),
            }
        return super().get_serializer(*args, **kwargs)


# A bounded list (one user's habits on one day): read whole in one query with the habit summaries
# and streaks, paginated in memory (the count is the rows', no COUNT query) and rendered by
# instance_rows_data; InstanceOutputSerializer documents the same shape. (A comment, not a
# docstring: drf-spectacular would publish a docstring in the schema.)
class InstancesTodayApi(generics.ListAPIView):
    serializer_class = InstanceOutputSerializer
    filter_backends = []

    def list(self, request, *args, **kwargs):
        rows = selectors.habit_instance_rows_today_for_user(user=request.user, now=timezone.now())
        return self.get_paginated_response(instance_rows_data(self.paginate_queryset(rows)))


class HabitInstancesApi(InstanceListApi):
    filterset_class = InstanceFilter
    ordering_fields = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, no habit
            return HabitInstance.objects.none()
        habit = habit_get_for_user(user=self.request.user, habit_id=self.kwargs["habit_id"])
        return selectors.habit_instances_list_for_habit(habit=habit)


# A mark answers the instance, or 409 when it is already final or its fix window has closed.
_MARK_SCHEMA = extend_schema(
    request=None,
    responses={
        200: InstanceOutputSerializer,
        409: OpenApiResponse(
            ErrorSerializer,
            description="`instance_final` (already marked) or `fix_window_closed`.",
        ),
    },
)


class InstanceCompleteApi(APIView):
    @_MARK_SCHEMA
    def post(self, request, pk):
        now = timezone.now()
        instance = services.habit_instance_mark_completed(
            user=request.user, instance_id=pk, now=now
        )
        return _instance_response(request, instance, now=now)


class InstanceFailApi(APIView):
    @_MARK_SCHEMA
    def post(self, request, pk):
        now = timezone.now()
        instance = services.habit_instance_mark_failed(user=request.user, instance_id=pk, now=now)
        return _instance_response(request, instance, now=now)
