from django.conf import settings
from django.contrib import admin
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from core import health
from core.exceptions import error_body
from core.metrics import metrics_enabled, metrics_render, metrics_token_valid
from core.operations import operations_status_read
from core.storage import FileGrantInvalid, file_grant_read, object_storage


@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request):
    """Names the checks that failed and nothing more; the reasons are in the log."""
    checks = {"database": health.database_ready, "redis": health.redis_ready}
    failed = [name for name, ready in checks.items() if not ready()]
    return JsonResponse(
        {"status": "unavailable" if failed else "ok", "failed": failed},
        status=503 if failed else 200,
    )


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception=None):
    """Django's 400 (e.g. a body over DATA_UPLOAD_MAX_MEMORY_SIZE) in the API's error shape."""
    if _is_api(request):
        return JsonResponse(
            error_body(code="bad_request", message="The request could not be read."), status=400
        )
    return defaults.bad_request(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse(
            error_body(code="server_error", message="Something went wrong on our side."),
            status=500,
        )
    return defaults.server_error(request)


@csrf_exempt  # the API has no cookies to protect: any method on an unknown path is a JSON 404
def api_not_found(request):
    return JsonResponse(
        error_body(code="not_found", message=f"No API endpoint at {request.path}."), status=404
    )


@require_GET
def storage_file(request, token: str):
    """A file of the local object storage, for whoever holds an unexpired link from
    core.storage (the file-system twin of an S3 presigned URL; no session, so <img> works)."""
    try:
        grant = file_grant_read(token)
        stored = object_storage().open(grant["k"], "rb")
    except (FileGrantInvalid, FileNotFoundError):
        return JsonResponse(
            error_body(code="not_found", message="This link has expired or is not valid."),
            status=404,
        )
    response = FileResponse(stored, content_type=grant["t"], filename=grant["n"])
    response["X-Content-Type-Options"] = "nosniff"
    # A user's file never runs as a page of this site, whatever it contains.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=60"
    return response


_UNBUILT_PAGE = """<!doctype html><meta charset="utf-8"><title>Atomic Habits Tracker</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>Atomic Habits Tracker</h1>
<p>The web app has not been built on this machine (Node.js was not found when <code>make run</code>
started, or the build failed). The API is up: see <a href="/api/docs/">/api/docs/</a>
and the <a href="/admin/">admin</a>.</p></body>"""


@require_GET
def spa_index(request, *args, **kwargs):
    """Serves the React app's index.html for every client-side route (/, /habits/3, …)."""
    index = settings.FRONTEND_DIST_DIR / "index.html"
    if index.is_file():
        response = FileResponse(index.open("rb"), content_type="text/html")
        response["Cache-Control"] = "no-cache"
        return response
    return HttpResponse(_UNBUILT_PAGE, status=503)


@require_GET
def metrics(request):
    """Prometheus's scrape: 404 while metrics are off, 401 without the bearer token."""
    if not metrics_enabled():
        raise Http404("Metrics are off (METRICS_TOKEN is not set).")
    if not metrics_token_valid(request.headers.get("Authorization", "")):
        response = HttpResponse(
            "A bearer token is required.\n", status=401, content_type="text/plain"
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(metrics_render(), content_type=CONTENT_TYPE_LATEST)


def operations_page(request):
    """The operators' health page (admin only: wrapped by admin_view in urls.py)."""
    context = {
        **admin.site.each_context(request),
        "title": "Operations health",
        "sections": operations_status_read(),
    }
    return render(request, "core/operations.html", context)
