"""The filter language of lists: django-filter FilterSets read and check query parameters.

A FilterSet here only reads: `StrictFilterSet.values(params)` gives the typed, cleaned values
(or a 400 naming the parameter), and the selectors apply them, so every join stays in the
selectors. The API is strict (`state=bogus` is a 400, not every claim); pages built from the same
parameters may pass `strict=False` to drop what they cannot read. `parameters(FilterSet)` turns
a FilterSet into the OpenAPI query parameters, typed (integers, dates, enums).
"""

from __future__ import annotations

from typing import Any

import django_filters as df
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from claims.models import Letter, LetterStatus
from claims.selectors import LETTER_SORTS


class IntegerFilter(df.NumberFilter):
    """NumberFilter reads decimals ("1.5"); ids are whole numbers."""

    field_class = forms.IntegerField


class StrictFilterSet(df.FilterSet):
    @classmethod
    def values(cls, params, *, strict: bool = True) -> dict:
        """The cleaned values of the parameters this FilterSet knows; others are ignored.

        strict: a value that cannot be read is a ValidationError (400) naming the parameter;
        otherwise it is dropped, as if it had not been given."""
        filterset = cls(
            data=params if params is not None else {},
            queryset=cls._meta.model._default_manager.none(),
        )
        form = filterset.form
        if not form.is_valid() and strict:
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return {name: value for name, value in form.cleaned_data.items() if name not in form.errors}


def parameters(filterset_class: type[df.FilterSet]) -> list[OpenApiParameter]:
    """OpenAPI query parameters for a FilterSet, typed from its form fields."""
    out = []
    for name, item in filterset_class.base_filters.items():
        field = item.field
        kwargs: dict[str, Any] = {"description": str(item.label or "")}
        if isinstance(field, forms.ChoiceField):
            kwargs["enum"] = [value for value, _ in field.choices if value != ""]
        out.append(OpenApiParameter(name, _openapi_type(field), **kwargs))
    return out


def _openapi_type(field: forms.Field):
    if isinstance(field, forms.IntegerField):
        return OpenApiTypes.INT
    if isinstance(field, forms.DateField):
        return OpenApiTypes.DATE
    if isinstance(field, forms.TypedChoiceField) and field.coerce is int:
        return OpenApiTypes.INT
    return OpenApiTypes.STR


class LetterFilterSet(StrictFilterSet):
    q = df.CharFilter(label="Text search in the text, title and symbol", max_length=200)
    symbol = df.CharFilter(label="Part of a symbol", max_length=64)
    sender = df.CharFilter(label="Part of the sender's name", max_length=200)
    date_from = df.DateFilter(label="Letter date from (YYYY-MM-DD)")
    date_to = df.DateFilter(label="Letter date to (YYYY-MM-DD)")
    status = df.ChoiceFilter(choices=LetterStatus.choices, label="Processing status")
    sort = df.ChoiceFilter(choices=[(key, key) for key in LETTER_SORTS], label="Sort order")

    class Meta:
        model = Letter
        fields: list[str] = []
