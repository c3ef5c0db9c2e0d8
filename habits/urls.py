from django.urls import path

from habits import views

urlpatterns = [
    path("habits/", views.HabitListCreateApi.as_view(), name="habit-list"),
    path("habits/public/", views.HabitPublicListApi.as_view(), name="habit-public-list"),
    path("habits/<int:pk>/", views.HabitDetailApi.as_view(), name="habit-detail"),
    path("habits/<int:pk>/copy/", views.HabitCopyApi.as_view(), name="habit-copy"),
]
