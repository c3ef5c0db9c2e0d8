from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, BaseUserCreationForm, UserChangeForm
from django.utils import timezone

from users.models import User
from users.services import auth_tokens_revoke_all, user_update_profile, users_delete_with_files


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name", "timezone")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class RevokingPasswordChangeForm(AdminPasswordChangeForm):
    """A password an operator sets ends the user's sessions, as the user's own change does."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            auth_tokens_revoke_all(user=user)
        return user


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    change_password_form = RevokingPasswordChangeForm
    ordering = ["-date_joined"]
    list_display = [
        "email",
        "name",
        "display_name",
        "timezone",
        "is_active",
        "is_staff",
        "date_joined",
    ]
    list_filter = ["is_active", "is_staff", "is_superuser", "timezone"]
    search_fields = ["email", "name", "display_name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "display_name", "timezone"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "name", "timezone", "password1", "password2"],
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        """A zone an operator sets goes through the service, like the user's own change: it is
        announced, so the open instances follow it (the admin's view is one transaction)."""
        if not (change and "timezone" in form.changed_data):
            super().save_model(request, obj, form, change)
            return
        new_timezone, obj.timezone = obj.timezone, form.initial["timezone"]
        super().save_model(request, obj, form, change)  # every other field, on the old zone
        user_update_profile(user=obj, timezone=new_timezone, now=timezone.now())

    # Deleting here takes the accounts' stored files with them, as the user's own deletion does.
    def delete_model(self, request, obj):
        users_delete_with_files(users=User.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        users_delete_with_files(users=queryset)
