"""The API's authentication: simplejwt's bearer tokens, checked against the revocations in
users.tokens (DEFAULT_AUTHENTICATION_CLASSES)."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt import authentication
from rest_framework_simplejwt.exceptions import InvalidToken

from users.models import User
from users.tokens import token_check


class JWTAuthentication(authentication.JWTAuthentication):
    def get_user(self, validated_token):
        """A token that names no user (deleted, never existed, not an id at all), was revoked or
        belongs to a signed-out session is a 401, like any other invalid token."""
        user_id = token_check(payload=validated_token.payload)
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise InvalidToken("The token names no active user.")
        return user


class JWTAuthenticationScheme(SimpleJWTScheme):
    """Documents the class in the schema exactly as simplejwt's own (bearer JWT)."""

    target_class = JWTAuthentication
