import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.tasks import import_job_run_task


@pytest.fixture
def upload(auth_client, file_storage, django_capture_on_commit_callbacks):
    """Posts a file to /api/imports/ and, when accepted, runs its job as the worker would;
    answers the POST's response and the job as GET /api/imports/{id}/ shows it afterwards."""

    def post(data: bytes, name: str = "export.zip", client=None, **fields):
        client = client or auth_client
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/api/imports/",
                {"file": SimpleUploadedFile(name, data), **fields},
                format="multipart",
            )
        if response.status_code != 202:
            return response, None
        import_job_run_task(response.json()["id"])
        return response, client.get(f"/api/imports/{response.json()['id']}/").json()

    return post
