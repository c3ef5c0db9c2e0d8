import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from django.db import connection

from atomic_habits_tracker.object_storage import object_storage_config

S3_CREDENTIALS = {"access_key": "backup-key", "secret_key": "backup-secret", "region": "us-east-1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def moto_s3_process():
    """moto's S3 server as a real process on a free local port: the backups travel over HTTP to
    it, as they would to MinIO or AWS."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the moto S3 server did not start") from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def moto_s3_storage(settings, moto_s3_process):
    """The object storage on a fresh bucket of the moto process; answers the S3 settings an
    outside process (a restore on a "fresh server") would be given."""
    import boto3

    bucket = f"backups-{uuid.uuid4().hex}"
    boto3.client(
        "s3",
        endpoint_url=moto_s3_process,
        aws_access_key_id=S3_CREDENTIALS["access_key"],
        aws_secret_access_key=S3_CREDENTIALS["secret_key"],
        region_name=S3_CREDENTIALS["region"],
    ).create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": object_storage_config(
            bucket=bucket,
            root=settings.STORAGE_ROOT,
            endpoint_url=moto_s3_process,
            **S3_CREDENTIALS,
        ),
    }
    return {
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": moto_s3_process,
        "S3_ACCESS_KEY_ID": S3_CREDENTIALS["access_key"],
        "S3_SECRET_ACCESS_KEY": S3_CREDENTIALS["secret_key"],
        "S3_REGION": S3_CREDENTIALS["region"],
    }


@pytest.fixture
def backup_storage(request):
    """Where the restore is proven: the S3 server on PostgreSQL, the file system on SQLite."""
    if connection.vendor == "postgresql":
        return request.getfixturevalue("moto_s3_storage")
    return request.getfixturevalue("file_storage")
