"""Reading a request body through an input serializer: the one way views parse input."""

from rest_framework import serializers


def validated_body(serializer_class: type[serializers.Serializer], request, **kwargs) -> dict:
    """The body's validated data; an invalid body raises DRF's ValidationError, which the one
    exception handler answers with 400 and field errors."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
