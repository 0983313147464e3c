"""The rules a careful reader applies to what an item's own words say of its line (issue 14):
one of our own jobs standing as the customer (BL106), a customer named only in words years old
(BL107), a want with nothing to measure (BL204), evidence dated by its own words (BL302), and a
meeting of ours read as the customer's problem (BL501). Each fires where a colleague would frown,
and stays quiet on the look-alikes that are fine."""

from __future__ import annotations

import datetime as dt

import pytest

from breadline.rules.dates import written_date
from breadline.words import builtin
from tests.conftest import REGISTRY, run_audit


def row_of(text: str, item_id: str = "A"):
    row = run_audit(text).find(item_id)
    assert row is not None
    return row


def codes_of(text: str, item_id: str = "A") -> set[str]:
    return {f.code for f in row_of(text, item_id).findings}


def told(title: str, description: str | None = None, registry: bool = True) -> str:
    """An item as a tracker export holds it: a title and maybe a description, no fields."""
    body = f"  - id: A\n    title: {title}\n"
    if description:
        body += f"    description: {description}\n"
    return (REGISTRY if registry else "") + "items:\n" + body


# -- BL106: one of our own jobs as the customer --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        told("Impersonate tenant button", "As a Rota support agent I want to impersonate a tenant so that I can debug faster."),
        told("Bulk refunds", "As a Zentro customer success manager I want to refund several invoices at once."),
        told("Tenant search", "As an internal tier-2 support engineer I need to find a tenant by phone number."),
        "- id: A\n  title: T\n  customer: Rota support team\n",
    ],
)
def test_our_own_job_qualified_by_a_name_that_is_no_customer_is_vague(text):
    row = row_of(text)
    finding = next(f for f in row.findings if f.code == "BL106")
    assert "our own people" in finding.message
    assert not row.traced and row.verdict.value == "superfluous"


@pytest.mark.parametrize(
    "text",
    [
        told("Shared inbox", "As Acme's support agent I want to see every open job of a caller so that I can answer at once."),
        told("Shared inbox", "As an Acme support agent I want to see every open job of a caller."),
        told("Night dispatch", "As a Rota dispatcher at night I want to see which vans are free."),
        "- id: A\n  title: T\n  customer: acme\n",
    ],
)
def test_a_customers_own_people_and_other_jobs_are_not_ours(text):
    assert not any(f.code == "BL106" and "our own people" in f.message for f in row_of(text).findings)


# -- BL107: a customer named only long ago ------------------------------------------------


@pytest.mark.parametrize(
    "description",
    ["Acme asked for this on a call in 2019.",
     "Acme asked for this back in March 2020. Nobody has mentioned it since.",
     "Acme raised it during 2021 (ZD-1200)."],
)
def test_customer_named_only_in_old_words_fires_and_leaves_the_item_untraced(description):
    row = row_of(told("Print queue in the desktop client", description))
    assert "BL107" in {f.code for f in row.findings}
    assert not row.traced


@pytest.mark.parametrize(
    "description",
    ["Acme asked for this on a call in 2019. Dana at Acme raised it again this month.",
     "Acme asked for this on a call in 2026.",
     "Acme has used the desktop client since 2019 and asked for a print queue.",
     "Acme runs Windows Server 2019 on the depot PCs and needs a print queue.",
     "Acme asked for a print queue on the last call."],
)
def test_customer_named_recently_or_in_undated_words_does_not(description):
    assert "BL107" not in codes_of(told("Print queue in the desktop client", description))


def test_a_customer_in_a_field_is_not_judged_by_the_text():
    text = REGISTRY + "items:\n  - id: A\n    title: T\n    customer: acme\n    description: Acme asked in 2019.\n"
    assert "BL107" not in codes_of(text)


# -- BL204: a want with nothing to measure ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [told("As an admin I need better reports"),
     told("Dashboard", "As a dispatcher I want a nicer dashboard."),
     "- id: A\n  title: Reports\n  customer: acme\n  problem: better reports\n",
     "- id: A\n  title: Search\n  customer: acme\n  problem: improved search\n"],
)
def test_a_want_with_nothing_to_measure_fires(text):
    row = row_of(text)
    assert "BL204" in {f.code for f in row.findings}
    assert next(link for link in row.links if link.name == "problem").points <= 5


@pytest.mark.parametrize(
    "text",
    [told("Reports", "As an admin I need the month's job totals with credit notes, because I rebuild them in Excel."),
     "- id: A\n  title: Reports\n  customer: acme\n  problem: Acme's finance lead needs better reports because she "
     "rebuilds the month's totals in Excel\n",
     "- id: A\n  title: Search\n  customer: acme\n  problem: dispatchers cannot find a job by the caller's phone number\n",
     told("Goods lift inspections", "As an inspector I need an easier way to sign off goods lifts on site, today I carry paper forms.")],
)
def test_a_job_or_an_obstacle_beside_the_want_does_not(text):
    assert "BL204" not in codes_of(text)


# -- BL302: evidence dated by its own words -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("asked on a call in 2019", dt.date(2019, 12, 31)),
     ("back in March 2021, and on 2022-04-02", dt.date(2022, 4, 2)),
     ("raised during 2020.", dt.date(2020, 12, 31)),
     ("from mid-2018", dt.date(2018, 12, 31)),
     ("Zendesk #8812 from Riverside, 2026-11-02", dt.date(2026, 11, 2))],
)
def test_dates_written_in_the_words_are_read(text, expected):
    assert written_date(text, builtin) == expected


@pytest.mark.parametrize("text", ["on Windows Server 2019", "since 2019", "Office 2019 export", "in 2019.1",
                                  "ticket 2019 of Acme", "", None])
def test_years_that_are_versions_numbers_or_ongoing_are_not_dates(text):
    assert written_date(text, builtin) is None


def test_evidence_read_from_the_text_is_stale_by_its_written_year():
    row = row_of(told("Print queue", "Acme asked for this on a call in 2019 (ZD-4411)."))
    assert "BL302" in {f.code for f in row.findings}


def test_evidence_read_from_the_text_with_a_recent_year_is_not_stale():
    assert "BL302" not in codes_of(told("Print queue", "Acme asked for this on a call in 2026 (ZD-4411)."))


def test_evidence_field_dated_by_a_year_in_its_words_is_stale_not_undated():
    found = codes_of("- id: A\n  title: T\n  customer: acme\n  evidence: interview with Acme's dispatchers in 2019\n")
    assert "BL302" in found and "BL303" not in found


# -- BL501: a meeting of ours read as the customer's problem ------------------------------


def test_a_renewal_motive_read_as_the_problem_fires():
    row = row_of(told("Quick win for Acme before renewal",
                      "Renewal is in 6 weeks. Let's ship something visible for them so the call goes well."))
    assert "BL501" in {f.code for f in row.findings}
    assert row.verdict.value == "superfluous"


@pytest.mark.parametrize(
    "text",
    [told("Bulk reassign before the renewal call with Acme",
          "Acme's dispatchers reassign 6-10 jobs one by one every sick day (ZD-6240)."),
     "- id: A\n  title: Ship before the renewal\n  customer: acme\n"
     "  problem: Acme's dispatchers reassign jobs one by one every sick day\n",
     told("Acme's renewal reminders go to the wrong address", "Acme's admins never get the renewal call invite.")],
)
def test_a_renewal_beside_a_problem_of_theirs_does_not(text):
    assert "BL501" not in codes_of(text)
