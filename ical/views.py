"""The feed (no JWT: the URL's token is the secret) and the profile's two endpoints."""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import parse_etags
from drf_spectacular.utils import extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import NotFound
from core.throttling import ScopedThrottle
from ical import selectors, services
from ical.feed import calendar_ics
from ical.serializers import CalendarUrlOutputSerializer
from ical.tokens import token_for_nonce, token_hash


def feed_url(feed) -> str:
    return f"{settings.FRONTEND_URL}/ical/{token_for_nonce(feed.nonce)}.ics"


class FeedTokenThrottle(ScopedThrottle):
    """Counted per feed URL, not per address: calendar services fetch many users' feeds from
    a few shared addresses, and one URL polled in a loop is what the limit is for."""

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": view.throttle_scope,
            "ident": token_hash(view.kwargs.get("token", "")),
        }


class IgnoreAcceptNegotiation(BaseContentNegotiation):
    """Calendar clients send Accept: text/calendar; the answer is the calendar or a JSON error,
    whatever they accept, rather than DRF's 406."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class CalendarFeedIcsApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [FeedTokenThrottle]
    throttle_scope = "ical_feed"
    content_negotiation_class = IgnoreAcceptNegotiation

    @extend_schema(exclude=True)
    def get(self, request, token: str):
        feed = selectors.calendar_feed_get_by_token(token=token)
        if feed is None:
            raise NotFound("This calendar link is not valid (it may have been regenerated).")
        content = selectors.calendar_content_for_user(user=feed.user, now=timezone.now())
        body = calendar_ics(content)
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        # private: the body is one user's data; no-cache: revalidate each time (a 304 is cheap),
        # so a regenerated URL or a change shows up at the client's next poll.
        cache_control = "private, no-cache"
        # If-None-Match compares weakly (RFC 9110): W/"x" matches "x"
        sent = parse_etags(request.headers.get("If-None-Match", ""))
        if etag in {tag.removeprefix("W/") for tag in sent}:
            response = HttpResponse(status=304)
        else:
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = 'inline; filename="habits.ics"'
        response["ETag"] = etag
        response["Cache-Control"] = cache_control
        response["X-Content-Type-Options"] = "nosniff"
        # the token is in the URL: keep it out of Referer headers of anything this answer loads
        response["Referrer-Policy"] = "no-referrer"
        return response


class CalendarApi(APIView):
    @extend_schema(responses={200: CalendarUrlOutputSerializer})
    def get(self, request):
        """The feed URL; the first call creates its secret."""
        feed = services.calendar_feed_get_or_create(user=request.user)
        return Response(CalendarUrlOutputSerializer({"url": feed_url(feed)}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        """Revoke: the URL answers 404; the next GET issues a new one."""
        services.calendar_feed_revoke(user=request.user)
        return Response(status=204)


class CalendarRegenerateApi(APIView):
    @extend_schema(request=None, responses={200: CalendarUrlOutputSerializer})
    def post(self, request):
        """A new URL; the old one answers 404 from now on."""
        feed = services.calendar_feed_regenerate(user=request.user)
        return Response(CalendarUrlOutputSerializer({"url": feed_url(feed)}).data)
