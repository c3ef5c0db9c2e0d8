"""Production: every secret comes from the environment; there is no default key."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

# The key signs sessions, password-reset links and the API's JWTs: a key anyone can read in this
# repository (.env.example's placeholder, the dev default) would let them forge any of those.
PUBLISHED_SECRET_KEYS = frozenset(
    {"change-me-to-a-long-random-string", "dev-only-insecure-key-change-me-in-production"}
)
SECRET_KEY_MIN_LENGTH = 50  # Django's own deploy check asks for at least this many characters


def _checked_secret_key(key: str) -> str:
    generate = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    if key in PUBLISHED_SECRET_KEYS:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is the published placeholder; set a random key ({generate})."
        )
    if len(key) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY has {len(key)} characters; production needs at least "
            f"{SECRET_KEY_MIN_LENGTH} ({generate})."
        )
    return key


DEBUG = False
SECRET_KEY = _checked_secret_key(env("DJANGO_SECRET_KEY"))
# The public host names, plus loopback: container health checks call the process directly.
ALLOWED_HOSTS = [*env.list("DJANGO_ALLOWED_HOSTS"), "127.0.0.1", "localhost"]

# Mail goes out through SMTP when EMAIL_URL is set (smtp+tls://user:pass@host:587); without it
# the email channel is off and says so (see notifications), instead of failing at send time.
EMAIL_URL = env("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

# Django runs behind a proxy that says which scheme the browser used (the compose stack's nginx
# passes on its TLS terminator's X-Forwarded-Proto, or its own plain http): is_secure() follows it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# On (the default) when the site is served over HTTPS: plain HTTP is redirected and cookies are
# Secure. Off for a plain-HTTP site such as the compose stack on http://localhost:8080, where a
# redirect would point at a port nothing serves and Secure cookies would never come back.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
# SecurityMiddleware sends HSTS only on responses to HTTPS requests, whatever the redirect says.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
