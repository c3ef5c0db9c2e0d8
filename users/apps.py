from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Users"

    def ready(self):
        from core.user_data import UserDataSection, register_user_data_section
        from users.selectors import user_export

        register_user_data_section(UserDataSection(name="account", export=user_export))
        self._forget_cached_users_on_write()

    def _forget_cached_users_on_write(self):
        """Requests authenticate from a cached snapshot of the user row (users.tokens): every
        save or delete of a row drops it, except a save of fields it does not hold
        (last_login on every sign-in, the password: its change bumps the version, which does)."""
        from django.db.models.signals import post_delete, post_save

        from users.models import User
        from users.tokens import SNAPSHOT_FIELDS, token_user_forget

        def on_save(sender, instance, update_fields=None, **kwargs):
            if update_fields is not None and not set(update_fields) & set(SNAPSHOT_FIELDS):
                return
            token_user_forget(user_id=instance.pk)

        def on_delete(sender, instance, **kwargs):
            token_user_forget(user_id=instance.pk)

        post_save.connect(on_save, sender=User, weak=False, dispatch_uid="users.snapshot_save")
        post_delete.connect(
            on_delete, sender=User, weak=False, dispatch_uid="users.snapshot_delete"
        )
