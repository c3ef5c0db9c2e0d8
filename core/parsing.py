"""Reading request bodies: the one JSON parser every API view uses, and the one way views validate
a body through an input serializer."""

from django.conf import settings
from rest_framework import parsers, serializers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

# No body the API takes nests deeper than a few levels; 32 leaves room for any future one while
# keeping every later recursive walk (validation, error rendering, JSON columns) far from
# Python's recursion limit.
MAX_JSON_DEPTH = 32


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, hardened: every way a body can fail to parse is a ParseError (400
    `parse_error` in the one error shape), never a 500.

    - size: DRF reads the request stream itself, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE (which
      guards only `request.body` and forms) never applied to JSON; it is enforced here;
    - encoding: bytes that are not in the declared charset (Django already ignores a charset it
      does not know, reading UTF-8) are a UnicodeDecodeError;
    - depth: the C decoder recurses once per level and raises RecursionError on a few KB of
      `[[[[…`; bodies that parse but nest deeper than MAX_JSON_DEPTH are refused as well.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        raw = _read_limited(stream)
        try:
            text = raw.decode(encoding)
            parse_constant = json.strict_constant if self.strict else None
            data = json.loads(text, parse_constant=parse_constant)
        except RecursionError:
            raise ParseError(_too_deep()) from None
        except ValueError as exc:  # includes UnicodeDecodeError and JSONDecodeError
            raise ParseError(f"JSON parse error - {exc}") from None
        if _depth_exceeds(data, MAX_JSON_DEPTH):
            raise ParseError(_too_deep())
        return data


def _too_deep() -> str:
    return f"JSON parse error - the body nests deeper than {MAX_JSON_DEPTH} levels."


def _read_limited(stream) -> bytes:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return stream.read()
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise ParseError(f"The body is larger than {limit} bytes.")
    return raw


def _depth_exceeds(data, limit: int) -> bool:
    """Walks the parsed body without recursion: a body that only just parsed must not make the
    walk itself hit the recursion limit."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def validated_body(serializer_class: type[serializers.Serializer], request, **kwargs) -> dict:
    """The body's validated data; an invalid body raises DRF's ValidationError, which the one
    exception handler answers with 400 and field errors."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
