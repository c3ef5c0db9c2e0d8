import django_filters

from journal.models import MOOD_MAX, MOOD_MIN, JournalEntry

MOOD_CHOICES = [(mood, str(mood)) for mood in range(MOOD_MIN, MOOD_MAX + 1)]


def _with_tag(queryset, name, value):
    # one tag per name and user (whatever the case), so the join adds no duplicate rows
    return queryset.filter(tags__name__iexact=value)


# `from` and `to` are Python keywords, so the filter set is built from a dict.
JournalEntryFilter = type(
    "JournalEntryFilter",
    (django_filters.FilterSet,),
    {
        "from": django_filters.DateFilter(
            field_name="date", lookup_expr="gte", help_text="First local date, inclusive."
        ),
        "to": django_filters.DateFilter(
            field_name="date", lookup_expr="lte", help_text="Last local date, inclusive."
        ),
        "tag": django_filters.CharFilter(
            method=_with_tag, help_text="Only entries carrying this tag (its name, any case)."
        ),
        "mood": django_filters.TypedChoiceFilter(
            choices=MOOD_CHOICES, coerce=int, help_text="Only entries of this mood (1-5)."
        ),
        "Meta": type("Meta", (), {"model": JournalEntry, "fields": ["from", "to", "tag", "mood"]}),
        "__module__": __name__,
    },
)
