import django_filters

from habit_instances.models import HabitInstance, InstanceStatus


class InstanceFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=InstanceStatus.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = HabitInstance
        fields = ["status", "date_from", "date_to"]
