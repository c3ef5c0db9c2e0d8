"""Owner scoping: another user's object answers exactly like a missing one (404)."""

from django.db.models import Model, QuerySet

from core.exceptions import NotFound


def get_owned_or_404(queryset: QuerySet, *, user, pk, owner_field: str = "user") -> Model:
    try:
        return queryset.get(pk=pk, **{owner_field: user})
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"{queryset.model._meta.verbose_name.capitalize()} not found.") from None
