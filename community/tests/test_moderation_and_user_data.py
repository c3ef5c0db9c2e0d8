"""The moderation queue in the admin, and the community's part of the account export and wipe."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import CommunitySettings, Kudos, Post, PostReport
from community.services import community_settings_update
from community.tests.factories import KudosFactory, PostFactory, PostReportFactory
from tests_support import client_for
from users.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:community_post_changelist")


@pytest.fixture
def admin_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_queue_puts_open_reports_first_and_resolving_moves_them_down(admin_client):
    resolved = PostFactory(text="Old quarrel", reports_count=3)
    PostReportFactory.create_batch(3, post=resolved, resolved=True)
    reported = PostFactory(text="Buy my pills", reports_count=2)
    PostReportFactory.create_batch(2, post=reported)
    PostFactory(text="Ten pages today")
    page = admin_client.get(CHANGELIST + "?reported=yes").content.decode()
    assert "Ten pages today" not in page
    assert page.index("Buy my pills") < page.index("Old quarrel")  # open reports first
    assert '<td class="field-open_reports">2</td>' in page
    open_only = admin_client.get(CHANGELIST + "?reported=open").content.decode()
    assert "Buy my pills" in open_only and "Old quarrel" not in open_only
    admin_client.post(CHANGELIST, {"action": "resolve_reports", "_selected_action": [reported.pk]})
    assert not PostReport.objects.filter(resolved=False).exists()
    assert "Buy my pills" not in admin_client.get(CHANGELIST + "?reported=open").content.decode()


def test_kudos_are_read_only_in_the_admin(admin_client):
    kudos = KudosFactory()
    url = reverse("admin:community_kudos_change", args=[kudos.pk])
    assert admin_client.get(reverse("admin:community_kudos_changelist")).status_code == 200
    assert admin_client.post(url, {"post": kudos.post_id}).status_code == 403
    assert Kudos.objects.filter(pk=kudos.pk).exists()


def test_hide_unhide_and_delete_actions(
    admin_client, user, file_storage, django_capture_on_commit_callbacks
):
    post = PostFactory(image_key="posts/1/gone.jpg", image_content_type="image/jpeg")
    file_storage.joinpath("posts/1").mkdir(parents=True)
    file_storage.joinpath("posts/1/gone.jpg").write_bytes(b"x")
    feed = client_for(user)
    for action, hidden, shown_in_feed in [("hide", True, False), ("unhide", False, True)]:
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(CHANGELIST, {"action": action, "_selected_action": [post.pk]})
        post.refresh_from_db()
        assert post.is_hidden is hidden
        in_feed = [p["id"] for p in feed.get("/api/community/feed/").json()["results"]]
        assert (post.pk in in_feed) is shown_in_feed
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            CHANGELIST, {"action": "delete_with_images", "_selected_action": [post.pk]}
        )
    assert not Post.objects.exists()
    assert not file_storage.joinpath("posts/1/gone.jpg").exists()


def test_the_export_holds_my_posts_kudos_reports_and_setting(auth_client, user):
    mine = PostFactory(habit__user=user, text="My progress")
    theirs = PostFactory()
    KudosFactory(post=theirs, user=user)
    PostReportFactory(post=theirs, reporter=user, reason="rude")
    community_settings_update(user=user, auto_post_milestones=True)
    exported = auth_client.get("/api/account/export/").json()["community"]
    assert exported["settings"] == {"auto_post_milestones": True}
    assert [(p["id"], p["text"]) for p in exported["posts"]] == [(mine.pk, "My progress")]
    assert [k["post"] for k in exported["kudos_given"]] == [theirs.pk]
    assert [(r["post"], r["reason"]) for r in exported["reports"]] == [(theirs.pk, "rude")]


def test_the_wipe_takes_my_data_and_my_kudos_back_from_the_counts(user):
    from users.services import user_wipe_data

    PostFactory(habit__user=user)
    theirs = PostFactory(kudos_count=2)
    KudosFactory(post=theirs, user=user)
    KudosFactory(post=theirs, user=UserFactory())
    PostReportFactory(post=theirs, reporter=user)
    community_settings_update(user=user, auto_post_milestones=True)
    user_wipe_data(user=user)
    theirs.refresh_from_db()
    assert theirs.kudos_count == 1 and Kudos.objects.count() == 1
    assert list(Post.objects.all()) == [theirs]
    assert not PostReport.objects.exists() and not CommunitySettings.objects.exists()


def test_a_deleted_accounts_kudos_stay_counted_anonymously(user):
    theirs = PostFactory()
    client_for(user).post(f"/api/posts/{theirs.pk}/kudos/")
    client_for(user).delete("/api/account/", {"password": TEST_PASSWORD}, format="json")
    theirs.refresh_from_db()
    assert theirs.kudos_count == 1 and Kudos.objects.get().user is None
