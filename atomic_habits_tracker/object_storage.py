"""The STORAGES["default"] entry for the object storage (core/storage.py), built from the S3_*
settings; the tests build the same entry for their local S3 server."""

from pathlib import Path

from botocore.config import Config


def object_storage_config(
    *,
    bucket: str,
    root: Path,
    endpoint_url: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    region: str | None = None,
    addressing_style: str = "path",
) -> dict:
    """S3-compatible storage when a bucket is named, else the file system under `root`."""
    if not bucket:
        return {
            "BACKEND": "core.storage.LocalFileStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        }
    return {
        "BACKEND": "core.storage.S3CompatibleStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            "access_key": access_key,
            "secret_key": secret_key,
            "region_name": region,
            "default_acl": None,  # private objects; R2 and some Ceph setups reject ACL headers
            "querystring_auth": True,
            "file_overwrite": True,  # keys are fresh uuids: skip the HEAD request before each PUT
            "client_config": Config(
                signature_version="s3v4",
                # path: https://endpoint/bucket/key, what MinIO and Ceph expect by default;
                # virtual: https://bucket.endpoint/key, what AWS prefers.
                s3={"addressing_style": addressing_style},
                # boto3 >= 1.36 adds CRC checksums to every upload and validates them on every
                # download; MinIO before 2025, R2, Ceph and others reject or mangle those, so
                # checksums are sent only where the S3 API requires them.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        },
    }
