"""Responses rendered ahead: JSON bytes kept in a cache and sent again as they are."""

import json

from django.http import HttpResponse
from django.utils.http import parse_header_parameters
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response


def render_json(data) -> bytes:
    """`data` as DRF's JSONRenderer sends it with the project's settings and no indentation:
    exactly the bytes a `Response(data)` would render."""
    return JSONRenderer().render(data)


def prerendered_json(request, body: bytes) -> HttpResponse:
    """JSON rendered ahead by `render_json`, sent as is: the same bytes and Content-Type as
    `Response(json.loads(body))`. A client asking for indentation (`Accept: application/json;
    indent=4`) or another negotiated renderer gets it rendered the usual way."""
    renderer = request.accepted_renderer
    _, params = parse_header_parameters(request.accepted_media_type or "")
    if type(renderer) is JSONRenderer and "indent" not in params:
        return HttpResponse(body, content_type=renderer.media_type)
    return Response(json.loads(body))
