"""Thin goal views: parse, call a service or selector, serialize."""

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsing import validated_body
from core.schema import ErrorSerializer
from goals import selectors, services
from goals.filters import IS_DRAFT_PARAMETER, GoalFilter, GoalStageFilter
from goals.models import Goal, GoalStage
from goals.serializers import (
    GoalInputSerializer,
    GoalOutputSerializer,
    GoalReminderInputSerializer,
    GoalReminderOutputSerializer,
    GoalStageInputSerializer,
    GoalStageMarkOutputSerializer,
    GoalStageOutputSerializer,
    IdsInputSerializer,
)


def _goal_response(request, goal: Goal, *, status_code=status.HTTP_200_OK) -> Response:
    """A goal as the API shows it, read again with its stage counts and habits."""
    goal = selectors.goal_get_for_user(user=request.user, goal_id=goal.pk)
    return Response(GoalOutputSerializer(goal).data, status=status_code)


class _GoalListApi(generics.ListAPIView):
    serializer_class = GoalOutputSerializer
    filterset_class = GoalFilter
    filter_backends = [DjangoFilterBackend]
    archived = False

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Goal.objects.none()
        return selectors.goal_list_for_user(user=self.request.user, archived=self.archived)


class GoalListCreateApi(_GoalListApi):
    @extend_schema(request=GoalInputSerializer, responses={201: GoalOutputSerializer})
    def post(self, request):
        goal = services.goal_create(
            user=request.user,
            data=validated_body(GoalInputSerializer, request),
            now=timezone.now(),
        )
        return _goal_response(request, goal, status_code=status.HTTP_201_CREATED)


class GoalArchivedListApi(_GoalListApi):
    archived = True


class GoalDetailApi(APIView):
    @extend_schema(responses={200: GoalOutputSerializer})
    def get(self, request, pk):
        goal = selectors.goal_get_for_user(user=request.user, goal_id=pk)
        return Response(GoalOutputSerializer(goal).data)

    def _update(self, request, pk, *, partial: bool):
        selectors.goal_get_for_user_without_summaries(user=request.user, goal_id=pk)  # 404 first
        goal = services.goal_update(
            user=request.user,
            goal_id=pk,
            data=validated_body(GoalInputSerializer, request, partial=partial),
            now=timezone.now(),
        )
        return _goal_response(request, goal)

    @extend_schema(request=GoalInputSerializer, responses={200: GoalOutputSerializer})
    def put(self, request, pk):
        return self._update(request, pk, partial=False)

    @extend_schema(request=GoalInputSerializer, responses={200: GoalOutputSerializer})
    def patch(self, request, pk):
        return self._update(request, pk, partial=True)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.goal_delete(user=request.user, goal_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


# A PUT (and the same as POST) that calls one service on the goal and answers it. (A comment,
# not a docstring: drf-spectacular would publish a docstring in the schema.)
class _GoalActionApi(APIView):
    service = None

    def put(self, request, pk):
        goal = type(self).service(user=request.user, goal_id=pk, now=timezone.now())
        return _goal_response(request, goal)

    post = put


@extend_schema(methods=["PUT", "POST"], request=None, responses={200: GoalOutputSerializer})
class GoalArchiveApi(_GoalActionApi):
    service = services.goal_archive


@extend_schema(methods=["PUT", "POST"], request=None, responses={200: GoalOutputSerializer})
class GoalUnarchiveApi(_GoalActionApi):
    service = services.goal_unarchive


@extend_schema(
    methods=["PUT", "POST"],
    request=None,
    responses={
        200: GoalOutputSerializer,
        409: OpenApiResponse(
            ErrorSerializer,
            description="`goal_already_completed`, or `goal_has_open_stages` (tick them instead).",
        ),
    },
)
class GoalCompleteApi(_GoalActionApi):
    service = services.goal_complete


@extend_schema(
    methods=["PUT", "POST"],
    request=None,
    responses={
        200: GoalOutputSerializer,
        409: OpenApiResponse(
            ErrorSerializer,
            description="`goal_not_completed`, or `goal_stages_all_done` (untick one instead).",
        ),
    },
)
class GoalReopenApi(_GoalActionApi):
    service = services.goal_reopen


@extend_schema_view(get=extend_schema(parameters=[IS_DRAFT_PARAMETER]))
class GoalStageListCreateApi(generics.ListAPIView):
    serializer_class = GoalStageOutputSerializer
    filterset_class = GoalStageFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, no goal
            return GoalStage.objects.none()
        goal = selectors.goal_get_for_user_without_summaries(
            user=self.request.user, goal_id=self.kwargs["goal_id"]
        )
        return selectors.goal_stage_list_for_goal(goal=goal)

    @extend_schema(request=GoalStageInputSerializer, responses={201: GoalStageOutputSerializer})
    def post(self, request, goal_id):
        # 404 before 400
        selectors.goal_get_for_user_without_summaries(user=request.user, goal_id=goal_id)
        stage, _ = services.goal_stage_create(
            user=request.user,
            goal_id=goal_id,
            data=validated_body(GoalStageInputSerializer, request),
            now=timezone.now(),
        )
        return Response(GoalStageOutputSerializer(stage).data, status=status.HTTP_201_CREATED)


class GoalStageDetailApi(APIView):
    @extend_schema(request=GoalStageInputSerializer, responses={200: GoalStageOutputSerializer})
    def patch(self, request, goal_id, pk):
        # 404 before 400
        selectors.goal_get_for_user_without_summaries(user=request.user, goal_id=goal_id)
        stage = services.goal_stage_update(
            user=request.user,
            goal_id=goal_id,
            stage_id=pk,
            data=validated_body(GoalStageInputSerializer, request, partial=True),
            now=timezone.now(),
        )
        return Response(GoalStageOutputSerializer(stage).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, goal_id, pk):
        services.goal_stage_delete(
            user=request.user, goal_id=goal_id, stage_id=pk, now=timezone.now()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class GoalStagesReorderApi(APIView):
    @extend_schema(
        request=IdsInputSerializer, responses={200: GoalStageOutputSerializer(many=True)}
    )
    def post(self, request, goal_id):
        # 404 before 400
        selectors.goal_get_for_user_without_summaries(user=request.user, goal_id=goal_id)
        stages = services.goal_stages_reorder(
            user=request.user,
            goal_id=goal_id,
            ids=validated_body(IdsInputSerializer, request)["ids"],
            now=timezone.now(),
        )
        return Response(GoalStageOutputSerializer(stages, many=True).data)


class _GoalStageMarkApi(APIView):
    service = None

    def put(self, request, goal_id, pk):
        stage, goal = type(self).service(
            user=request.user, goal_id=goal_id, stage_id=pk, now=timezone.now()
        )
        data = {"stage": stage, "progress": goal.progress, "goal_completed_at": goal.completed_at}
        return Response(GoalStageMarkOutputSerializer(data).data)

    post = put


@extend_schema(
    methods=["PUT", "POST"],
    request=None,
    responses={
        200: GoalStageMarkOutputSerializer,
        409: OpenApiResponse(
            ErrorSerializer, description="`stage_already_completed` or `stage_is_draft`."
        ),
    },
)
class GoalStageCompleteApi(_GoalStageMarkApi):
    service = services.goal_stage_complete


@extend_schema(
    methods=["PUT", "POST"],
    request=None,
    responses={
        200: GoalStageMarkOutputSerializer,
        409: OpenApiResponse(
            ErrorSerializer, description="`stage_not_completed` or `stage_is_draft`."
        ),
    },
)
class GoalStageUncompleteApi(_GoalStageMarkApi):
    service = services.goal_stage_uncomplete


def _reminder_response(request, goal_id) -> Response:
    reminder = selectors.goal_reminder_get_for_user(user=request.user, goal_id=goal_id)
    next_at = selectors.goal_reminder_next_at(reminder=reminder, now=timezone.now())
    return Response(
        GoalReminderOutputSerializer(
            {
                "remind_time": reminder.remind_time,
                "every_n_days": reminder.every_n_days,
                "active": reminder.active,
                "next_reminder_at": next_at,
            }
        ).data
    )


class GoalReminderApi(APIView):
    @extend_schema(responses={200: GoalReminderOutputSerializer})
    def get(self, request, pk):
        return _reminder_response(request, pk)

    @extend_schema(
        request=GoalReminderInputSerializer, responses={200: GoalReminderOutputSerializer}
    )
    def put(self, request, pk):
        selectors.goal_get_for_user_without_summaries(user=request.user, goal_id=pk)  # 404 first
        services.goal_reminder_put(
            user=request.user,
            goal_id=pk,
            **validated_body(GoalReminderInputSerializer, request),
            now=timezone.now(),
        )
        return _reminder_response(request, pk)
