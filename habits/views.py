"""Thin habit views: parse, call a service or selector, serialize."""

from django.utils import timezone
from django_filters.constants import EMPTY_VALUES
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsing import validated_body
from habits import selectors, services
from habits.filters import BOOLEAN_FILTER_PARAMETERS, HabitFilter
from habits.kept import KeptListView
from habits.models import Habit
from habits.serializers import (
    HabitInputSerializer,
    HabitOutputSerializer,
    HabitPauseInputSerializer,
    PublicHabitOutputSerializer,
    habit_rows_data,
)


@extend_schema_view(get=extend_schema(parameters=BOOLEAN_FILTER_PARAMETERS))
class HabitListCreateApi(KeptListView, generics.ListAPIView):
    serializer_class = HabitOutputSerializer
    kept_name = "habits"
    filterset_class = HabitFilter
    ordering_fields = ["time_of_day", "name", "created_at"]
    ordering = ["time_of_day", "id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Habit.objects.none()
        return selectors.habit_list_for_user(user=self.request.user)

    def list(self, request, *args, **kwargs):
        # The same filters, ordering and pagination as a ListAPIView, read as plain rows
        # (habits.sql, next due dates in the same statement) and rendered by habit_rows_data:
        # the ORM and per-row serializer fields were most of this endpoint's time.
        # HabitOutputSerializer documents the same shape. The list as the client first asks
        # for it is kept until a write or today's window changes it (habits.kept).
        now = timezone.now()

        def compute():
            rows = selectors.habit_rows_for_user(
                user=request.user,
                filters=self._filters(request),
                ordering=OrderingFilter().get_ordering(request, None, self),
                now=now,
            )
            response = self.get_paginated_response(habit_rows_data(self.paginate_queryset(rows)))
            return response, rows.changes_at

        return self.kept_response(request, now=now, compute=compute)

    def _filters(self, request) -> dict[str, object]:
        """The filters given, validated by HabitFilter as DjangoFilterBackend does (400 on a bad
        value), by the field each reads; without any, no filter set is built at all. Archived
        habits are left out unless `archived` says otherwise (HabitFilter.filter_queryset)."""
        if not HabitFilter.base_filters.keys() & request.query_params.keys():
            return {"is_archived": False}
        backend = DjangoFilterBackend()
        filterset = backend.get_filterset(request, Habit.objects.none(), self)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return {"is_archived": False} | {
            HabitFilter.base_filters[name].field_name: value
            for name, value in filterset.form.cleaned_data.items()
            if value not in EMPTY_VALUES
        }

    @extend_schema(request=HabitInputSerializer, responses={201: HabitOutputSerializer})
    def post(self, request):
        habit = services.habit_create(
            user=request.user,
            data=validated_body(HabitInputSerializer, request),
            now=timezone.now(),
        )
        return Response(HabitOutputSerializer(habit).data, status=status.HTTP_201_CREATED)


class HabitDetailApi(APIView):
    @extend_schema(responses={200: HabitOutputSerializer})
    def get(self, request, pk):
        habit = selectors.habit_get_for_user(user=request.user, habit_id=pk)
        return Response(HabitOutputSerializer(habit).data)

    def _update(self, request, pk, *, partial: bool):
        selectors.habit_get_for_user(user=request.user, habit_id=pk)  # 404 before 400
        habit = services.habit_update(
            user=request.user,
            habit_id=pk,
            data=validated_body(HabitInputSerializer, request, partial=partial),
            now=timezone.now(),
        )
        return Response(HabitOutputSerializer(habit).data)

    @extend_schema(request=HabitInputSerializer, responses={200: HabitOutputSerializer})
    def put(self, request, pk):
        return self._update(request, pk, partial=False)

    @extend_schema(request=HabitInputSerializer, responses={200: HabitOutputSerializer})
    def patch(self, request, pk):
        return self._update(request, pk, partial=True)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.habit_delete(user=request.user, habit_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class HabitPublicListApi(generics.ListAPIView):
    serializer_class = PublicHabitOutputSerializer
    filter_backends = []

    def get_queryset(self):
        return selectors.habit_public_list()


class HabitCopyApi(APIView):
    @extend_schema(request=None, responses={201: HabitOutputSerializer})
    def post(self, request, pk):
        habit = services.habit_copy(user=request.user, habit_id=pk, now=timezone.now())
        return Response(HabitOutputSerializer(habit).data, status=status.HTTP_201_CREATED)


class HabitPauseApi(APIView):
    @extend_schema(request=HabitPauseInputSerializer, responses={200: HabitOutputSerializer})
    def post(self, request, pk):
        selectors.habit_get_for_user(user=request.user, habit_id=pk)  # 404 before 400
        body = validated_body(HabitPauseInputSerializer, request)
        habit = services.habit_pause(
            user=request.user,
            habit_id=pk,
            paused_from=body["from"],
            paused_until=body.get("until"),
            now=timezone.now(),
        )
        return Response(HabitOutputSerializer(habit).data)


def _habit_action_api(service, doc: str):
    """A body-less POST on one habit answering the habit: resume, archive, unarchive."""

    class HabitActionApi(APIView):
        __doc__ = doc

        @extend_schema(request=None, responses={200: HabitOutputSerializer})
        def post(self, request, pk):
            habit = service(user=request.user, habit_id=pk, now=timezone.now())
            return Response(HabitOutputSerializer(habit).data)

    return HabitActionApi


HabitResumeApi = _habit_action_api(services.habit_resume, "Ends the habit's pause.")
HabitArchiveApi = _habit_action_api(services.habit_archive, "Archives the habit.")
HabitUnarchiveApi = _habit_action_api(services.habit_unarchive, "Brings the habit back.")
