"""Thin instance views: parse, call a service or selector, serialize."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import check_query_parameters
from core.parsing import validated_body
from core.schema import ErrorSerializer
from habit_instances import selectors, services
from habit_instances.filters import InstanceFilter
from habit_instances.models import HabitInstance
from habit_instances.serializers import (
    DayInputSerializer,
    DayPathSerializer,
    DayStatusSerializer,
    InstanceNoteInputSerializer,
    InstanceOutputSerializer,
    InstanceRangeQuerySerializer,
    instance_rows_data,
)
from habit_instances.stats.selectors import habit_current_streaks
from habits.kept import KeptListView
from habits.selectors import habit_get_for_user


def _streak_context(request, instances) -> dict:
    """The current streak of every habit on the page, in one query (no full stats)."""
    streaks = habit_current_streaks(
        user=request.user, habit_ids={i.habit_id for i in instances}, now=timezone.now()
    )
    return {"streak_by_habit": streaks}


def _instance_response(request, instance: HabitInstance, *, now) -> Response:
    """A marked instance as the API shows it: its row with habit and streak, read by the
    service inside its transaction (a completion) or else by one query now."""
    row = getattr(instance, "row", None) or selectors.habit_instance_row(
        user=request.user, instance_id=instance.pk, now=now
    )
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
# instance_rows_data; InstanceOutputSerializer documents the same shape. The list as the client
# first asks for it is kept rendered in Redis until the user's data, a deadline of their open
# instances (sql.instance_rows_of_day reads it), the day or the zone changes it (habits.kept). Not
# a list longer than a page: its links hold the request's host. (A comment, not a docstring:
# drf-spectacular would publish it.)
class InstancesTodayApi(KeptListView, generics.ListAPIView):
    serializer_class = InstanceOutputSerializer
    filter_backends = []
    kept_name = "today"

    def list(self, request, *args, **kwargs):
        now = timezone.now()

        def compute():
            rows, open_until = selectors.habit_instance_rows_today_for_user(
                user=request.user, now=now
            )
            page = self.paginate_queryset(rows)
            return self.get_paginated_response(instance_rows_data(page)), open_until

        return self.kept_response(request, now=now, compute=compute)


# A bounded list (at most 31 days of at most 100 named habits, or of the unarchived ones): one
# query for the rows with their habit summaries and streaks, no pages and so no COUNT.
class InstancesInRangeApi(APIView):
    @extend_schema(
        parameters=[InstanceRangeQuerySerializer],
        responses={
            200: InstanceOutputSerializer(many=True),
            400: OpenApiResponse(
                ErrorSerializer,
                description="Field errors: `date_from` or `date_to` missing or not a date, "
                "`date_to` before `date_from` or more than 31 days on, more than 100 `habit` "
                "ids, or an unknown query parameter.",
            ),
        },
    )
    def get(self, request):
        query = InstanceRangeQuerySerializer(data=request.query_params)
        check_query_parameters(request, self, own=set(query.fields))
        query.is_valid(raise_exception=True)
        rows = selectors.habit_instance_rows_in_range_for_user(
            user=request.user,
            date_from=query.validated_data["date_from"],
            date_to=query.validated_data["date_to"],
            habit_ids=query.validated_data.get("habit"),
            now=timezone.now(),
        )
        return Response(instance_rows_data(rows))


class HabitInstancesApi(InstanceListApi):
    filterset_class = InstanceFilter
    ordering_fields = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, no habit
            return HabitInstance.objects.none()
        habit = habit_get_for_user(user=self.request.user, habit_id=self.kwargs["habit_id"])
        return selectors.habit_instances_list_for_habit(habit=habit)


def _mark_schema(conflicts: str):
    """A mark answers the instance, or 409 with one of these codes."""
    return extend_schema(
        request=None,
        responses={
            200: InstanceOutputSerializer,
            409: OpenApiResponse(ErrorSerializer, description=conflicts),
        },
    )


_MARK_SCHEMA = _mark_schema("`instance_final` (already marked) or `fix_window_closed`.")


# A mark: the service the subclass names, answered with the instance's row. (A comment, not a
# docstring: drf-spectacular would publish a docstring in the schema.)
class _InstanceMarkApi(APIView):
    service = None

    def post(self, request, pk):
        now = timezone.now()
        instance = type(self).service(user=request.user, instance_id=pk, now=now)
        return _instance_response(request, instance, now=now)


@extend_schema_view(post=_MARK_SCHEMA)
class InstanceCompleteApi(_InstanceMarkApi):
    service = services.habit_instance_mark_completed


@extend_schema_view(post=_MARK_SCHEMA)
class InstanceFailApi(_InstanceMarkApi):
    service = services.habit_instance_mark_failed


@extend_schema_view(
    post=_mark_schema(
        "`instance_final` (already marked), `fix_window_closed` or `skip_limit_reached` "
        "(the week's excused skips are used)."
    )
)
class InstanceSkipApi(_InstanceMarkApi):
    service = services.habit_instance_mark_skipped


@extend_schema_view(
    post=_mark_schema(
        "`nothing_to_undo` (not marked), `not_undoable` (fix_expired), `recorded_late` (a past "
        "day: use /habits/{id}/days/{date}/) or `fix_window_closed`."
    )
)
class InstanceUndoApi(_InstanceMarkApi):
    service = services.habit_instance_undo


class InstanceNoteApi(APIView):
    @extend_schema(request=InstanceNoteInputSerializer, responses={200: InstanceOutputSerializer})
    def patch(self, request, pk):
        now = timezone.now()
        instance = services.habit_instance_note_set(
            user=request.user,
            instance_id=pk,
            note=validated_body(InstanceNoteInputSerializer, request).get("note"),
            now=now,
        )
        return _instance_response(request, instance, now=now)


def _day_from(request, date: str, serializer_class) -> dict:
    """The path's date (and the body's fields) checked by one serializer: a bad date is a field
    error on `date`, like any body field."""
    body = request.data if isinstance(request.data, dict) else {}
    serializer = serializer_class(data={**body, "date": date})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


_DATE_PARAMETER = OpenApiParameter(
    "date", OpenApiTypes.DATE, OpenApiParameter.PATH, description="The owner's local date."
)
_DAY_ERRORS = {
    400: OpenApiResponse(
        ErrorSerializer,
        description="A field error on `date` (today, a future day, further back than "
        "HABIT_PAST_DAYS_WINDOW, before the start date, or not due) or on `status`.",
    ),
    404: OpenApiResponse(ErrorSerializer, description="Not your habit, or nothing recorded."),
}


class HabitDayApi(APIView):
    @extend_schema(
        parameters=[_DATE_PARAMETER],
        request=DayStatusSerializer,
        responses={
            200: InstanceOutputSerializer,
            **_DAY_ERRORS,
            409: OpenApiResponse(ErrorSerializer, description="`skip_limit_reached`."),
        },
    )
    def put(self, request, habit_id, date):
        data = _day_from(request, date, DayInputSerializer)
        now = timezone.now()
        instance = services.habit_day_record(
            user=request.user, habit_id=habit_id, day=data["date"], status=data["status"], now=now
        )
        return _instance_response(request, instance, now=now)

    @extend_schema(
        parameters=[_DATE_PARAMETER],
        request=None,
        responses={
            204: None,
            **_DAY_ERRORS,
            409: OpenApiResponse(
                ErrorSerializer,
                description="`not_recorded_late`: the day was marked live or by the sweep.",
            ),
        },
    )
    def delete(self, request, habit_id, date):
        data = _day_from(request, date, DayPathSerializer)
        services.habit_day_clear(
            user=request.user, habit_id=habit_id, day=data["date"], now=timezone.now()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
