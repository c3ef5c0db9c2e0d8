# The index and the kinds' check constraint, after 0003's data step (see there).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0003_notes_and_report_counts'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='post',
            index=models.Index(condition=models.Q(('reports_count__gt', 0)), fields=['-reports_count'], name='post_reported_idx'),
        ),
        migrations.AddConstraint(
            model_name='post',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'note'), ('milestone', '')), models.Q(('kind', 'milestone'), models.Q(('milestone', ''), _negated=True)), _connector='OR'), name='post_milestone_matches_kind'),
        ),
    ]
