"""Thin views of goal attachments: upload, list with signed links, delete."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsing import validated_body
from core.schema import ErrorSerializer
from core.uploads import upload_declared_size
from goals import selectors
from goals.models import Attachment
from goals.serializers import AttachmentInputSerializer, AttachmentOutputSerializer
from goals.services.attachments import (
    attachment_size_check,
    goal_attachment_create,
    goal_attachment_delete,
)


class GoalAttachmentListCreateApi(generics.ListAPIView):
    serializer_class = AttachmentOutputSerializer
    parser_classes = [MultiPartParser]
    filter_backends = []  # newest first, always

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user, no goal
            return Attachment.objects.none()
        goal = selectors.goal_get_for_user_without_summaries(
            user=self.request.user, goal_id=self.kwargs["goal_id"]
        )
        return selectors.attachment_list_for_goal(goal=goal)

    @extend_schema(
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={
            201: AttachmentOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="`invalid` (no file, an empty one), `unsupported_file_type` (by "
                "content: only JPEG, PNG, WebP, PDF) or `unreadable_image`.",
            ),
            413: OpenApiResponse(
                ErrorSerializer, description="`file_too_large`: over ATTACHMENT_MAX_BYTES."
            ),
            415: OpenApiResponse(
                ErrorSerializer, description="The body is not multipart/form-data."
            ),
            503: OpenApiResponse(
                ErrorSerializer, description="`storage_unavailable`: try again later."
            ),
        },
    )
    def post(self, request, goal_id):
        # 404 before 413 before 400, and all of them before the body is read
        selectors.goal_get_for_user_without_summaries(user=request.user, goal_id=goal_id)
        attachment_size_check(size=upload_declared_size(request))
        attachment = goal_attachment_create(
            user=request.user,
            goal_id=goal_id,
            upload=validated_body(AttachmentInputSerializer, request)["file"],
            now=timezone.now(),
        )
        return Response(AttachmentOutputSerializer(attachment).data, status=status.HTTP_201_CREATED)


class AttachmentDetailApi(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        goal_attachment_delete(user=request.user, attachment_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
