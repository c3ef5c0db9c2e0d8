"""Thin views: the feed, marking read, and the per-user settings."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StandardPagination
from core.parsing import validated_body
from notifications import checkins, selectors, services
from notifications.channels import channels_registered
from notifications.models import Notification
from notifications.serializers import (
    CheckinScheduleInputSerializer,
    CheckinScheduleOutputSerializer,
    NotificationOutputSerializer,
    NotificationSettingsInputSerializer,
    NotificationSettingsOutputSerializer,
    ReadAllOutputSerializer,
)


class FeedPagination(StandardPagination):
    """20 a page, plus the unread count the web app shows on its bell."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["unread_count"] = selectors.notification_unread_count(user=self.request.user)
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["unread_count"] = {"type": "integer", "example": 3}
        schema["required"] = [*schema.get("required", []), "unread_count"]  # always sent
        return schema


class NotificationListApi(ListAPIView):
    serializer_class = NotificationOutputSerializer
    pagination_class = FeedPagination
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Notification.objects.none()
        return selectors.notification_list_for_user(user=self.request.user)


class NotificationReadApi(APIView):
    @extend_schema(request=None, responses={200: NotificationOutputSerializer})
    def post(self, request, notification_id):
        notification = services.notification_mark_read(
            user=request.user, notification_id=notification_id, now=timezone.now()
        )
        return Response(NotificationOutputSerializer(notification).data)


class NotificationReadAllApi(APIView):
    @extend_schema(request=None, responses={200: ReadAllOutputSerializer})
    def post(self, request):
        updated = services.notifications_mark_all_read(user=request.user, now=timezone.now())
        return Response({"updated": updated})


def _settings_out(current, *, user) -> dict:
    return NotificationSettingsOutputSerializer(
        {
            "telegram_enabled": current.telegram_enabled,
            "email_enabled": current.email_enabled,
            "push_enabled": current.push_enabled,
            "quiet_hours_start": current.quiet_hours_start,
            "quiet_hours_end": current.quiet_hours_end,
            "digest_time": current.digest_time,
            "journal_nudge_time": current.journal_nudge_time,
            # telegram_available, email_available: whether the server can send on each channel
            **{f"{c.name}_available": c.is_configured() for c in channels_registered()},
            "delivering_channels": selectors.notification_channels_delivering(
                user=user, current=current
            ),
        }
    ).data


class NotificationSettingsApi(APIView):
    @extend_schema(responses={200: NotificationSettingsOutputSerializer})
    def get(self, request):
        return Response(
            _settings_out(selectors.notification_settings_get(user=request.user), user=request.user)
        )

    @extend_schema(
        request=NotificationSettingsInputSerializer,
        responses={200: NotificationSettingsOutputSerializer},
    )
    def put(self, request):
        data = validated_body(NotificationSettingsInputSerializer, request)
        current = services.notification_settings_update(user=request.user, **data)
        return Response(_settings_out(current, user=request.user))


def _checkins_out(schedule) -> dict:
    return CheckinScheduleOutputSerializer(
        {
            "times": checkins.checkin_times_shown(schedule),
            "frequency": schedule.frequency,
            "weekday": schedule.weekday,
            "next_checkin_at": schedule.next_checkin_at,
        }
    ).data


class CheckinScheduleApi(APIView):
    @extend_schema(responses={200: CheckinScheduleOutputSerializer})
    def get(self, request):
        return Response(_checkins_out(checkins.checkin_schedule_get(user=request.user)))

    @extend_schema(
        request=CheckinScheduleInputSerializer,
        responses={200: CheckinScheduleOutputSerializer},
    )
    def put(self, request):
        data = validated_body(CheckinScheduleInputSerializer, request)
        schedule = checkins.checkin_schedule_update(
            user=request.user,
            times=data["times"],
            frequency=data["frequency"],
            weekday=data.get("weekday"),
            now=timezone.now(),
        )
        return Response(_checkins_out(schedule))
