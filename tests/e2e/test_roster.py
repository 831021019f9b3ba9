"""The secretariat keeps the roster in the browser: a lapsed member loses the papers at once."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.enums import SeatCategory
from assessments.models import Membership
from assessments.services.meetings import create_meeting
from tests.factories.committee import committee, seat_member
from tests.factories.people import PASSWORD, UserFactory
from triage_portal.accounts.enums import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_secretariat_records_lapsed_vetting_then_appoints_a_holder(portal, page):
    office = UserFactory(full_name="Sam Secretary", email="sam@example.com", role=Role.SECRETARIAT)
    ssc = committee("SSC")
    today = timezone.localdate()
    holder = seat_member(
        ssc,
        SeatCategory.LARGE_SUPPLIER,
        user=UserFactory(full_name="Lee Holder", email="lee@example.com", role=Role.SSC_MEMBER),
        vetting_expires_on=today + datetime.timedelta(days=10),
    )
    nat = UserFactory(full_name="Nat Newcomer", email="nat@example.com", role=Role.SSC_MEMBER)
    seat_member(ssc, SeatCategory.CHAIR)
    ssc.seats.create(category=SeatCategory.SMALL_SUPPLIER, number=1)
    meeting = create_meeting(
        user=office, committee=ssc, number=95, date=today + datetime.timedelta(days=20)
    )

    portal.sign_in("lee@example.com", PASSWORD)
    portal.go(f"/committees/meetings/{meeting.pk}/")
    expect(page.locator("h1")).to_have_text("SSC meeting 95")
    portal.sign_out()

    portal.sign_in(office.email, PASSWORD)
    page.click("header a:has-text('Roster')")
    expect(page.locator("h1")).to_have_text("Committee roster")
    row = page.locator("tr", has_text="Lee Holder")
    expect(row.locator(".govuk-tag")).to_have_text(
        f"Vetting expires {holder.vetting_expires_on:%-d %b %Y}"
    )
    portal.shot("roster")
    row.locator("a:has-text('Vetting')").click()
    page.check("label:has-text('Lapsed')")
    page.fill("#id_vetting_expires_on", "")
    page.click("main button:has-text('Record the vetting')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The vetting of Lee Holder is recorded."
    )
    expect(page.locator("tr", has_text="Lee Holder").locator(".govuk-tag")).to_have_text(
        "Vetting lapsed"
    )
    page.locator("tr", has_text="Small Supplier 1").locator("a:has-text('Appoint')").click()
    page.select_option("#id_person", value=str(nat.pk))
    page.fill("#id_term_end", "1 1 2020")
    page.click("main button:has-text('Appoint')")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The term must end on or after the day it starts"
    )
    portal.shot("appoint-error")
    page.fill("#id_term_end", f"{today.day} {today.month} {today.year + 2}")
    page.check("label:has-text('Vetted')")
    page.fill("#id_vetting_expires_on", f"{today.day} {today.month} {today.year + 3}")
    page.click("main button:has-text('Appoint')")
    expect(page.locator("tr", has_text="Nat Newcomer").locator(".govuk-tag")).to_have_text(
        "Current"
    )
    portal.shot("roster-after")
    portal.sign_out()

    portal.sign_in("lee@example.com", PASSWORD)
    response = page.goto(portal.url + f"/committees/meetings/{meeting.pk}/")
    assert response.status == 404
    assert Membership.objects.get(person__email="nat@example.com").seat.category == "SMALL_SUPPLIER"
