from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Users"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from users.selectors import user_export

        register_user_data_section(UserDataSection(name="account", export=user_export))
