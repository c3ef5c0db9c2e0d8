"""Kudos and reports at once (PostgreSQL: concurrent transactions on the unique pair)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from community.models import Kudos, Post, PostReport
from community.services import kudos_give, post_report
from community.tests.factories import PostFactory
from users.tests.factories import UserFactory

THREADS = 8


def _at_once(work) -> list:
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(work())
        except Exception as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_one_users_kudos_sent_eight_times_at_once_count_once():
    post, fan = PostFactory(), UserFactory()
    outcomes = _at_once(lambda: kudos_give(user=fan, post_id=post.pk, now=timezone.now()))
    assert outcomes == [1] * THREADS
    assert Kudos.objects.count() == 1
    assert Post.objects.get().kudos_count == 1


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_kudos_of_eight_users_at_once_all_count():
    post = PostFactory()
    fans = iter(UserFactory.create_batch(THREADS))
    lock = threading.Lock()

    def give():
        with lock:
            fan = next(fans)
        return kudos_give(user=fan, post_id=post.pk, now=timezone.now())

    outcomes = _at_once(give)
    assert sorted(outcomes) == list(range(1, THREADS + 1))  # F() updates: none lost
    assert Post.objects.get().kudos_count == THREADS == Kudos.objects.count()


@pytest.mark.postgresql_only(reason="SQLite has one writer at a time: nothing runs concurrently")
@pytest.mark.django_db(transaction=True)
def test_one_users_report_sent_at_once_is_kept_and_counted_once():
    post, reporter = PostFactory(), UserFactory()
    outcomes = _at_once(
        lambda: post_report(user=reporter, post_id=post.pk, reason="spam", now=timezone.now())
    )
    assert sorted(created for _, created in outcomes) == [False] * (THREADS - 1) + [True]
    assert PostReport.objects.count() == 1
    assert Post.objects.get().reports_count == 1
