"""Thin journal views: parse, call a service or selector, serialize."""

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import check_query_parameters
from core.parsing import validated_body
from core.schema import ErrorSerializer
from core.uploads import upload_declared_size
from journal import selectors, services
from journal.filters import JournalEntryFilter
from journal.models import JournalEntry, JournalTag
from journal.serializers import (
    JournalCalendarOutputSerializer,
    JournalCalendarQuerySerializer,
    JournalEntryInputSerializer,
    JournalEntryOutputSerializer,
    JournalPhotoInputSerializer,
    JournalPhotoOutputSerializer,
    JournalStatsOutputSerializer,
    JournalTagInputSerializer,
    JournalTagOutputSerializer,
)
from journal.services.photos import journal_photo_size_check
from users.timezones import local_today


def _entry_response(request, entry: JournalEntry, *, status_code=status.HTTP_200_OK) -> Response:
    """An entry as the API shows it, read again with its tags and photos."""
    entry = selectors.journal_entry_get_for_user(user=request.user, entry_id=entry.pk)
    return Response(JournalEntryOutputSerializer(entry).data, status=status_code)


class JournalEntryListCreateApi(generics.ListAPIView):
    serializer_class = JournalEntryOutputSerializer
    filterset_class = JournalEntryFilter
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return JournalEntry.objects.none()
        return selectors.journal_entry_list_for_user(user=self.request.user)

    @extend_schema(
        request=JournalEntryInputSerializer, responses={201: JournalEntryOutputSerializer}
    )
    def post(self, request):
        entry = services.journal_entry_create(
            user=request.user,
            data=validated_body(JournalEntryInputSerializer, request),
            now=timezone.now(),
        )
        return _entry_response(request, entry, status_code=status.HTTP_201_CREATED)


class JournalEntryDetailApi(APIView):
    @extend_schema(responses={200: JournalEntryOutputSerializer})
    def get(self, request, pk):
        entry = selectors.journal_entry_get_for_user(user=request.user, entry_id=pk)
        return Response(JournalEntryOutputSerializer(entry).data)

    @extend_schema(
        request=JournalEntryInputSerializer, responses={200: JournalEntryOutputSerializer}
    )
    def patch(self, request, pk):
        selectors.journal_entry_get_for_user(user=request.user, entry_id=pk)  # 404 before 400
        entry = services.journal_entry_update(
            user=request.user,
            entry_id=pk,
            data=validated_body(JournalEntryInputSerializer, request, partial=True),
            now=timezone.now(),
        )
        return _entry_response(request, entry)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.journal_entry_delete(user=request.user, entry_id=pk, now=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)


class JournalPhotoCreateApi(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": JournalPhotoInputSerializer},
        responses={
            201: JournalPhotoOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="`invalid` (no file, an empty one), `unsupported_file_type` (by "
                "content: only JPEG, PNG, WebP) or `unreadable_image`.",
            ),
            409: OpenApiResponse(ErrorSerializer, description="`too_many_photos`: 3 already."),
            413: OpenApiResponse(
                ErrorSerializer, description="`file_too_large`: over ATTACHMENT_MAX_BYTES."
            ),
            503: OpenApiResponse(
                ErrorSerializer, description="`storage_unavailable`: try again later."
            ),
        },
    )
    def post(self, request, entry_id):
        # 404 before 413 before 400, and all of them before the body is read
        selectors.journal_entry_get_for_user(user=request.user, entry_id=entry_id)
        journal_photo_size_check(size=upload_declared_size(request))
        photo = services.journal_photo_add(
            user=request.user,
            entry_id=entry_id,
            upload=validated_body(JournalPhotoInputSerializer, request)["file"],
            now=timezone.now(),
        )
        return Response(JournalPhotoOutputSerializer(photo).data, status=status.HTTP_201_CREATED)


class JournalPhotoDetailApi(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.journal_photo_delete(user=request.user, photo_id=pk, now=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)


class JournalTagListCreateApi(generics.ListAPIView):
    serializer_class = JournalTagOutputSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return JournalTag.objects.none()
        return selectors.journal_tag_list_for_user(user=self.request.user)

    @extend_schema(
        request=JournalTagInputSerializer,
        responses={
            201: JournalTagOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="`tag_exists`: the name is taken (in any case)."
            ),
        },
    )
    def post(self, request):
        tag = services.journal_tag_create(
            user=request.user,
            name=validated_body(JournalTagInputSerializer, request)["name"],
            now=timezone.now(),
        )
        tag = selectors.journal_tag_get_for_user(user=request.user, tag_id=tag.pk)
        return Response(JournalTagOutputSerializer(tag).data, status=status.HTTP_201_CREATED)


class JournalTagDetailApi(APIView):
    @extend_schema(
        request=JournalTagInputSerializer,
        responses={
            200: JournalTagOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="`tag_exists`: the name is taken (in any case)."
            ),
        },
    )
    def patch(self, request, pk):
        selectors.journal_tag_get_for_user(user=request.user, tag_id=pk)  # 404 before 400
        tag = services.journal_tag_rename(
            user=request.user,
            tag_id=pk,
            name=validated_body(JournalTagInputSerializer, request)["name"],
            now=timezone.now(),
        )
        tag = selectors.journal_tag_get_for_user(user=request.user, tag_id=tag.pk)
        return Response(JournalTagOutputSerializer(tag).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.journal_tag_delete(user=request.user, tag_id=pk, now=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)


class JournalCalendarApi(APIView):
    @extend_schema(
        parameters=[JournalCalendarQuerySerializer],
        responses={200: JournalCalendarOutputSerializer},
    )
    def get(self, request):
        query = JournalCalendarQuerySerializer(data=request.query_params)
        check_query_parameters(request, self, own=set(query.fields))
        query.is_valid(raise_exception=True)
        year = (
            query.validated_data.get("year")
            or local_today(user=request.user, now=timezone.now()).year
        )
        days = selectors.journal_calendar_for_user(user=request.user, year=year)
        return Response(JournalCalendarOutputSerializer({"year": year, "days": days}).data)


class JournalStatsApi(APIView):
    @extend_schema(responses={200: JournalStatsOutputSerializer})
    def get(self, request):
        check_query_parameters(request, self, own=set())
        stats = selectors.journal_stats_for_user(
            user=request.user, today=local_today(user=request.user, now=timezone.now())
        )
        return Response(JournalStatsOutputSerializer(stats).data)
