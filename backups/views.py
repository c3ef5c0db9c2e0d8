"""The user's own data archives: the list with signed download links, and the schedule."""

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from backups import selectors
from backups.models import UserArchive
from backups.serializers import ArchiveOutputSerializer, ArchiveScheduleSerializer
from backups.services.archives import user_archive_schedule_set
from core.parsing import validated_body


class AccountArchiveListApi(generics.ListAPIView):
    serializer_class = ArchiveOutputSerializer
    filter_backends = []  # newest first, always

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return UserArchive.objects.none()
        return selectors.user_archives_list_for_user(user=self.request.user)


class AccountArchiveScheduleApi(APIView):
    @extend_schema(responses={200: ArchiveScheduleSerializer})
    def get(self, request):
        frequency = selectors.user_archive_schedule_get_for_user(user=request.user)
        return self._answer(frequency)

    @extend_schema(request=ArchiveScheduleSerializer, responses={200: ArchiveScheduleSerializer})
    def put(self, request):
        data = validated_body(ArchiveScheduleSerializer, request)
        frequency = user_archive_schedule_set(
            user=request.user, frequency=data["frequency"], now=timezone.now()
        )
        return self._answer(frequency)

    @staticmethod
    def _answer(frequency: str) -> Response:
        body = {"frequency": frequency, "keep_days": settings.USER_ARCHIVE_KEEP_DAYS}
        return Response(ArchiveScheduleSerializer(body).data)
