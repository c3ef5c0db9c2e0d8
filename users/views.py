"""Thin account views: parse, call a service or selector, serialize."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsing import validated_body
from core.schema import ERROR_RESPONSE, ErrorSerializer
from core.throttling import ScopedThrottle
from users import services
from users.serializers import (
    AuthResultSerializer,
    ChangePasswordInputSerializer,
    DetailSerializer,
    ForgotPasswordInputSerializer,
    LoginInputSerializer,
    LogoutInputSerializer,
    PasswordConfirmInputSerializer,
    ProfileInputSerializer,
    RefreshInputSerializer,
    RegisterInputSerializer,
    ResetPasswordInputSerializer,
    TokenPairSerializer,
    UserOutputSerializer,
)


def token_response(body: dict, *, status_code: int = status.HTTP_200_OK) -> Response:
    """Answers that carry tokens must never be stored by a browser or a proxy cache."""
    response = Response(body, status=status_code)
    response["Cache-Control"] = "no-store"
    return response


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
        return token_response(AuthResultSerializer(body).data, status_code=status.HTTP_201_CREATED)


class LoginApi(PublicApi):
    # Throttled and locked by the sign-in policy every way in shares (users.login_policy), not by
    # a view throttle that would count each attempt twice.
    throttle_classes = []

    @extend_schema(
        request=LoginInputSerializer,
        responses={
            200: AuthResultSerializer,
            401: ERROR_RESPONSE,
            429: OpenApiResponse(
                ErrorSerializer,
                description="`throttled` (too many attempts from this address) or "
                "`account_locked` (too many failures for this account from this address); "
                "`Retry-After` gives the seconds to wait.",
            ),
        },
        parameters=[
            OpenApiParameter(
                "Retry-After", int, OpenApiParameter.HEADER, response=[429], required=True
            )
        ],
    )
    def post(self, request):
        data = validated_body(LoginInputSerializer, request)
        user = services.user_authenticate(
            request=request, email=data["email"], password=data["password"]
        )
        body = {"user": user, **services.auth_tokens_issue(user=user)}
        return token_response(AuthResultSerializer(body).data)


class RefreshApi(PublicApi):
    throttle_classes = []

    def get_authenticate_header(self, request):
        """A refused token is a 401 with a challenge; without one DRF would turn it into 403."""
        return 'Bearer realm="api"'

    @extend_schema(
        request=RefreshInputSerializer, responses={200: TokenPairSerializer, 401: ERROR_RESPONSE}
    )
    def post(self, request):
        data = validated_body(RefreshInputSerializer, request)
        tokens = services.auth_tokens_refresh(refresh=data["refresh"])
        return token_response(TokenPairSerializer(tokens).data)


class LogoutApi(PublicApi):
    """Public: the refresh token is the credential. The web app forgets its tokens before it
    calls this, and an expired access token must not stop anyone from signing out."""

    throttle_classes = []

    @extend_schema(request=LogoutInputSerializer, responses={204: None})
    def post(self, request):
        data = validated_body(LogoutInputSerializer, request)
        services.auth_logout(refresh=data["refresh"], everywhere=data["everywhere"])
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
        return token_response(TokenPairSerializer(tokens).data)


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
