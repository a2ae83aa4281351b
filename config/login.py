"""Login with a cap on failed attempts per address and per account, against password guessing.

The cap (THROTTLE_LOGIN, 10/min by default) holds across every process: the counters live in
the shared cache (a file cache under var/ in the embedded default, Redis in production), and
each attempt is counted before its password is checked and given back if the login succeeds.
Counting per account as well as per address stops a guesser who spreads one account's guesses
over many addresses; the price is that such a guesser can keep that account's owner out for
the rest of the window.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views

from config import ratelimit


def _keys(request) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    username = request.POST.get("username", "").strip().lower()
    return [f"login-failures:address:{address}", f"login-failures:account:{username}"]


def login_rate() -> tuple[int, int]:
    return ratelimit.parse_rate(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"])


class ThrottledLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        limit, window = login_rate()
        counts = [ratelimit.hit(key, window=window) for key in _keys(request)]
        if max(counts) > limit:
            form = self.get_form()
            form.add_error(None, "Too many failed attempts. Wait a few minutes and try again.")
            return self.render_to_response(
                self.get_context_data(form=form, throttled=True), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        for key in _keys(self.request):  # a successful login is not a failed attempt
            ratelimit.release(key)
        return super().form_valid(form)
