"""Thin account views: parse, call a service or selector, serialize."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenRefreshView

from core.parsing import validated_body
from core.schema import ERROR_RESPONSE
from core.throttling import ScopedThrottle
from users import selectors, services
from users.serializers import (
    AuthResultSerializer,
    ChangePasswordInputSerializer,
    DetailSerializer,
    ForgotPasswordInputSerializer,
    LoginInputSerializer,
    PasswordConfirmInputSerializer,
    ProfileInputSerializer,
    RefreshInputSerializer,
    RegisterInputSerializer,
    ResetPasswordInputSerializer,
    TokenPairSerializer,
    UserOutputSerializer,
)


class PublicApi(APIView):
    """Endpoints used before signing in: a stale Authorization header must not make them 401."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedThrottle]


class RegisterApi(PublicApi):
    throttle_scope = "register"

    @extend_schema(request=RegisterInputSerializer, responses={201: AuthResultSerializer})
    def post(self, request):
        data = validated_body(RegisterInputSerializer, request)
        user = services.user_register(
            email=data["email"],
            password=data["password"],
            name=data["name"],
            timezone=data["timezone"] or None,
        )
        body = {"user": user, **services.auth_tokens_issue(user=user)}
        return Response(AuthResultSerializer(body).data, status=status.HTTP_201_CREATED)


class LoginApi(PublicApi):
    throttle_scope = "login"

    @extend_schema(
        request=LoginInputSerializer, responses={200: AuthResultSerializer, 401: ERROR_RESPONSE}
    )
    def post(self, request):
        data = validated_body(LoginInputSerializer, request)
        user = services.user_authenticate(email=data["email"], password=data["password"])
        body = {"user": user, **services.auth_tokens_issue(user=user)}
        return Response(AuthResultSerializer(body).data)


class RefreshApi(TokenRefreshView):
    authentication_classes = []

    @extend_schema(
        request=RefreshInputSerializer, responses={200: TokenPairSerializer, 401: ERROR_RESPONSE}
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class LogoutApi(APIView):
    @extend_schema(request=RefreshInputSerializer, responses={204: None})
    def post(self, request):
        data = validated_body(RefreshInputSerializer, request)
        services.auth_logout(user=request.user, refresh=data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    @extend_schema(responses={200: UserOutputSerializer})
    def get(self, request):
        return Response(UserOutputSerializer(request.user).data)

    @extend_schema(request=ProfileInputSerializer, responses={200: UserOutputSerializer})
    def patch(self, request):
        data = validated_body(ProfileInputSerializer, request)
        user = services.user_update_profile(user=request.user, now=timezone.now(), **data)
        return Response(UserOutputSerializer(user).data)


class ForgotPasswordApi(PublicApi):
    throttle_scope = "forgot_password"

    @extend_schema(request=ForgotPasswordInputSerializer, responses={202: DetailSerializer})
    def post(self, request):
        data = validated_body(ForgotPasswordInputSerializer, request)
        services.user_request_password_reset(email=data["email"])
        detail = "If an account with this email exists, a reset link is on its way."
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


class ResetPasswordApi(PublicApi):
    throttle_classes = []

    @extend_schema(request=ResetPasswordInputSerializer, responses={204: None})
    def post(self, request):
        data = validated_body(ResetPasswordInputSerializer, request)
        services.user_reset_password(**data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountPasswordApi(APIView):
    @extend_schema(request=ChangePasswordInputSerializer, responses={200: TokenPairSerializer})
    def put(self, request):
        data = validated_body(ChangePasswordInputSerializer, request)
        tokens = services.user_change_password(user=request.user, **data)
        return Response(TokenPairSerializer(tokens).data)


class AccountApi(APIView):
    @extend_schema(request=PasswordConfirmInputSerializer, responses={204: None})
    def delete(self, request):
        data = validated_body(PasswordConfirmInputSerializer, request)
        services.user_delete(user=request.user, password=data["password"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountDataApi(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        services.user_wipe_data(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountExportApi(APIView):
    @extend_schema(responses={200: OpenApiResponse(description="Everything the user owns.")})
    def get(self, request):
        response = Response(selectors.user_export_data(user=request.user))
        response["Content-Disposition"] = 'attachment; filename="atomic-habits-export.json"'
        return response
