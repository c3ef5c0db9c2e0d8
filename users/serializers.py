"""Shapes and types of the account API; the rules live in users.services."""

from rest_framework import serializers

from users.models import User

PASSWORD_FIELD = {"max_length": 128, "trim_whitespace": False, "style": {"input_type": "password"}}


class UserOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "name", "timezone", "date_joined"]
        read_only_fields = fields


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class AuthResultSerializer(TokenPairSerializer):
    user = UserOutputSerializer()


class RegisterInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(**PASSWORD_FIELD)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    timezone = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class LoginInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(**PASSWORD_FIELD)


class RefreshInputSerializer(serializers.Serializer):
    refresh = serializers.CharField(max_length=2048)


class ProfileInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    timezone = serializers.CharField(max_length=64, required=False)


class ForgotPasswordInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class ResetPasswordInputSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    new_password = serializers.CharField(**PASSWORD_FIELD)


class ChangePasswordInputSerializer(serializers.Serializer):
    current_password = serializers.CharField(**PASSWORD_FIELD)
    new_password = serializers.CharField(**PASSWORD_FIELD)


class PasswordConfirmInputSerializer(serializers.Serializer):
    password = serializers.CharField(**PASSWORD_FIELD)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
