from core.user_data import user_data_sections
from users.models import User


def user_export(user: User) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "display_name": user.display_name,
        "timezone": user.timezone,
        "date_joined": user.date_joined.isoformat(),
    }


def user_export_data(*, user: User) -> dict:
    """Everything the user owns, one key per registered section (account, habits, ...)."""
    return {section.name: section.export(user) for section in user_data_sections()}
