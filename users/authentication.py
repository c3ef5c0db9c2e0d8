"""The API's authentication: simplejwt's bearer tokens, checked against the revocations in
users.tokens (DEFAULT_AUTHENTICATION_CLASSES)."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt import authentication

from users.tokens import token_user


class JWTAuthentication(authentication.JWTAuthentication):
    def get_user(self, validated_token):
        """A token that names no user (deleted, never existed, not an id at all), was revoked or
        belongs to a signed-out session is a 401, like any other invalid token."""
        return token_user(payload=validated_token.payload)


class JWTAuthenticationScheme(SimpleJWTScheme):
    """Documents the class in the schema exactly as simplejwt's own (bearer JWT)."""

    target_class = JWTAuthentication
