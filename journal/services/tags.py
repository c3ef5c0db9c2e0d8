"""The user's own activity tags: unique per user whatever the case ("Walk" is "walk")."""

from datetime import datetime

from django.db import IntegrityError, transaction

from core.exceptions import ValidationFailed
from core.ownership import get_owned_or_404
from journal.events import announce_journal_changed
from journal.models import JournalEntry, JournalTag


def _taken(name: str) -> ValidationFailed:
    return ValidationFailed(
        code="tag_exists",
        fields={"name": [f"You already have a tag named “{name}” (tags ignore case)."]},
    )


def journal_tag_named(*, user, name: str) -> JournalTag:
    """The user's tag of that name in any case, created when there is none: what an entry's
    `tags` list resolves through. A concurrent creation of the same name finds the winner's."""
    existing = JournalTag.objects.filter(user=user, name__iexact=name).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return JournalTag.objects.create(user=user, name=name)
    except IntegrityError:
        return JournalTag.objects.get(user=user, name__iexact=name)


@transaction.atomic
def journal_tag_create(*, user, name: str, now: datetime) -> JournalTag:
    """A new tag (no entry carries it yet, so nothing is announced)."""
    if JournalTag.objects.filter(user=user, name__iexact=name).exists():
        raise _taken(name)
    try:
        with transaction.atomic():
            return JournalTag.objects.create(user=user, name=name)
    except IntegrityError:  # created between the check and the insert
        raise _taken(name) from None


def _dates_of_tag(tag: JournalTag) -> list:
    return sorted(set(JournalEntry.objects.filter(tags=tag).values_list("date", flat=True)))


@transaction.atomic
def journal_tag_rename(*, user, tag_id, name: str, now: datetime) -> JournalTag:
    tag = get_owned_or_404(JournalTag.objects.select_for_update(), user=user, pk=tag_id)
    if JournalTag.objects.filter(user=user, name__iexact=name).exclude(pk=tag.pk).exists():
        raise _taken(name)
    tag.name = name
    try:
        with transaction.atomic():
            tag.save(update_fields=["name"])
    except IntegrityError:
        raise _taken(name) from None
    if dates := _dates_of_tag(tag):
        announce_journal_changed(user_id=user.pk, dates=dates, now=now)
    return tag


@transaction.atomic
def journal_tag_delete(*, user, tag_id, now: datetime) -> None:
    """The tag leaves every entry that carried it; the entries stay."""
    tag = get_owned_or_404(JournalTag.objects.all(), user=user, pk=tag_id)
    dates = _dates_of_tag(tag)
    tag.delete()
    if dates:
        announce_journal_changed(user_id=user.pk, dates=dates, now=now)
