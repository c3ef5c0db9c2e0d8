from django.urls import path

from habit_instances import views
from habit_instances.stats import views as stats_views

urlpatterns = [
    path("instances/", views.InstancesInRangeApi.as_view(), name="instances-in-range"),
    path("instances/today/", views.InstancesTodayApi.as_view(), name="instances-today"),
    path(
        "instances/<int:pk>/complete/",
        views.InstanceCompleteApi.as_view(),
        name="instance-complete",
    ),
    path("instances/<int:pk>/fail/", views.InstanceFailApi.as_view(), name="instance-fail"),
    path("instances/<int:pk>/skip/", views.InstanceSkipApi.as_view(), name="instance-skip"),
    path("instances/<int:pk>/note/", views.InstanceNoteApi.as_view(), name="instance-note"),
    path("instances/<int:pk>/undo/", views.InstanceUndoApi.as_view(), name="instance-undo"),
    path("habits/<int:habit_id>/days/<str:date>/", views.HabitDayApi.as_view(), name="habit-day"),
    path(
        "habits/<int:habit_id>/instances/",
        views.HabitInstancesApi.as_view(),
        name="habit-instances",
    ),
    path("habits/<int:pk>/stats/", stats_views.HabitStatsApi.as_view(), name="habit-stats"),
    path("stats/overview/", stats_views.StatsOverviewApi.as_view(), name="stats-overview"),
]
