"""Goal attachments through the API, on the file system (the default) and on a real local
S3-compatible server: upload, signed download over HTTP, delete, and the files following their
goal, the data wipe and the account deletion."""

import hashlib
import io
import urllib.request

import pytest
from botocore.exceptions import ClientError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from core.storage import storage_object_exists, storage_object_read
from goals.models import Attachment
from goals.tests.factories import GoalFactory
from tests_support import assert_error
from users.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"
GPS_IFD = 0x8825


def attachments(goal_id):
    return reverse("goal-attachment-list", args=[goal_id])


def attachment(pk):
    return reverse("attachment-detail", args=[pk])


def photo_with_location() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}
    output = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(output, "JPEG", exif=exif)
    return output.getvalue()


def upload(client, goal_id, content: bytes, name: str):
    return client.post(
        attachments(goal_id), {"file": SimpleUploadedFile(name, content)}, format="multipart"
    )


@pytest.fixture
def goal(user):
    return GoalFactory(user=user)


def fetch_file_system_link(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


# --- round trips --------------------------------------------------------------------------------


def test_photo_round_trip_on_the_file_system_without_its_location(
    auth_client, api_client, goal, file_storage, django_capture_on_commit_callbacks
):
    response = upload(auth_client, goal.pk, photo_with_location(), "holiday.jpg")

    assert response.status_code == 201, response.content
    created = response.json()
    assert created["name"] == "holiday.jpg" and created["content_type"] == "image/jpeg"
    stored = Attachment.objects.get(pk=created["id"])
    assert stored.key.startswith(f"goals/{goal.pk}/") and stored.key.endswith(".jpg")
    data = (file_storage / stored.key).read_bytes()
    assert created["size"] == len(data) and created["sha256"] == hashlib.sha256(data).hexdigest()
    cleaned = Image.open(io.BytesIO(data))
    assert dict(cleaned.getexif()) == {} and "exif" not in cleaned.info

    listed = auth_client.get(attachments(goal.pk)).json()
    assert [item["id"] for item in listed["results"]] == [created["id"]]
    # the link needs no session: an <img> tag can use it
    assert fetch_file_system_link(api_client, listed["results"][0]["url"]) == data

    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.delete(attachment(created["id"])).status_code == 204
    assert not Attachment.objects.filter(pk=created["id"]).exists()
    assert not (file_storage / stored.key).exists()
    assert api_client.get(listed["results"][0]["url"]).status_code == 404


def test_pdf_round_trip_through_the_local_s3_server(
    auth_client, goal, s3_storage, django_capture_on_commit_callbacks
):
    response = upload(auth_client, goal.pk, PDF, "result.pdf")
    assert response.status_code == 201, response.content
    key = Attachment.objects.get(pk=response.json()["id"]).key
    assert s3_storage.head_object(Bucket=s3_storage.bucket, Key=key)["ContentType"] == (
        "application/pdf"
    )

    url = auth_client.get(attachments(goal.pk)).json()["results"][0]["url"]
    assert url.startswith("http://127.0.0.1:") and "X-Amz-Signature=" in url
    with urllib.request.urlopen(url) as download:
        assert download.read() == PDF
        assert download.headers["Content-Type"] == "application/pdf"

    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.delete(attachment(response.json()["id"])).status_code == 204
    with pytest.raises(ClientError):
        s3_storage.head_object(Bucket=s3_storage.bucket, Key=key)


# --- what a file is -----------------------------------------------------------------------------


def test_the_type_comes_from_the_content_not_the_name(auth_client, goal, file_storage):
    response = upload(auth_client, goal.pk, PDF, "screenshot.png")
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "application/pdf"
    assert response.json()["name"] == "screenshot.png"  # shown as sent, served as what it is
    assert Attachment.objects.get().key.endswith(".pdf")


def test_a_text_file_is_refused_whatever_its_name(auth_client, goal, file_storage):
    response = upload(auth_client, goal.pk, b"my notes\nnot a photo\n", "photo.jpg")
    assert_error(response, 400, "unsupported_file_type", "file")
    assert not Attachment.objects.exists()
    assert not file_storage.exists() or not any(file_storage.rglob("*.*"))


def test_a_damaged_image_is_refused(auth_client, goal, file_storage):
    broken = photo_with_location()[:300]
    assert_error(upload(auth_client, goal.pk, broken, "a.jpg"), 400, "unreadable_image", "file")
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{}, {"file": SimpleUploadedFile("empty.pdf", b"")}, {"file": "not a file"}],
    ids=["missing", "empty", "a plain field"],
)
def test_an_upload_without_a_file_is_400(auth_client, goal, file_storage, body):
    response = auth_client.post(attachments(goal.pk), body, format="multipart")
    assert_error(response, 400, "invalid", "file")


def test_a_json_body_is_refused(auth_client, goal):
    response = auth_client.post(attachments(goal.pk), {"file": "x"}, format="json")
    assert_error(response, 415, "unsupported_media_type")


def test_files_over_the_limit_are_413(auth_client, goal, file_storage, settings):
    settings.ATTACHMENT_MAX_BYTES = len(PDF)
    assert upload(auth_client, goal.pk, PDF, "exactly.pdf").status_code == 201

    error = assert_error(
        upload(auth_client, goal.pk, PDF + b" ", "over.pdf"), 413, "file_too_large", "file"
    )
    assert error["details"] == {"max_bytes": len(PDF)}
    assert Attachment.objects.count() == 1


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(
    auth_client, goal, file_storage, settings
):
    settings.ATTACHMENT_MAX_BYTES = 1000
    response = auth_client.generic(
        "POST",
        attachments(goal.pk),
        b"not even multipart",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(10 * 1024 * 1024),
    )
    assert_error(response, 413, "file_too_large", "file")


def test_a_storage_failure_is_503_and_leaves_no_row(auth_client, goal, s3_storage):
    s3_storage.delete_bucket(Bucket=s3_storage.bucket)  # every write now fails
    response = upload(auth_client, goal.pk, PDF, "a.pdf")
    assert_error(response, 503, "storage_unavailable")
    assert not Attachment.objects.exists()


# --- owners -------------------------------------------------------------------------------------


def test_another_users_goal_and_attachment_are_404(
    auth_client, other_client, goal, file_storage, django_capture_on_commit_callbacks
):
    created = upload(auth_client, goal.pk, PDF, "mine.pdf").json()

    assert_error(other_client.get(attachments(goal.pk)), 404, "not_found")
    assert_error(upload(other_client, goal.pk, PDF, "theirs.pdf"), 404, "not_found")
    with django_capture_on_commit_callbacks(execute=True):
        assert_error(other_client.delete(attachment(created["id"])), 404, "not_found")
    assert_error(other_client.delete(attachment(10**12)), 404, "not_found")

    key = Attachment.objects.get(pk=created["id"]).key
    assert storage_object_read(key=key) == PDF
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", attachments(1)), ("post", attachments(1)), ("delete", attachment(1))],
)
def test_attachment_endpoints_without_auth_are_401(api_client, method, url):
    assert_error(getattr(api_client, method)(url), 401, "not_authenticated")


def test_the_list_is_paginated_and_its_queries_do_not_grow(
    auth_client, goal, file_storage, django_assert_num_queries
):
    for n in range(3):
        upload(auth_client, goal.pk, PDF, f"{n}.pdf")
    # the goal, a page read one row long, and the count (more rows follow the page); the user
    # comes from its cached snapshot (users.tokens), warmed by the uploads
    with django_assert_num_queries(3):
        auth_client.get(attachments(goal.pk), {"page_size": 2})
    for n in range(3, 5):
        upload(auth_client, goal.pk, PDF, f"{n}.pdf")
    with django_assert_num_queries(3):
        page = auth_client.get(attachments(goal.pk), {"page_size": 2}).json()
    assert page["count"] == 5 and len(page["results"]) == 2
    assert page["results"][0]["name"] == "4.pdf"  # newest first


# --- files follow their goal and their owner ----------------------------------------------------


def test_deleting_the_goal_removes_its_files(
    auth_client, goal, file_storage, django_capture_on_commit_callbacks
):
    keys = [
        Attachment.objects.get(pk=upload(auth_client, goal.pk, PDF, f"{n}.pdf").json()["id"]).key
        for n in range(2)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.delete(reverse("goal-detail", args=[goal.pk])).status_code == 204
    assert not any(storage_object_exists(key=key) for key in keys)


def test_wiping_the_data_and_deleting_the_account_remove_the_files(
    auth_client, other_client, user, other_user, file_storage, django_capture_on_commit_callbacks
):
    mine = GoalFactory(user=user)
    theirs = GoalFactory(user=other_user)
    upload(auth_client, mine.pk, PDF, "mine.pdf")
    upload(other_client, theirs.pk, PDF, "theirs.pdf")
    my_key = Attachment.objects.get(goal=mine).key
    their_key = Attachment.objects.get(goal=theirs).key

    with django_capture_on_commit_callbacks(execute=True):
        assert auth_client.delete(reverse("account-data")).status_code == 204
    assert not storage_object_exists(key=my_key)
    assert storage_object_exists(key=their_key)

    with django_capture_on_commit_callbacks(execute=True):
        response = other_client.delete(
            reverse("account"), {"password": TEST_PASSWORD}, format="json"
        )
    assert response.status_code == 204
    assert not storage_object_exists(key=their_key)


def test_the_export_lists_the_attachments(auth_client, goal, file_storage):
    created = upload(auth_client, goal.pk, PDF, "result.pdf").json()
    exported = auth_client.get(reverse("account-export")).json()["goals"]
    assert exported[0]["attachments"] == [
        {
            "id": created["id"],
            "name": "result.pdf",
            "content_type": "application/pdf",
            "size": len(PDF),
            "sha256": hashlib.sha256(PDF).hexdigest(),
            "created_at": created["created_at"].replace("Z", "+00:00"),
        }
    ]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\me\\result.pdf", "result.pdf"),
        ("bad\x00na\x1bme.pdf", "badname.pdf"),
        ("   ", "attachment.pdf"),
        ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
    ],
)
def test_the_name_is_kept_without_directories_or_control_characters(
    auth_client, goal, file_storage, sent, kept
):
    response = upload(auth_client, goal.pk, PDF, sent)
    assert response.status_code == 201, response.content
    assert response.json()["name"] == kept
    assert Attachment.objects.get().key.startswith(f"goals/{goal.pk}/")


def test_deleting_goals_and_accounts_in_the_admin_removes_their_files(
    auth_client, other_client, user, other_user, file_storage, django_capture_on_commit_callbacks
):
    """The admin's delete (one object) and bulk delete take the same path as the API's."""
    first, second = GoalFactory(user=user), GoalFactory(user=user)
    theirs = GoalFactory(user=other_user)
    keys = {
        goal.pk: Attachment.objects.get(
            pk=upload(client, goal.pk, PDF, "proof.pdf").json()["id"]
        ).key
        for goal, client in [(first, auth_client), (second, auth_client), (theirs, other_client)]
    }
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("admin:goals_goal_delete", args=[first.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not storage_object_exists(key=keys[first.pk])
    assert storage_object_exists(key=keys[second.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:users_user_changelist"),
            {"action": "delete_selected", "_selected_action": [other_user.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not storage_object_exists(key=keys[theirs.pk])
    assert storage_object_exists(key=keys[second.pk])
