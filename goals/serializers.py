"""Shapes and types of the goal API; the rules live in goals.services."""

from rest_framework import serializers

from core.fields import LocalTimeField, StrictCharField
from core.models import MAX_ID
from core.storage import storage_object_signed_url
from goals.models import (
    MAX_POSITION,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AiBreakdownJob,
    Attachment,
    Goal,
    GoalReminder,
    GoalStage,
)

MAX_IDS = 1000  # no goal has that many stages or habits; a bound keeps the body's work bounded


def _ids(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), max_length=MAX_IDS, **kwargs
    )


class GoalInputSerializer(serializers.Serializer):
    title = StrictCharField(max_length=TITLE_MAX_LENGTH)
    description = StrictCharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    deadline = serializers.DateField(required=False, allow_null=True)
    position = serializers.IntegerField(min_value=0, max_value=MAX_POSITION, required=False)
    habits = _ids(required=False, help_text="Ids of your habits that serve this goal.")


class GoalHabitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class GoalOutputSerializer(serializers.ModelSerializer):
    is_completed = serializers.SerializerMethodField()
    habits = GoalHabitSerializer(many=True, read_only=True)
    stages_count = serializers.IntegerField(read_only=True, help_text="Stages, drafts not counted.")
    completed_stages_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "description",
            "deadline",
            "progress",
            "is_completed",
            "completed_at",
            "is_archived",
            "archived_at",
            "position",
            "habits",
            "stages_count",
            "completed_stages_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_is_completed(self, goal) -> bool:
        return goal.completed_at is not None


class GoalStageInputSerializer(serializers.Serializer):
    title = StrictCharField(max_length=TITLE_MAX_LENGTH)
    details = StrictCharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)


class GoalStageOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalStage
        fields = [
            "id",
            "goal",
            "title",
            "details",
            "position",
            "is_completed",
            "completed_at",
            "due_date",
            "is_draft",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class GoalStageMarkOutputSerializer(serializers.Serializer):
    """A ticked or unticked stage with what it did to its goal."""

    stage = GoalStageOutputSerializer()
    progress = serializers.IntegerField(min_value=0, max_value=100)
    goal_completed_at = serializers.DateTimeField(allow_null=True)


class IdsInputSerializer(serializers.Serializer):
    ids = _ids(allow_empty=True)


class AttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=False,
        help_text="A photo or screenshot (JPEG, PNG, WebP) or a PDF, told by its content; images "
        "are stored re-encoded without their metadata (EXIF, GPS).",
    )


class AttachmentOutputSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    url = serializers.SerializerMethodField(
        help_text="A short-lived signed link to the file (STORAGE_SIGNED_URL_SECONDS, 300 s by "
        "default): absolute for S3 storage, a path of this site for the file system."
    )

    class Meta:
        model = Attachment
        fields = ["id", "goal", "name", "content_type", "size", "sha256", "created_at", "url"]
        read_only_fields = fields

    def get_url(self, attachment: Attachment) -> str:
        return storage_object_signed_url(
            key=attachment.key,
            content_type=attachment.content_type,
            filename=attachment.original_name,
        )


class AiBreakdownJobOutputSerializer(serializers.ModelSerializer):
    drafts = GoalStageOutputSerializer(
        many=True,
        read_only=True,
        help_text="The job's draft stages not yet accepted or discarded (empty until it succeeds).",
    )
    message = serializers.SerializerMethodField()

    class Meta:
        model = AiBreakdownJob
        fields = [
            "id",
            "goal",
            "status",
            "error_code",
            "message",
            "drafts",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_message(self, job) -> str:
        return AI_JOB_MESSAGES.get(job.error_code) or AI_JOB_MESSAGES[job.status]


# What the web app may show for each state of a job (and each error code of a failed one).
AI_JOB_MESSAGES = {
    "queued": "Stages are being generated.",
    "running": "Stages are being generated.",
    "succeeded": "The proposed stages are ready: keep the ones you want.",
    "failed": "The stages could not be generated. Try again later.",
    "ai_invalid_answer": "The AI answer could not be used. Try again.",
    "ai_rate_limited": "The AI service is busy. Try again later.",
    "ai_timeout": "The AI service did not answer in time. Try again later.",
    "ai_unavailable": "The AI service is not reachable. Try again later.",
    "ai_rejected": "The AI service refused the request; the operator should check its settings.",
    "ai_disabled": "The AI breakdown was switched off before this job ran.",
    "ai_lost": "The job was lost (a worker stopped). Try again.",
    "ai_not_queued": "The job could not be queued. Try again later.",
}


class AiCapabilityOutputSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(help_text="False: no AI key; hide the AI button.")
    daily_limit = serializers.IntegerField()
    used_today = serializers.IntegerField()


class _EveryNDaysField(serializers.ChoiceField):
    """1, 2 or 3 as a JSON number: DRF's ChoiceField also takes "2" and the schema says integer."""

    def __init__(self, **kwargs):
        super().__init__(choices=GoalReminder.Every.choices, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class GoalReminderInputSerializer(serializers.Serializer):
    remind_time = LocalTimeField(help_text="Local time in your zone, HH:MM (seconds must be 0).")
    every_n_days = _EveryNDaysField(help_text="1: every day, 2: every other day, 3: every 3 days.")
    active = serializers.BooleanField()

    def validate_remind_time(self, value):
        if value.second or value.microsecond:
            raise serializers.ValidationError("Reminders go out on the minute: give HH:MM.")
        return value


class GoalReminderOutputSerializer(serializers.Serializer):
    remind_time = LocalTimeField(format="%H:%M")
    every_n_days = serializers.ChoiceField(choices=GoalReminder.Every.choices)
    active = serializers.BooleanField()
    next_reminder_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When it goes out next (UTC); null while it is off, or the goal is completed, "
        "archived or past its deadline.",
    )
