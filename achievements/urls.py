from django.urls import path

from achievements import views

urlpatterns = [
    path("achievements/", views.AchievementListApi.as_view(), name="achievement-list"),
    path("achievements/seen/", views.AchievementSeenApi.as_view(), name="achievement-seen"),
]
