"""The imports app's part of the account export and wipe (registered in apps.py)."""

from django.db import transaction

from imports.models import ExportJob, ImportJob


def transfer_jobs_stored_files(user) -> list[str]:
    """Built exports and uploads not yet imported: removed with the jobs."""
    return [
        key
        for model in (ExportJob, ImportJob)
        for key in model.objects.filter(user=user)
        .exclude(file_key="")
        .values_list("file_key", flat=True)
    ]


@transaction.atomic
def transfer_jobs_wipe_for_user(user) -> None:
    ImportJob.objects.filter(user=user).delete()
    ExportJob.objects.filter(user=user).delete()
