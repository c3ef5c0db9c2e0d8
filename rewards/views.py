"""Thin wallet and reward views: parse, call a service or selector, serialize."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import StandardPagination
from core.parsing import validated_body
from core.schema import ErrorSerializer
from rewards import selectors, services
from rewards.models import CoinEntry, Reward
from rewards.serializers import (
    CoinEntryOutputSerializer,
    RedeemOutputSerializer,
    RewardInputSerializer,
    RewardOutputSerializer,
)


class WalletPagination(StandardPagination):
    """The ledger's pages, each with the balance beside them."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["balance"] = selectors.wallet_balance_for_user(user=self.request.user)
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["balance"] = {"type": "integer", "example": 120}
        schema["required"] = [*schema.get("required", []), "balance"]
        return schema


# GET /api/wallet/: the balance and the ledger, newest first. (A comment, not a docstring:
# drf-spectacular would publish a docstring in the schema.)
class WalletApi(generics.ListAPIView):
    serializer_class = CoinEntryOutputSerializer
    pagination_class = WalletPagination
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return CoinEntry.objects.none()
        return selectors.coin_entry_list_for_user(user=self.request.user)


class RewardListCreateApi(generics.ListAPIView):
    serializer_class = RewardOutputSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Reward.objects.none()
        return selectors.reward_list_for_user(user=self.request.user)

    @extend_schema(request=RewardInputSerializer, responses={201: RewardOutputSerializer})
    def post(self, request):
        reward = services.reward_create(
            user=request.user,
            data=validated_body(RewardInputSerializer, request),
            now=timezone.now(),
        )
        return Response(RewardOutputSerializer(reward).data, status=status.HTTP_201_CREATED)


class RewardDetailApi(APIView):
    @extend_schema(responses={200: RewardOutputSerializer})
    def get(self, request, pk):
        reward = selectors.reward_get_for_user(user=request.user, reward_id=pk)
        return Response(RewardOutputSerializer(reward).data)

    @extend_schema(request=RewardInputSerializer, responses={200: RewardOutputSerializer})
    def patch(self, request, pk):
        selectors.reward_get_for_user(user=request.user, reward_id=pk)  # 404 before 400
        reward = services.reward_update(
            user=request.user,
            reward_id=pk,
            data=validated_body(RewardInputSerializer, request, partial=True),
            now=timezone.now(),
        )
        return Response(RewardOutputSerializer(reward).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk):
        services.reward_delete(user=request.user, reward_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RewardRedeemApi(APIView):
    @extend_schema(
        request=None,
        responses={
            201: RedeemOutputSerializer,
            409: OpenApiResponse(
                ErrorSerializer,
                description="`insufficient_coins` (details: `price`, `balance`) or "
                "`reward_archived`.",
            ),
        },
    )
    def post(self, request, pk):
        redemption, balance = services.reward_redeem(
            user=request.user, reward_id=pk, now=timezone.now()
        )
        data = {"redemption": redemption, "balance": balance}
        return Response(RedeemOutputSerializer(data).data, status=status.HTTP_201_CREATED)
