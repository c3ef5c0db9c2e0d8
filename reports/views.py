"""Thin views of the reports: parse, call a service or selector, serialize."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsing import validated_body
from reports import selectors, services
from reports.models import WeeklySummary
from reports.serializers import (
    HabitsMoodReportSerializer,
    RangeInputSerializer,
    ReportJobOutputSerializer,
    ReportSettingsSerializer,
    WeeklySummaryOutputSerializer,
)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "from", OpenApiTypes.DATE, required=True, description="First local day, YYYY-MM-DD."
        ),
        OpenApiParameter(
            "to", OpenApiTypes.DATE, required=True, description="Last local day, YYYY-MM-DD."
        ),
    ],
    responses={
        200: HabitsMoodReportSerializer,
        202: ReportJobOutputSerializer,
    },
    description=(
        "Habits and mood over a range of at most REPORTS_MAX_DAYS days: answered at once (200) "
        "up to REPORTS_INLINE_MAX_DAYS days or when cached, else 202 with the job computing it."
    ),
)
class HabitsMoodReportApi(APIView):
    def get(self, request):
        serializer = RangeInputSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        answer = services.habits_mood_report_get_or_start(
            user=request.user, now=timezone.now(), **serializer.validated_data
        )
        if answer.job is not None:
            return Response(
                ReportJobOutputSerializer(answer.job).data, status=status.HTTP_202_ACCEPTED
            )
        return Response(HabitsMoodReportSerializer(answer.report).data)


class ReportJobApi(APIView):
    @extend_schema(responses={200: ReportJobOutputSerializer})
    def get(self, request, job_id):
        job = selectors.report_job_get_for_user(user=request.user, job_id=job_id)
        return Response(ReportJobOutputSerializer(job).data)


class ReportSettingsApi(APIView):
    @extend_schema(responses={200: ReportSettingsSerializer})
    def get(self, request):
        return Response(
            ReportSettingsSerializer(selectors.report_settings_get(user=request.user)).data
        )

    @extend_schema(request=ReportSettingsSerializer, responses={200: ReportSettingsSerializer})
    def put(self, request):
        data = validated_body(ReportSettingsSerializer, request)
        saved = services.report_settings_update(
            user=request.user,
            weekly_summary_weekday=data["weekly_summary_weekday"],
            now=timezone.now(),
        )
        return Response(ReportSettingsSerializer(saved).data)


class WeeklySummaryListApi(ListAPIView):
    """The user's weekly summaries, newest first (the web app's card shows the first)."""

    serializer_class = WeeklySummaryOutputSerializer
    queryset = WeeklySummary.objects.none()  # for the schema; the list is the user's own

    def get_queryset(self):
        return selectors.weekly_summaries_for_user(user=self.request.user)
