"""Thin views over the binding services."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from telegrambot import selectors, services
from telegrambot.serializers import BindCodeOutputSerializer, TelegramStatusOutputSerializer


class TelegramApi(APIView):
    @extend_schema(responses={200: TelegramStatusOutputSerializer})
    def get(self, request):
        data = selectors.telegram_status_for_user(user=request.user)
        return Response(TelegramStatusOutputSerializer(data).data)

    @extend_schema(responses={204: None})
    def delete(self, request):
        services.telegram_profile_unbind(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TelegramBindCodeApi(APIView):
    @extend_schema(request=None, responses={201: BindCodeOutputSerializer})
    def post(self, request):
        data = services.telegram_bind_code_create(user=request.user, now=timezone.now())
        return Response(BindCodeOutputSerializer(data).data, status=status.HTTP_201_CREATED)
