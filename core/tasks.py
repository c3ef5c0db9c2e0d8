import logging

from celery import shared_task

from core.storage import storage_objects_delete

logger = logging.getLogger(__name__)

_MAX_RETRIES = 12  # with the doubling below, about a day and a half before giving up


@shared_task(bind=True, max_retries=_MAX_RETRIES)
def storage_objects_delete_task(self, keys: list[str]) -> None:
    """Deletes objects whose rows are gone but whose first deletion failed (storage down)."""
    failed = storage_objects_delete(keys=keys)
    if not failed:
        return
    if self.request.retries >= _MAX_RETRIES:
        logger.error("storage: giving up deleting %s (orphaned objects)", failed)
        return
    # Only what is still there is retried, not the keys already removed.
    raise self.retry(kwargs={"keys": failed}, countdown=min(60 * 2**self.request.retries, 6 * 3600))
