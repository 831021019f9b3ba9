"""What one app server does, the other knows: the two-server cluster (scripts/cluster).

Each test makes a change through server 1 and reads it through server 2 (or splits one
person's steps between them), with the same browser cookies, as a load balancer would.
"""

import datetime
import io
import time

import pytest
from pypdf import PdfReader, PdfWriter

from bench.portal_client import plain_session, summary, totp

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def people(cluster):
    return cluster.seed(members=3, proposers=2, drafts=2, queue=0, papers=1, ballots=0)


def pair(cluster):
    """The same browser on server 1 and on server 2."""
    session = plain_session()
    return cluster.portal(1, session), cluster.portal(2, session)


def kept(browser, path: str):
    """Ask until a worker of the server answers from its page cache (each worker keeps its own)."""
    for _ in range(30):
        page = browser.get(path)
        if page.headers.get("X-Page-Cache") == "hit":
            return page
    raise AssertionError(f"{browser.base}{path} was never served from the page cache")


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_session_made_on_one_server_is_signed_in_on_the_other(cluster, people):
    one, two = pair(cluster)
    proposer = people["proposers"][0]
    one.sign_in(proposer["email"], proposer["password"])

    page = two.get("/proposals/")

    assert "Your proposals" in page.text
    assert proposer["email"] in two.get("/accounts/profile/").text


def test_the_second_factor_asked_by_one_server_is_answered_on_the_other(cluster, people):
    one, two = pair(cluster)
    member = people["members"][1]
    page = one.submit(
        "/accounts/sign-in/", {"username": member["email"], "password": member["password"]}
    )
    assert "/accounts/two-factor/" in page.url

    path = page.url.removeprefix(one.base)
    done = two.submit(path, {"code": totp(member["totp_key"], step_offset=1)})

    assert "/two-factor/" not in done.url and "/sign-in/" not in done.url
    assert one.get(f"/committees/meetings/{people['meetings'][0]}/").status_code == 200


def test_a_lock_out_earned_on_both_servers_holds_on_each(cluster, people):
    one, two = pair(cluster)
    proposer = people["proposers"][1]
    for n in range(5):  # AXES_FAILURE_LIMIT: five failures, spread over the two servers
        server = one if n % 2 == 0 else two
        server.submit(
            "/accounts/sign-in/",
            {"username": proposer["email"], "password": "wrong password"},
            expect=(200, 429),
        )

    refused = two.submit(
        "/accounts/sign-in/",
        {"username": proposer["email"], "password": proposer["password"]},
        expect=429,
    )

    assert "You cannot sign in for now" in refused.text
    again = one.submit(
        "/accounts/sign-in/",
        {"username": proposer["email"], "password": proposer["password"]},
        expect=429,
    )
    assert "You cannot sign in for now" in again.text


def test_a_rate_limit_counts_requests_to_both_servers(cluster, people):
    one, two = pair(cluster)
    # Behind the load balancer every client has its address (see docs/deploy.md), so the
    # count per address is cleared first: this test is about the count per e-mail address.
    cluster.sql("DELETE FROM accounts_ratelimithit WHERE scope = 'password_reset'")
    address = f"reset-{people['label']}@cluster.invalid"
    for n in range(5):  # RATE_LIMIT_PASSWORD_RESET: 5 an hour for one e-mail address
        (one if n % 2 == 0 else two).submit("/accounts/password-reset/", {"email": address})

    refused = two.submit("/accounts/password-reset/", {"email": address}, expect=429)

    assert "govuk-error-summary" in refused.text
    again = one.submit("/accounts/password-reset/", {"email": address}, expect=429)
    assert again.status_code == 429


def test_a_proposal_changed_on_one_server_is_never_shown_stale_by_the_other(cluster, people):
    one, two = pair(cluster)
    proposer = people["proposers"][0]
    one.sign_in(proposer["email"], proposer["password"])
    pk = proposer["drafts"][0]
    kept(two, f"/proposals/{pk}/")  # server 2 now keeps the page

    one.submit(f"/proposals/{pk}/edit/titles/", {"use_case_title": "Renamed on server one"})
    page = two.get(f"/proposals/{pk}/")

    assert "Renamed on server one" in page.text
    assert page.headers.get("X-Page-Cache") != "hit"


def test_a_paper_edited_on_one_server_gives_a_fresh_pdf_on_the_other(cluster, people):
    one, two = pair(cluster)
    office = people["office"][0]
    one.sign_in(office["email"], office["password"], office["totp_key"])
    pk = people["papers"][0]
    before = pdf_text(two.get(f"/committees/papers/{pk}/pdf/").content)
    assert "Purpose rewritten on server one" not in before

    one.submit(f"/committees/papers/{pk}/edit/", {"purpose": "Purpose rewritten on server one."})
    after = pdf_text(two.get(f"/committees/papers/{pk}/pdf/").content)

    assert "Purpose rewritten on server one" in after


def test_a_member_whose_membership_lapses_on_one_server_loses_access_on_the_other(cluster, people):
    member_browser = cluster.portal(2)
    member = people["members"][2]
    member_browser.sign_in(member["email"], member["password"], member["totp_key"], step_offset=1)
    proposal = f"/proposals/{people['paper_proposals'][0]}/"  # Amber: members with a seat see it
    kept(member_browser, proposal)

    admin = cluster.portal(1)
    boss = people["admin"]
    admin.sign_in(boss["email"], boss["password"], boss["totp_key"])
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    admin.submit(
        f"/admin/assessments/membership/{member['membership']}/change/",
        {"term_end": yesterday.strftime("%d/%m/%Y"), "_save": "Save"},
        match="membership_form",
    )
    assert cluster.sql(
        "SELECT term_end FROM assessments_membership WHERE id = %s", member["membership"]
    ) == [(yesterday,)]

    after = member_browser.get(proposal, expect=None)

    assert after.status_code in (403, 404)
    assert after.headers.get("X-Page-Cache") != "hit"


def test_a_pack_asked_of_one_server_is_built_by_the_worker_and_served_by_the_other(cluster, people):
    one, two = pair(cluster)
    office = people["office"][1]
    one.sign_in(office["email"], office["password"], office["totp_key"])
    one.submit(f"/committees/papers/{people['papers'][0]}/", match="/issue/")
    asked = one.submit(f"/committees/meetings/{people['meetings'][0]}/", match="/pack/")
    status = asked.url.removeprefix(one.base)
    assert status.startswith("/committees/packs/")

    for _ in range(120):
        state = two.get(status + "status.json").json()
        if state["status"] in ("DONE", "FAILED"):
            break
        time.sleep(1)
    assert state["status"] == "DONE", state

    pack = two.get(status + "download/")
    assert pack.content.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pack.content)).pages) >= 1


def test_a_file_uploaded_through_one_server_downloads_through_the_other(cluster, people):
    one, two = pair(cluster)
    proposer = people["proposers"][0]
    one.sign_in(proposer["email"], proposer["password"])
    pk = proposer["drafts"][1]
    writer = PdfWriter()
    writer.add_blank_page(300, 300)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()

    one.submit(
        f"/proposals/{pk}/edit/attachments/",
        {"action": "upload"},
        files={"file": ("shared-evidence.pdf", data, "application/pdf")},
    )
    (attachment,) = cluster.sql("SELECT id FROM usecases_attachment WHERE submission_id = %s", pk)
    path = f"/proposals/{pk}/attachments/{attachment[0]}/"
    download = two.get(path)

    # The portal keeps a rewritten copy of an uploaded PDF (active content taken out).
    assert download.content.startswith(b"%PDF"), summary(download.text)
    assert len(PdfReader(io.BytesIO(download.content)).pages) == 1
    assert PdfReader(io.BytesIO(download.content)).pages[0].mediabox.width == 300
    assert download.content == one.get(path).content
