from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core.replicas import replicas_connect_signals

        replicas_connect_signals()
