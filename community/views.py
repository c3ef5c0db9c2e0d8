"""Thin views of the community: parse, call a selector or service, render."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from community import selectors, services
from community.serializers import (
    CommunitySettingsSerializer,
    KudosOutputSerializer,
    PostInputSerializer,
    PostOutputSerializer,
    PostPageSerializer,
    PostUpdateInputSerializer,
    ReportInputSerializer,
    ReportOutputSerializer,
)
from core.pagination import check_query_parameters, positive_int
from core.parsing import JSONParser, validated_body
from core.schema import ErrorSerializer
from core.throttling import ScopedThrottle

# Room for the multipart boundaries, part headers and the text around the image itself.
MULTIPART_OVERHEAD_BYTES = 64 * 1024

CURSOR_PARAMETER = OpenApiParameter(
    "cursor",
    {"type": "integer", "minimum": 1},
    description="The `next_cursor` of the previous page; absent for the newest. Anything but a "
    "positive whole number is a 400.",
)


def _cursor(request, view) -> int | None:
    check_query_parameters(request, view, own={"cursor"})
    raw = request.query_params.get("cursor")
    return None if raw is None else positive_int(raw, name="cursor")


def _page(results, next_cursor) -> Response:
    # the selectors' rows are already in PostOutputSerializer's shape and JSON-ready: a second
    # pass through the serializer would only cost the feed's hot path (docs/performance.md)
    return Response({"results": results, "next_cursor": next_cursor})


class FeedApi(APIView):
    @extend_schema(parameters=[CURSOR_PARAMETER], responses={200: PostPageSerializer})
    def get(self, request):
        results, next_cursor = selectors.feed_page_for_viewer(
            viewer=request.user, before=_cursor(request, self)
        )
        return _page(results, next_cursor)


class PublicHabitPostsApi(APIView):
    @extend_schema(parameters=[CURSOR_PARAMETER], responses={200: PostPageSerializer})
    def get(self, request, habit_id):
        results, next_cursor = selectors.public_habit_posts_page(
            viewer=request.user, habit_id=habit_id, before=_cursor(request, self)
        )
        return _page(results, next_cursor)


def _declared_size(request) -> int | None:
    if not (request.content_type or "").startswith("multipart/"):
        return None
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0) - MULTIPART_OVERHEAD_BYTES, 0)
    except ValueError:
        return None


class PostCreateApi(APIView):
    parser_classes = [JSONParser, MultiPartParser]
    throttle_classes = [ScopedThrottle]
    throttle_scope = "post_create"

    @extend_schema(
        request={
            "application/json": PostInputSerializer,
            "multipart/form-data": PostInputSerializer,
        },
        responses={
            201: PostOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="Field errors, `habit_not_public`, `unsupported_file_type` or "
                "`unreadable_image`.",
            ),
            404: OpenApiResponse(ErrorSerializer, description="Not one of your habits."),
            413: OpenApiResponse(ErrorSerializer, description="`file_too_large`."),
            429: OpenApiResponse(ErrorSerializer, description="Posting too often."),
            503: OpenApiResponse(ErrorSerializer, description="`storage_unavailable`."),
        },
    )
    def post(self, request):
        services.post_image_size_check(size=_declared_size(request))
        body = validated_body(PostInputSerializer, request)
        post = services.post_create(
            user=request.user,
            habit_id=body["habit"],
            text=body["text"],
            image=body.get("image"),
            now=timezone.now(),
        )
        shown = selectors.post_get_for_viewer(viewer=request.user, post_id=post.pk)
        return Response(PostOutputSerializer(shown).data, status=status.HTTP_201_CREATED)


class PostDetailApi(APIView):
    @extend_schema(responses={200: PostOutputSerializer})
    def get(self, request, pk):
        shown = selectors.post_get_for_viewer(viewer=request.user, post_id=pk)
        return Response(PostOutputSerializer(shown).data)

    @extend_schema(request=PostUpdateInputSerializer, responses={200: PostOutputSerializer})
    def patch(self, request, pk):
        # another user's or a missing post is a 404 whatever the body (even an empty one)
        selectors.post_of_author_or_404(user=request.user, post_id=pk)
        body = validated_body(PostUpdateInputSerializer, request)
        services.post_update(user=request.user, post_id=pk, text=body["text"])
        shown = selectors.post_get_for_viewer(viewer=request.user, post_id=pk)
        return Response(PostOutputSerializer(shown).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.post_delete(user=request.user, post_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PostKudosApi(APIView):
    @extend_schema(
        request=None,
        responses={
            200: KudosOutputSerializer,
            400: OpenApiResponse(ErrorSerializer, description="`own_post`."),
        },
    )
    def post(self, request, pk):
        count = services.kudos_give(user=request.user, post_id=pk, now=timezone.now())
        return Response(KudosOutputSerializer({"kudos_count": count, "kudosed_by_me": True}).data)

    @extend_schema(request=None, responses={200: KudosOutputSerializer})
    def delete(self, request, pk):
        count = services.kudos_take_back(user=request.user, post_id=pk)
        return Response(KudosOutputSerializer({"kudos_count": count, "kudosed_by_me": False}).data)


class PostReportApi(APIView):
    @extend_schema(
        request=ReportInputSerializer,
        responses={
            201: ReportOutputSerializer,
            200: OpenApiResponse(ReportOutputSerializer, description="Reported before."),
            400: OpenApiResponse(ErrorSerializer, description="Field errors or `own_post`."),
        },
    )
    def post(self, request, pk):
        # a post the reporter cannot see is a 404 whatever the body
        selectors.post_visible_or_404(post_id=pk)
        body = validated_body(ReportInputSerializer, request)
        report, created = services.post_report(
            user=request.user, post_id=pk, reason=body["reason"], now=timezone.now()
        )
        return Response(
            ReportOutputSerializer(report).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class CommunitySettingsApi(APIView):
    @extend_schema(responses={200: CommunitySettingsSerializer})
    def get(self, request):
        found = selectors.community_settings_get(user=request.user)
        return Response(CommunitySettingsSerializer(found).data)

    @extend_schema(
        request=CommunitySettingsSerializer, responses={200: CommunitySettingsSerializer}
    )
    def put(self, request):
        body = validated_body(CommunitySettingsSerializer, request)
        found = services.community_settings_update(
            user=request.user, auto_post_milestones=body["auto_post_milestones"]
        )
        return Response(CommunitySettingsSerializer(found).data)
