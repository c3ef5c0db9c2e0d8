"""The Web Push channel's switch (push app). On for everyone, as for users who never saved their
settings: push reaches only the devices a user subscribed themselves."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("notifications", "0009_achievement_earned_kind")]

    operations = [
        migrations.AddField(
            model_name="notificationsettings",
            name="push_enabled",
            field=models.BooleanField(default=True),
        ),
    ]
