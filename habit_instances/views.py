"""Thin instance views: parse, call a service or selector, serialize."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from habit_instances import selectors, services
from habit_instances.filters import InstanceFilter
from habit_instances.models import HabitInstance
from habit_instances.serializers import InstanceOutputSerializer
from habits.selectors import habit_get_for_user, habit_stats_get_many


def _stats_context(instances, *, now) -> dict:
    """The current streak of every habit on the page: one Redis round trip (plus one query for
    habits whose stats are not cached)."""
    habits = list({instance.habit_id: instance.habit for instance in instances}.values())
    return {"stats_by_habit": habit_stats_get_many(habits=habits, now=now)}


class InstanceListApi(generics.ListAPIView):
    serializer_class = InstanceOutputSerializer

    def get_serializer(self, *args, **kwargs):
        if args:
            kwargs["context"] = {
                **self.get_serializer_context(),
                **_stats_context(args[0], now=self.now),
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
    @extend_schema(request=None, responses={200: InstanceOutputSerializer})
    def post(self, request, pk):
        now = timezone.now()
        instance = services.habit_instance_mark_completed(
            user=request.user, instance_id=pk, now=now
        )
        return Response(
            InstanceOutputSerializer(instance, context=_stats_context([instance], now=now)).data
        )


class InstanceFailApi(APIView):
    @extend_schema(request=None, responses={200: InstanceOutputSerializer})
    def post(self, request, pk):
        now = timezone.now()
        instance = services.habit_instance_mark_failed(user=request.user, instance_id=pk, now=now)
        return Response(
            InstanceOutputSerializer(instance, context=_stats_context([instance], now=now)).data
        )
