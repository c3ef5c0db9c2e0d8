from django.urls import path

from rewards import views

urlpatterns = [
    path("wallet/", views.WalletApi.as_view(), name="wallet"),
    path("rewards/", views.RewardListCreateApi.as_view(), name="reward-list"),
    path("rewards/<int:pk>/", views.RewardDetailApi.as_view(), name="reward-detail"),
    path("rewards/<int:pk>/redeem/", views.RewardRedeemApi.as_view(), name="reward-redeem"),
]
