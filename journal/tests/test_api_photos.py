"""Journal photos: stored through core.storage like goal attachments, at most three, images only,
removed with their entry and in the account's export, wipe and deletion."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.storage import storage_object_exists, storage_object_read
from journal.models import JournalPhoto
from journal.tests.factories import JournalEntryFactory
from tests_support import assert_error

pytestmark = pytest.mark.django_db


def photos(entry_id):
    return reverse("journal-photo-list", args=[entry_id])


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (55.0, 45.0, 21.0)}
    output = io.BytesIO()
    Image.new("RGB", (16, 12), (20, 120, 200)).save(output, "JPEG", exif=exif)
    return output.getvalue()


def upload(client, entry_id, content: bytes, name="day.jpg"):
    return client.post(
        photos(entry_id), {"file": SimpleUploadedFile(name, content)}, format="multipart"
    )


def test_a_photo_is_stored_without_metadata_and_listed_with_its_entry(
    auth_client, user, file_storage, journal_events
):
    entry = JournalEntryFactory(user=user)
    response = upload(auth_client, entry.pk, jpeg_with_gps())
    assert response.status_code == 201, response.content
    photo = JournalPhoto.objects.get()
    stored = storage_object_read(key=photo.key)
    assert Image.open(io.BytesIO(stored)).getexif().get(0x8825) is None
    assert photo.key.startswith(f"journal/{user.pk}/")
    listed = auth_client.get(reverse("journal-entry-detail", args=[entry.pk])).json()["photos"]
    assert [p["id"] for p in listed] == [photo.pk] and listed[0]["url"]
    assert journal_events == [(user.pk, [entry.date])]


def test_at_most_three_photos_and_only_images(auth_client, user, file_storage):
    entry = JournalEntryFactory(user=user)
    for _ in range(3):
        assert upload(auth_client, entry.pk, jpeg_with_gps()).status_code == 201
    assert_error(upload(auth_client, entry.pk, jpeg_with_gps()), 409, "too_many_photos")
    other = JournalEntryFactory(user=user)
    pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    assert_error(upload(auth_client, other.pk, pdf, "x.jpg"), 400, "unsupported_file_type", "file")
    assert JournalPhoto.objects.count() == 3


def test_another_users_entry_or_photo_is_404(auth_client, other_client, user, file_storage):
    entry = JournalEntryFactory(user=user)
    upload(auth_client, entry.pk, jpeg_with_gps())
    photo = JournalPhoto.objects.get()
    assert_error(upload(other_client, entry.pk, jpeg_with_gps()), 404, "not_found")
    delete = reverse("journal-photo-detail", args=[photo.pk])
    assert_error(other_client.delete(delete), 404, "not_found")
    assert auth_client.delete(delete).status_code == 204


def test_photos_go_with_their_entry(
    auth_client, user, file_storage, django_capture_on_commit_callbacks
):
    entry = JournalEntryFactory(user=user)
    upload(auth_client, entry.pk, jpeg_with_gps())
    key = JournalPhoto.objects.get().key
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            auth_client.delete(reverse("journal-entry-detail", args=[entry.pk])).status_code == 204
        )
    assert not storage_object_exists(key=key)


def test_export_wipe_and_account_deletion_include_the_journal(
    auth_client, user, file_storage, django_capture_on_commit_callbacks
):
    created = auth_client.post(
        reverse("journal-entry-list"),
        {
            "mood": 4,
            "energy": None,
            "note": "calm",
            "tags": ["Walk"],
            "date": "2026-01-31",
            "time": "21:30",
        },
        format="json",
    ).json()
    upload(auth_client, created["id"], jpeg_with_gps())
    section = auth_client.get(reverse("account-export")).json()["journal"]
    photo = JournalPhoto.objects.get()
    assert section == {
        "tags": ["Walk"],
        "entries": [
            {
                "date": "2026-01-31",
                "time": "21:30:00",
                "mood": 4,
                "energy": None,
                "note": "calm",
                "tags": ["Walk"],
                "photos": [
                    {
                        "key": photo.key,
                        "content_type": "image/jpeg",
                        "original_name": "day.jpg",
                        "size": photo.size,
                        "sha256": photo.sha256,
                        "created_at": photo.created_at.isoformat(),
                    }
                ],
            }
        ],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.delete(reverse("account-data")).status_code == 204
    assert auth_client.get(reverse("account-export")).json()["journal"] == {
        "tags": [],
        "entries": [],
    }
    assert not storage_object_exists(key=photo.key)
