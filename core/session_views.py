"""The idle-timeout warning's "stay signed in" button: a POST that records activity now."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from .security import session_keep_alive


@require_POST
def keep_alive(request: HttpRequest) -> JsonResponse:
    """Refresh the session's idle clock; answer with the seconds left. An expired session never
    gets here: the timeout middleware has already sent it to the login page."""
    return JsonResponse({"remaining": session_keep_alive(request)})
