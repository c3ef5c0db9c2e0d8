"""Shapes and types of the account API; the rules live in users.services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import StrictCharField
from users.models import DISPLAY_NAME_MAX_LENGTH, User
from users.timezones import valid_timezones

PASSWORD_FIELD = {"max_length": 128, "trim_whitespace": False, "style": {"input_type": "password"}}


@extend_schema_field({"type": "string", "enum": sorted(valid_timezones())})
class TimezoneField(StrictCharField):
    """An IANA zone name. The schema lists the zones, so clients can offer them and know that any
    other string is refused; the service checks it (400 on the `timezone` field)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=64, **kwargs)


@extend_schema_field({"type": "string", "enum": ["", *sorted(valid_timezones())]})
class OptionalTimezoneField(TimezoneField):
    """A zone name, or "" for the server's default zone."""

    def __init__(self, **kwargs):
        super().__init__(allow_blank=True, default="", **kwargs)


class UserOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "name", "display_name", "timezone", "date_joined"]
        read_only_fields = fields


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class AuthResultSerializer(TokenPairSerializer):
    user = UserOutputSerializer()


class RegisterInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = StrictCharField(**PASSWORD_FIELD)
    name = StrictCharField(max_length=150, required=False, allow_blank=True, default="")
    timezone = OptionalTimezoneField(required=False)


class LoginInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = StrictCharField(**PASSWORD_FIELD)


class RefreshInputSerializer(serializers.Serializer):
    refresh = StrictCharField(max_length=2048)


class LogoutInputSerializer(RefreshInputSerializer):
    everywhere = serializers.BooleanField(
        required=False,
        default=False,
        help_text="End every session of the account, not only this one.",
    )


class ProfileInputSerializer(serializers.Serializer):
    name = StrictCharField(max_length=150, required=False, allow_blank=True)
    display_name = StrictCharField(
        max_length=DISPLAY_NAME_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Shown with your public habits; empty: no name is shown.",
    )
    timezone = TimezoneField(required=False)


class ForgotPasswordInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class ResetPasswordInputSerializer(serializers.Serializer):
    uid = StrictCharField(max_length=64)
    token = StrictCharField(max_length=128)
    new_password = StrictCharField(**PASSWORD_FIELD)


class ChangePasswordInputSerializer(serializers.Serializer):
    current_password = StrictCharField(**PASSWORD_FIELD)
    new_password = StrictCharField(**PASSWORD_FIELD)


class PasswordConfirmInputSerializer(serializers.Serializer):
    password = StrictCharField(**PASSWORD_FIELD)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
