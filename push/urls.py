from django.urls import path

from push import views

urlpatterns = [
    path("push/vapid-public-key/", views.VapidPublicKeyApi.as_view(), name="push-vapid-key"),
    path(
        "push/subscriptions/",
        views.PushSubscriptionListCreateApi.as_view(),
        name="push-subscriptions",
    ),
    path(
        "push/subscriptions/<int:pk>/",
        views.PushSubscriptionDetailApi.as_view(),
        name="push-subscription",
    ),
    path("push/test/", views.PushTestApi.as_view(), name="push-test"),
    path("push/actions/", views.PushActionApi.as_view(), name="push-actions"),
]
