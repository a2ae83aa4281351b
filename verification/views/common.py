"""Helpers shared by the verification views."""

from claims.views import page_of, parse_date, role_required

__all__ = ["page_of", "parse_date", "role_required"]
