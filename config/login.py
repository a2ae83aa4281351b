"""Login with a cap on failed attempts per address and username, against password guessing."""

from django.contrib.auth import views as auth_views
from django.core.cache import cache

MAX_FAILURES = 10
WINDOW_SECONDS = 300


def _key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    username = request.POST.get("username", "").strip().lower()
    return f"login-failures:{address}:{username}"


class ThrottledLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if cache.get(_key(request), 0) >= MAX_FAILURES:
            form = self.get_form()
            form.add_error(None, "Too many failed attempts. Wait a few minutes and try again.")
            return self.render_to_response(
                self.get_context_data(form=form, throttled=True), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = _key(self.request)
        cache.add(key, 0, WINDOW_SECONDS)
        cache.incr(key)
        return super().form_invalid(form)
