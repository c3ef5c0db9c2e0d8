from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backups.models import ArchiveFrequency, UserArchive
from backups.services.archives import ARCHIVE_CONTENT_TYPE
from core.storage import storage_object_signed_url


class ArchiveOutputSerializer(serializers.ModelSerializer):
    size = serializers.IntegerField(source="size_bytes")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = UserArchive
        fields = ["id", "created_at", "expires_at", "size", "download_url"]

    @extend_schema_field(serializers.CharField())
    def get_download_url(self, archive: UserArchive) -> str:
        """A short-lived signed link (STORAGE_SIGNED_URL_SECONDS); list again for a fresh one."""
        return storage_object_signed_url(
            key=archive.key,
            content_type=ARCHIVE_CONTENT_TYPE,
            filename=f"atomic-habits-archive-{archive.created_at:%Y-%m-%d-%H%M}.json",
        )


class ArchiveScheduleSerializer(serializers.Serializer):
    frequency = serializers.ChoiceField(choices=ArchiveFrequency.choices)
    keep_days = serializers.IntegerField(read_only=True)
