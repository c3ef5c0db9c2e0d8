from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination

from core.exceptions import ValidationFailed


class CountingOnlyWhenNeededPaginator(Paginator):
    """Django's paginator, but a page is read with one row more than it shows: when that row is
    absent the page is the last one, and the count (which the response carries and the client
    shows) is known without a COUNT query. Only a full page with more rows behind it asks the
    database to count. Most lists (one user's habits, today's instances) fit on their first
    page."""

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if len(rows) <= self.per_page and (rows or number == 1):
            self.__dict__["count"] = bottom + len(rows)  # the cached_property, known by reading
        elif not rows:  # nothing at this offset: past the last page, as Django would say
            raise EmptyPage(self.error_messages["no_results"])
        return self._get_page(rows[: self.per_page], number, self)


# No list has a millionth page; a larger number would only overflow the database's OFFSET (a
# 500, found by fuzzing), so it is refused as out of range.
MAX_PAGE = 1_000_000


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = CountingOnlyWhenNeededPaginator

    def paginate_queryset(self, queryset, request, view=None):
        check_query_parameters(
            request, view, own={self.page_query_param, self.page_size_query_param}
        )
        return super().paginate_queryset(queryset, request, view)

    def get_page_number(self, request, paginator):
        """A page that is not a positive integer (`?page=`, `?page=abc`) is a 400 as the schema
        says, not silently page 1 (DRF reads an empty value as absent). A page past the end
        stays DRF's 404."""
        raw = request.query_params.get(self.page_query_param)
        number = 1 if raw is None else positive_int(raw, name=self.page_query_param)
        if number > MAX_PAGE:
            raise ValidationFailed(
                fields={self.page_query_param: [f"Ensure this value is at most {MAX_PAGE}."]}
            )
        return number

    def get_page_size(self, request):
        """A page_size that is not a positive integer is a 400, not silently the default (the
        schema says integer; found by fuzzing). Above max_page_size it is capped, as documented."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        return min(positive_int(raw, name=self.page_size_query_param), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["maximum"] = MAX_PAGE
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = f"Results per page; above {self.max_page_size} capped."
        return parameters


def positive_int(raw: str, *, name: str) -> int:
    """A query parameter that must be a positive whole number; anything else a 400 naming it."""
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ValidationFailed(fields={name: ["A positive whole number is required."]})
    return int(raw)


def check_query_parameters(request, view, *, own: set[str]) -> None:
    """A misspelt filter (`?is_activ=true`) is a 400 naming it, not a silently unfiltered list,
    and so is a filter given no value (`?is_public=`), which django-filter reads as absent.
    Every paginated list passes through its paginator, so this is the one place that sees them
    all; the known names are the page's, the view's filters' and its ordering's. An unpaginated
    list (GET /instances/) calls it with its own names."""
    known = set(own)
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        known |= set(filterset_class.base_filters)
    if any(issubclass(backend, OrderingFilter) for backend in getattr(view, "filter_backends", [])):
        known.add(OrderingFilter.ordering_param)
    fields = {name or "(empty)": ["Unknown query parameter."] for name in request.query_params}
    for name in known & set(request.query_params):
        fields.pop(name)
        if "" in request.query_params.getlist(name):
            fields[name] = ["A value is required."]
    if fields:
        raise ValidationFailed("Invalid query parameters.", fields=dict(sorted(fields.items())))
