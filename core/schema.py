"""The OpenAPI schema documents the error answers every endpoint can give, in the one error shape.

drf-spectacular documents only the success answer of each operation, so clients (and the schema
fuzzer) meet 400/401/404/429 answers the schema says cannot happen. This AutoSchema adds them from
what the view is made of: a request body can be invalid (400) or not JSON (415), query parameters
can be invalid (400), a view not open to everyone answers 401, a path with an id or a paginated
list answers 404, a throttled view answers 429 with `Retry-After`. Answers that depend on the
domain (401 from a login, 409 and its codes) are declared by the view next to the code that raises
them: `extend_schema(responses={200: ..., 409: ERROR_RESPONSE})`.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    # The metaclass takes declared fields out of the class, so `fields` does not shadow
    # Serializer.fields.
    fields = serializers.DictField(child=serializers.JSONField())
    details = serializers.DictField(child=serializers.JSONField(), required=False)


class ErrorSerializer(serializers.Serializer):
    """{"error": {"code", "message", "fields", "details"?}}: see core.exceptions."""

    error = ErrorDetailSerializer()


ERROR_RESPONSE = OpenApiResponse(ErrorSerializer, description="An error in the one error shape.")

_DESCRIPTIONS = {
    "400": "Invalid input: `invalid` with field errors, or `parse_error` for malformed JSON.",
    "401": "Missing, invalid or expired credentials.",
    "404": "No such object, or not yours.",
    "415": "The body is not JSON.",
    "429": "Too many requests; `Retry-After` gives the seconds to wait.",
}
_RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}


# DRF refuses a NUL character in every CharField (PostgreSQL text cannot hold one): a string the
# schema allows must not contain one, or clients (and the fuzzer) meet a 400 it says cannot happen.
NO_NUL_PATTERN = "^[^\\u0000]*$"
# A CharField that trims and refuses blank also refuses a string of only white space (str.strip()'s
# white space, which is also what `\s` means to Python's re: "\u001c" is one), so its pattern needs
# one other character; found by fuzzing.
NOT_BLANK_PATTERN = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        free_string = schema.get("type") == "string" and not {"enum", "format", "pattern"} & set(
            schema
        )
        if direction == "request" and isinstance(field, serializers.CharField) and free_string:
            must_show = field.trim_whitespace and not field.allow_blank
            schema["pattern"] = NOT_BLANK_PATTERN if must_show else NO_NUL_PATTERN
        return schema

    def _get_request_body(self, direction="request"):
        """drf-spectacular documents bodies of POST, PUT and PATCH only. A DELETE that declares a
        request serializer reads a body (deleting the account takes the password), and the
        schema must say so, and that it is required, like any other body (_error_codes already
        counts it as one)."""
        if self.method != "DELETE" or not self.get_request_serializer():
            return super()._get_request_body(direction)
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"

    def _get_parameters(self):
        """A query parameter that is given needs a value: an empty one is a 400 (core.pagination
        checks every list's parameters), so a free string must say it is not empty."""
        parameters = super()._get_parameters()
        for parameter in parameters:
            schema = parameter.get("schema", {})
            free_string = schema.get("type") == "string" and not {"enum", "format"} & set(schema)
            if parameter["in"] == "query" and free_string:
                schema["minLength"] = 1
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code in responses:
                continue
            answer = self._get_response_for_code(ErrorSerializer, code, direction=direction)
            answer["description"] = _DESCRIPTIONS[code]
            if code == "429":
                answer["headers"] = _RETRY_AFTER
            responses[code] = answer
        return responses

    def _error_codes(self) -> list[str]:
        has_body = self.method in ("POST", "PUT", "PATCH", "DELETE") and bool(
            self.get_request_serializer()
        )
        locations = {parameter["in"] for parameter in self._get_parameters()}
        codes = []
        if has_body or "query" in locations:
            codes.append("400")
        if not all(isinstance(permission, AllowAny) for permission in self.view.get_permissions()):
            codes.append("401")
        # A page past the end is a 404; an unpaginated list (GET /instances/) has no pages.
        if "path" in locations or (self._is_list_view() and self._get_paginator()):
            codes.append("404")
        if has_body:
            codes.append("415")
        if self.view.get_throttles():
            codes.append("429")
        return codes
