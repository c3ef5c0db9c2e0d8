"""Thin views of the AI breakdown: start a job, read it, keep its drafts, and whether it is on."""

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsing import validated_body
from core.schema import ErrorSerializer
from goals import selectors, services
from goals.serializers import (
    AiBreakdownJobOutputSerializer,
    AiCapabilityOutputSerializer,
    GoalOutputSerializer,
    GoalStageOutputSerializer,
    IdsInputSerializer,
)

AI_DISABLED = OpenApiResponse(
    ErrorSerializer, description="`ai_disabled`: no AI key is configured on this server."
)


class AcceptDraftsOutputSerializer(serializers.Serializer):
    goal = GoalOutputSerializer()
    stages = GoalStageOutputSerializer(many=True, help_text="Every stage of the goal, in order.")


class GoalAiCapabilityApi(APIView):
    @extend_schema(responses={200: AiCapabilityOutputSerializer})
    def get(self, request):
        data = {
            "enabled": services.ai_breakdown_enabled(),
            "daily_limit": settings.AI_DAILY_LIMIT_PER_USER,
            "used_today": services.ai_breakdowns_used_today(user=request.user, now=timezone.now()),
        }
        return Response(AiCapabilityOutputSerializer(data).data)


@extend_schema(
    methods=["POST"],
    request=None,
    responses={
        202: AiBreakdownJobOutputSerializer,
        409: OpenApiResponse(
            ErrorSerializer,
            description="`ai_breakdown_in_progress`: `details.job_id` is the job under way.",
        ),
        429: OpenApiResponse(
            ErrorSerializer, description="`ai_daily_limit`: `Retry-After` says until midnight."
        ),
        503: AI_DISABLED,
    },
)
class GoalAiBreakdownApi(APIView):
    def post(self, request, goal_id):
        job = services.goal_ai_breakdown_start(
            user=request.user, goal_id=goal_id, now=timezone.now()
        )
        job.drafts = []
        return Response(AiBreakdownJobOutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class GoalAiBreakdownJobApi(APIView):
    @extend_schema(responses={200: AiBreakdownJobOutputSerializer})
    def get(self, request, goal_id, job_id):
        job = selectors.ai_breakdown_job_get_for_user(
            user=request.user, goal_id=goal_id, job_id=job_id
        )
        return Response(AiBreakdownJobOutputSerializer(job).data)


class GoalStagesAcceptApi(APIView):
    @extend_schema(request=IdsInputSerializer, responses={200: AcceptDraftsOutputSerializer})
    def post(self, request, goal_id):
        # 404 before 400
        selectors.goal_get_for_user_without_summaries(user=request.user, goal_id=goal_id)
        goal = services.goal_stages_accept_drafts(
            user=request.user,
            goal_id=goal_id,
            ids=validated_body(IdsInputSerializer, request)["ids"],
            now=timezone.now(),
        )
        data = {
            "goal": selectors.goal_get_for_user(user=request.user, goal_id=goal.pk),
            "stages": selectors.goal_stage_list_for_goal(goal=goal).filter(is_draft=False),
        }
        return Response(AcceptDraftsOutputSerializer(data).data)
