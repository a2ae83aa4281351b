"""ETags and conditional GETs for the API: a script polling a claim or an export sends
If-None-Match and gets a bodiless 304 while nothing changed.

The tag is a hash of the body, not the object's version field: a claim's detail also shows its
letter's symbol, the assignee's name and the actions open to the caller, which change without
the claim's version, and a tag that stayed while those changed would serve stale data.
"""

from django.middleware.http import ConditionalGetMiddleware


class ApiConditionalGetMiddleware(ConditionalGetMiddleware):
    """Django's ConditionalGetMiddleware (ETag from the content, 304 on If-None-Match), for
    successful GETs under /api/v1/ only; downloads stream and keep their own headers."""

    def process_response(self, request, response):
        if not request.path.startswith("/api/v1/") or response.status_code != 200:
            return response
        return super().process_response(request, response)
