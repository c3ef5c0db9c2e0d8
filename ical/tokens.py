"""The secret in a feed URL: HMAC-SHA256(SECRET_KEY, nonce), base64url, 43 characters.

The database holds the random nonce and the token's SHA-256; the token itself needs SECRET_KEY
too. Rotating SECRET_KEY therefore changes every feed URL (docs/calendar.md)."""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

_KEY_PURPOSE = b"ical.feed-token"


def new_nonce() -> str:
    return secrets.token_hex(32)


def token_for_nonce(nonce: str) -> str:
    key = hashlib.sha256(_KEY_PURPOSE + settings.SECRET_KEY.encode()).digest()
    digest = hmac.new(key, nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(*, nonce: str, token: str) -> bool:
    """Constant-time check of a URL's token against the feed it was looked up by."""
    return hmac.compare_digest(token_for_nonce(nonce), token)
