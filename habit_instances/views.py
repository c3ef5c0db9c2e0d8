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
from habit_instances.serializers import InstanceOutputSerializer
from habit_instances.stats.selectors import habit_current_streaks
from habits.selectors import habit_get_for_user


def _streak_context(instances) -> dict:
    """The current streak of every habit on the page, in one query (no full stats)."""
    return {"streak_by_habit": habit_current_streaks(habit_ids={i.habit_id for i in instances})}


class InstanceListApi(generics.ListAPIView):
    serializer_class = InstanceOutputSerializer

    def get_serializer(self, *args, **kwargs):
        if args:
            kwargs["context"] = {
                **self.get_serializer_context(),
                **_streak_context(args[0]),
            }
        return super().get_serializer(*args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.now = timezone.now()


class InstancesTodayApi(InstanceListApi):
    filter_backends = []

    def get_queryset(self):
        return selectors.habit_instances_today_for_user(user=self.request.user, now=self.now)


class HabitInstancesApi(InstanceListApi):
    filterset_class = InstanceFilter
    ordering_fields = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, no habit
            return HabitInstance.objects.none()
        habit = habit_get_for_user(user=self.request.user, habit_id=self.kwargs["habit_id"])
        return selectors.habit_instances_list_for_habit(habit=habit)


class InstanceCompleteApi(APIView):
    @extend_schema(
        request=None,
        responses={
            200: InstanceOutputSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="`instance_final` (already marked) or `fix_window_closed`.",
            ),
        },
    )
    def post(self, request, pk):
        now = timezone.now()
        instance = services.habit_instance_mark_completed(
            user=request.user, instance_id=pk, now=now
        )
        return Response(
            InstanceOutputSerializer(instance, context=_streak_context([instance])).data
        )


class InstanceFailApi(APIView):
    @extend_schema(
        request=None,
        responses={
            200: InstanceOutputSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="`instance_final` (already marked) or `fix_window_closed`.",
            ),
        },
    )
    def post(self, request, pk):
        now = timezone.now()
        instance = services.habit_instance_mark_failed(user=request.user, instance_id=pk, now=now)
        return Response(
            InstanceOutputSerializer(instance, context=_streak_context([instance])).data
        )
