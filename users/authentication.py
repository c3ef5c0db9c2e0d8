"""The API's authentication: simplejwt's bearer tokens, checked against the revocations in
users.tokens (DEFAULT_AUTHENTICATION_CLASSES)."""

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt import authentication

from users.tokens import token_user


class JWTAuthentication(authentication.JWTAuthentication):
    """A view may name cache keys of the signed-in user that it reads on every request, as
    `cache_keys_read_with_user(user_id)`: they come in the token check's own Redis round trip,
    and the view finds them in `request.cache_read_with_user` (Today's kept list: one round
    trip, not two). An authenticator serves one request."""

    def authenticate(self, request):
        view = (request.parser_context or {}).get("view")
        self.read_also = getattr(view, "cache_keys_read_with_user", None)
        self.request = request
        return super().authenticate(request)

    def get_user(self, validated_token):
        """A token that names no user (deleted, never existed, not an id at all), was revoked or
        belongs to a signed-out session is a 401, like any other invalid token."""
        read_also = getattr(self, "read_also", None)
        if read_also is None:
            return token_user(payload=validated_token.payload)
        found: dict = {}
        user = token_user(payload=validated_token.payload, read_also=read_also, found_also=found)
        self.request.cache_read_with_user = found
        return user


class JWTAuthenticationScheme(SimpleJWTScheme):
    """Documents the class in the schema exactly as simplejwt's own (bearer JWT)."""

    target_class = JWTAuthentication
