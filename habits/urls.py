from django.urls import path

from habits import views

urlpatterns = [
    path("habits/", views.HabitListCreateApi.as_view(), name="habit-list"),
    path("habits/public/", views.HabitPublicListApi.as_view(), name="habit-public-list"),
    path("habits/<int:pk>/", views.HabitDetailApi.as_view(), name="habit-detail"),
    path("habits/<int:pk>/copy/", views.HabitCopyApi.as_view(), name="habit-copy"),
    path("habits/<int:pk>/pause/", views.HabitPauseApi.as_view(), name="habit-pause"),
    path("habits/<int:pk>/resume/", views.HabitResumeApi.as_view(), name="habit-resume"),
    path("habits/<int:pk>/archive/", views.HabitArchiveApi.as_view(), name="habit-archive"),
    path("habits/<int:pk>/unarchive/", views.HabitUnarchiveApi.as_view(), name="habit-unarchive"),
]
