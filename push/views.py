"""Thin views: the VAPID key, the user's devices, the test push, and the notification actions."""

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsing import validated_body
from core.schema import ErrorSerializer
from push import selectors, services
from push.models import PushSubscription
from push.serializers import (
    PushActionInputSerializer,
    PushActionOutputSerializer,
    PushSubscriptionInputSerializer,
    PushSubscriptionOutputSerializer,
    PushTestOutputSerializer,
    VapidPublicKeyOutputSerializer,
)
from push.vapid import push_require_configured

PUSH_DISABLED_RESPONSE = OpenApiResponse(
    ErrorSerializer, description="`push_disabled`: the server has no VAPID key pair."
)


class VapidPublicKeyApi(APIView):
    @extend_schema(responses={200: VapidPublicKeyOutputSerializer, 503: PUSH_DISABLED_RESPONSE})
    def get(self, request):
        push_require_configured()
        return Response({"public_key": settings.WEBPUSH_VAPID_PUBLIC_KEY})


# GET: the user's subscribed devices, newest first. POST: subscribes this browser (201; 200 when
# it was subscribed already and only its keys changed). (A comment, not a docstring:
# drf-spectacular would publish a docstring in the schema.)
class PushSubscriptionListCreateApi(generics.ListAPIView):
    serializer_class = PushSubscriptionOutputSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return PushSubscription.objects.none()
        return selectors.push_subscription_list_for_user(user=self.request.user)

    @extend_schema(
        request=PushSubscriptionInputSerializer,
        responses={
            200: PushSubscriptionOutputSerializer,
            201: PushSubscriptionOutputSerializer,
            503: PUSH_DISABLED_RESPONSE,
        },
    )
    def post(self, request):
        data = validated_body(PushSubscriptionInputSerializer, request)
        user_agent = data.get("user_agent") or request.headers.get("User-Agent", "")
        subscription, created = services.push_subscription_save(
            user=request.user,
            endpoint=data["endpoint"],
            p256dh=data["keys"]["p256dh"],
            auth=data["keys"]["auth"],
            user_agent=user_agent.replace("\x00", ""),
            now=timezone.now(),
        )
        return Response(
            PushSubscriptionOutputSerializer(subscription).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class PushSubscriptionDetailApi(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.push_subscription_delete(user=request.user, subscription_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PushTestApi(APIView):
    @extend_schema(
        request=None,
        responses={
            200: PushTestOutputSerializer,
            409: OpenApiResponse(ErrorSerializer, description="`no_subscription`."),
            503: PUSH_DISABLED_RESPONSE,
        },
    )
    def post(self, request):
        return Response(services.push_test_send(user=request.user, now=timezone.now()))


# Done / Skip from a notification's button, sent by the service worker, which has no JWT: the
# signed single-use token in the push names the instance and its owner.
class PushActionApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        auth=[],
        request=PushActionInputSerializer,
        responses={
            200: PushActionOutputSerializer,
            404: OpenApiResponse(ErrorSerializer, description="The instance is gone."),
            409: OpenApiResponse(
                ErrorSerializer,
                description="`action_used` (single use), or the instance was marked already.",
            ),
            410: OpenApiResponse(ErrorSerializer, description="`action_expired`."),
        },
    )
    def post(self, request):
        data = validated_body(PushActionInputSerializer, request)
        instance = services.push_action_apply(
            token=data["token"], action=data["action"], now=timezone.now()
        )
        return Response({"instance_id": instance.pk, "status": instance.status})
