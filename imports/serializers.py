from rest_framework import serializers

from imports.models import ExportFormat, ExportJob, ImportJob, ImportSource
from imports.services.exports import export_job_download_url


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=False)
    source = serializers.ChoiceField(
        choices=ImportSource.choices,
        required=False,
        help_text="Which program wrote the file; sniffed from the content when omitted.",
    )


class ImportJobOutputSerializer(serializers.ModelSerializer):
    report = serializers.JSONField(
        read_only=True,
        help_text='{"created": {"habits", "check_ins", "journal_entries", "journal_tags"}, '
        '"habits": [{"id", "name", "days"}], "skipped": [{"item", "reason"}], '
        '"adjusted": [{"habit", "from", "to"}], "skipped_count"}',
    )

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "source",
            "original_name",
            "status",
            "progress",
            "error",
            "report",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class ExportInputSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices, default=ExportFormat.JSON)


class ExportJobOutputSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(
        help_text="A short-lived signed link once the job has succeeded; null before."
    )

    class Meta:
        model = ExportJob
        fields = ["id", "format", "status", "error", "download_url", "created_at", "finished_at"]
        read_only_fields = fields

    def get_download_url(self, job) -> str | None:
        return export_job_download_url(job)
