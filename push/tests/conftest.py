"""A real local push service for the suite (RFC 8030/8291/8292), started per test: it checks each
request's VAPID JWT with the server's public key, decrypts the aes128gcm body with the device's
private key, records what it got and answers as told (201, 410, 429, 413, ...).

`push_on` switches Web Push on with a fresh key pair and lets the server send to it; `device`
makes a browser-like subscription (its own P-256 key and auth secret) at that server."""

import base64
import json
import os
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.utils import timezone

from atomic_habits_tracker.vapid_file import vapid_keys_generate
from push.models import PushSubscription


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Received:
    device: str
    headers: dict
    payload: dict


@dataclass
class Device:
    """A browser's side of a subscription: what it gives the server, and what decrypts."""

    name: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def subscription_json(self) -> dict:
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": self.p256dh, "auth": b64url(self.auth)},
        }


@dataclass
class PushService:
    origin: str
    vapid_public_key: str
    devices: dict[str, Device] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    # device name -> statuses to answer, in order (then 201); (status, Retry-After or None)
    script: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    refused: list[str] = field(default_factory=list)  # why requests were refused (bad VAPID)

    def answer(self, device: str, *statuses: int, retry_after: int | None = None) -> None:
        self.script[device].extend((status, retry_after) for status in statuses)

    def for_device(self, name: str) -> list[Received]:
        return [r for r in self.received if r.device == name]

    def check_vapid(self, authorization: str) -> str | None:
        """Why the Authorization header is not a valid VAPID one for this origin; None if it is."""
        scheme, _, params = authorization.partition(" ")
        if scheme.lower() != "vapid":
            return f"scheme {scheme!r}"
        parts = dict(p.strip().split("=", 1) for p in params.split(",") if "=" in p)
        if parts.get("k") != self.vapid_public_key:
            return "k is not the server's public key"
        public = ec.EllipticCurvePublicKey.from_encoded_point(
            ec.SECP256R1(), b64url_decode(parts["k"])
        )
        try:
            claims = jwt.decode(
                parts.get("t", ""), public, algorithms=["ES256"], audience=self.origin
            )
        except jwt.PyJWTError as exc:
            return f"JWT: {exc}"
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
            return "sub is not a mailto: or https: URL"
        return None


def _handler(service: PushService):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            name = self.path.rsplit("/", 1)[-1]
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            device = service.devices.get(name)
            why = service.check_vapid(self.headers.get("Authorization", ""))
            if device is None:
                return self._reply(404)
            if why is not None:
                service.refused.append(why)
                return self._reply(403)
            if self.headers.get("Content-Encoding") != "aes128gcm":
                service.refused.append("not aes128gcm")
                return self._reply(400)
            status, retry_after = (
                service.script[name].popleft() if service.script[name] else (201, None)
            )
            if status == 201:
                plain = http_ece.decrypt(
                    body,
                    private_key=device.private_key,
                    auth_secret=device.auth,
                    version="aes128gcm",
                )
                headers = {k: self.headers.get(k) for k in ("TTL", "Urgency", "Topic")}
                service.received.append(Received(name, headers, json.loads(plain)))
            self._reply(status, retry_after)

        def _reply(self, status, retry_after=None):
            self.send_response(status)
            if retry_after is not None:
                self.send_header("Retry-After", str(retry_after))
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@pytest.fixture
def vapid_keys(settings):
    keys = vapid_keys_generate()
    settings.WEBPUSH_VAPID_PUBLIC_KEY = keys["public_key"]
    settings.WEBPUSH_VAPID_PRIVATE_KEY = keys["private_key"]
    settings.WEBPUSH_VAPID_SUBJECT = "mailto:ops@example.com"
    return keys


@pytest.fixture
def push_service(settings, vapid_keys):
    """Push on, and a local push service the server may send to."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    origin = f"http://127.0.0.1:{server.server_port}"
    service = PushService(origin=origin, vapid_public_key=vapid_keys["public_key"])
    server.RequestHandlerClass = _handler(service)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    settings.WEBPUSH_ENDPOINT_HOSTS = ["127.0.0.1"]
    settings.WEBPUSH_ALLOW_HTTP_ENDPOINTS = True
    settings.WEBPUSH_TIMEOUT_SECONDS = 5
    yield service
    server.shutdown()
    server.server_close()


@pytest.fixture
def new_device(push_service):
    """new_device(name) -> a browser's subscription at the local push service."""

    def make(name: str) -> Device:
        device = Device(
            name=name,
            endpoint=f"{push_service.origin}/push/{name}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth=os.urandom(16),
        )
        push_service.devices[name] = device
        return device

    return make


@pytest.fixture
def subscribe(new_device):
    """subscribe(user, name) -> a PushSubscription row for a new device of `user`."""

    def make(user, name: str) -> PushSubscription:
        device = new_device(name)
        data = device.subscription_json()
        return PushSubscription.objects.create(
            user=user,
            endpoint=data["endpoint"],
            p256dh=data["keys"]["p256dh"],
            auth=data["keys"]["auth"],
            user_agent=f"Test browser {name}",
            created_at=timezone.now(),
        )

    return make
