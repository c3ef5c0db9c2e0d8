"""What a subscription may be: the server POSTs to the endpoint a browser hands it, so the
endpoint is held to the push services this server trusts (WEBPUSH_ENDPOINT_HOSTS), never an
arbitrary or internal address; the keys must be what RFC 8291 encryption needs."""

import base64
import binascii
from urllib.parse import urlsplit

from django.conf import settings

P256DH_BYTES = 65  # an uncompressed P-256 point
AUTH_BYTES = 16


def _host_allowed(host: str) -> bool:
    return any(host == allowed or host.endswith(f".{allowed}") for allowed in _allowed_hosts())


def _allowed_hosts() -> list[str]:
    return [host.strip().lower() for host in settings.WEBPUSH_ENDPOINT_HOSTS if host.strip()]


def endpoint_errors(endpoint: str) -> list[str]:
    """Why `endpoint` is refused; [] when it is a push service's URL."""
    if any(ch.isspace() or ord(ch) < 32 for ch in endpoint):
        return ["The endpoint must not contain spaces or control characters."]
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return ["The endpoint is not a valid URL."]
    schemes = {"https", "http"} if settings.WEBPUSH_ALLOW_HTTP_ENDPOINTS else {"https"}
    if parts.scheme not in schemes:
        return ["The endpoint must be an https URL."]
    if parts.username is not None or parts.password is not None:
        return ["The endpoint must not carry credentials."]
    if parts.fragment or not parts.hostname:
        return ["The endpoint is not a valid URL."]
    if port is not None and not 0 < port < 65536:
        return ["The endpoint is not a valid URL."]
    if not _host_allowed(parts.hostname.lower()):
        return ["The endpoint is not a push service this server sends to."]
    return []


def key_bytes(value: str) -> bytes | None:
    """base64url (padding optional) to bytes; None when it is not."""
    if not value or any(ch not in _B64URL for ch in value.rstrip("=")):
        return None
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def keys_errors(*, p256dh: str, auth: str) -> dict[str, list[str]]:
    """{key name: messages} for the keys that are not what the encryption needs."""
    errors = {}
    public = key_bytes(p256dh)
    if public is None or len(public) != P256DH_BYTES or public[0] != 4:
        errors["p256dh"] = ["Not a P-256 public key (65 bytes, base64url)."]
    secret = key_bytes(auth)
    if secret is None or len(secret) != AUTH_BYTES:
        errors["auth"] = ["Not an auth secret (16 bytes, base64url)."]
    return errors
