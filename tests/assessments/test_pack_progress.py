"""A meeting pack renders in the background; its page shows progress and polls a JSON status."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from assessments.models import PackJob
from assessments.services.meetings import create_meeting
from tests.factories.committee import ssc_with_members
from tests.factories.people import UserFactory
from triage_portal.accounts.enums import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(secretariat):
    ssc, chair, members = ssc_with_members(2)
    meeting = create_meeting(
        user=secretariat,
        committee=ssc,
        number=95,
        date=timezone.localdate() + datetime.timedelta(days=20),
    )
    return PackJob.objects.create(meeting=meeting, requested_by=members[0].person)


def test_status_json_follows_the_job_until_it_is_finished(client, job):
    client.force_login(job.requested_by)
    url = reverse("assessments:pack-status-json", args=[job.pk])

    queued = client.get(url)
    PackJob.objects.filter(pk=job.pk).update(status=PackJob.Status.RUNNING)
    running = client.get(url).json()
    PackJob.objects.filter(pk=job.pk).update(status=PackJob.Status.DONE, pages=12)
    done = client.get(url).json()

    assert queued["Cache-Control"] == "private, no-store"
    assert queued.json() == {"status": "QUEUED", "label": "Queued", "finished": False, "pages": 0}
    assert (running["label"], running["finished"]) == ("Rendering", False)
    assert (done["status"], done["finished"], done["pages"]) == ("DONE", True, 12)


def test_only_the_person_who_asked_sees_the_status(client, job):
    client.force_login(UserFactory(role=Role.SSC_MEMBER))

    assert client.get(reverse("assessments:pack-status-json", args=[job.pk])).status_code == 404
    assert client.get(reverse("assessments:pack-status", args=[job.pk])).status_code == 404


def test_page_shows_the_steps_and_loads_the_poller_while_rendering(client, job):
    client.force_login(job.requested_by)
    PackJob.objects.filter(pk=job.pk).update(status=PackJob.Status.RUNNING)

    html = client.get(reverse("assessments:pack-status", args=[job.pk])).content.decode()

    assert "js/pack-status.js" in html
    assert reverse("assessments:pack-status-json", args=[job.pk]) in html
    assert "Putting the papers together" in html
    assert 'http-equiv="refresh"' not in html  # a timed refresh fails WCAG 2.2.1 (axe meta-refresh)


def test_finished_page_offers_the_download_and_stops_polling(client, job):
    client.force_login(job.requested_by)
    PackJob.objects.filter(pk=job.pk).update(status=PackJob.Status.DONE, pages=1)

    html = client.get(reverse("assessments:pack-status", args=[job.pk])).content.decode()

    assert "Your meeting pack is ready" in html
    assert "Download the pack (PDF)" in html
    assert "js/pack-status.js" not in html


def test_a_packs_status_moves_only_through_its_transitions(job):
    with pytest.raises(AttributeError, match="Direct status modification is not allowed"):
        job.status = PackJob.Status.DONE

    job.start()
    job.finish(file="packs/pack-1.pdf", pages=3, notes="")

    assert (job.status, job.pages, job.file) == ("DONE", 3, "packs/pack-1.pdf")
    with pytest.raises(TransitionNotAllowed):
        job.fail(error="too late")  # a finished pack is not failed afterwards


def test_a_pack_already_made_by_an_earlier_attempt_is_not_made_again(job):
    from assessments.services.packs import build_pack

    PackJob.objects.filter(pk=job.pk).update(
        status=PackJob.Status.DONE, file="packs/earlier.pdf", pages=12
    )

    assert build_pack.call(job_id=job.pk) == 12
    job.refresh_from_db()
    assert (job.status, job.file, job.pages) == ("DONE", "packs/earlier.pdf", 12)
