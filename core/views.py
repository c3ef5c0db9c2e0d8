from django.conf import settings
from django.http import FileResponse, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.http import require_GET

from core import health
from core.exceptions import error_body


@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request):
    problems = {"database": health.database_problem(), "redis": health.redis_problem()}
    checks = {name: problem or "ok" for name, problem in problems.items()}
    ready = not any(problems.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
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


def api_not_found(request):
    return JsonResponse(
        error_body(code="not_found", message=f"No API endpoint at {request.path}."), status=404
    )


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
