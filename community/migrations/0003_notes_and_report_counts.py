# Data only, in a transaction of its own: PostgreSQL refuses DDL on a table with pending trigger
# events in the transaction that updated its rows (0002 and 0004 hold the DDL).

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

def notes_and_report_counts(apps, schema_editor):
    """A database that ran 0001 (the branch merged once and reverted) may hold posts of the old
    kind "manual" and reports that were never counted on their post."""
    Post = apps.get_model("community", "Post")
    PostReport = apps.get_model("community", "PostReport")
    Post.objects.filter(kind="manual").update(kind="note")
    counts = (
        PostReport.objects.filter(post=OuterRef("pk"))
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Post.objects.filter(pk__in=PostReport.objects.values("post_id")).update(
        reports_count=Coalesce(Subquery(counts), 0)
    )

def notes_back_to_manual(apps, schema_editor):
    apps.get_model("community", "Post").objects.filter(kind="note").update(kind="manual")

class Migration(migrations.Migration):

    dependencies = [
        ("community", "0002_posts_notes_reports_resolved"),
    ]

    operations = [
        migrations.RunPython(notes_and_report_counts, notes_back_to_manual),
    ]
