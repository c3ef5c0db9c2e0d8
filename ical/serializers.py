from rest_framework import serializers


class CalendarUrlOutputSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="The secret feed URL (https or http, ends in .ics).")
