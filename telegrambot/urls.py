from django.urls import path

from telegrambot import views

urlpatterns = [
    path("telegram/", views.TelegramApi.as_view(), name="telegram"),
    path("telegram/bind-code/", views.TelegramBindCodeApi.as_view(), name="telegram-bind-code"),
]
