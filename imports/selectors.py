from core.ownership import get_owned_or_404
from imports.models import ExportJob, ImportJob


def import_job_get_for_user(*, user, job_id) -> ImportJob:
    return get_owned_or_404(ImportJob.objects.all(), user=user, pk=job_id)


def export_job_get_for_user(*, user, job_id) -> ExportJob:
    return get_owned_or_404(ExportJob.objects.all(), user=user, pk=job_id)


def import_jobs_export_for_user(user) -> list[dict]:
    """The account export's "imports" section: which files were imported, when, and how."""
    return [
        {
            "source": job.source,
            "original_name": job.original_name,
            "status": job.status,
            "created_at": job.created_at.isoformat(),
            "report": job.report,
        }
        for job in ImportJob.objects.filter(user=user).order_by("created_at", "id")
    ]
