from django.urls import path

from community import views

urlpatterns = [
    path("community/feed/", views.FeedApi.as_view(), name="community-feed"),
    path("community/settings/", views.CommunitySettingsApi.as_view(), name="community-settings"),
    path(
        "habits/public/<int:habit_id>/posts/",
        views.PublicHabitPostsApi.as_view(),
        name="public-habit-posts",
    ),
    path("posts/", views.PostCreateApi.as_view(), name="post-create"),
    path("posts/<int:pk>/", views.PostDetailApi.as_view(), name="post-detail"),
    path("posts/<int:pk>/kudos/", views.PostKudosApi.as_view(), name="post-kudos"),
    path("posts/<int:pk>/report/", views.PostReportApi.as_view(), name="post-report"),
]
