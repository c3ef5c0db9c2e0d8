from django.urls import path

from users import views

urlpatterns = [
    path("auth/register/", views.RegisterApi.as_view(), name="auth-register"),
    path("auth/login/", views.LoginApi.as_view(), name="auth-login"),
    path("auth/refresh/", views.RefreshApi.as_view(), name="auth-refresh"),
    path("auth/logout/", views.LogoutApi.as_view(), name="auth-logout"),
    path("auth/me/", views.MeApi.as_view(), name="auth-me"),
    path("auth/forgot-password/", views.ForgotPasswordApi.as_view(), name="auth-forgot-password"),
    path("auth/reset-password/", views.ResetPasswordApi.as_view(), name="auth-reset-password"),
    path("account/", views.AccountApi.as_view(), name="account"),
    path("account/password/", views.AccountPasswordApi.as_view(), name="account-password"),
    path("account/data/", views.AccountDataApi.as_view(), name="account-data"),
]
