"""The warning of a meeting that starts while another of the same owner still runs (two hours each)."""

from __future__ import annotations

from saara_kit.concertation.rules import overlapping_meetings
from saara_kit.records import Record


def _meeting(title: str, owner: str, date: str, time: str = "") -> Record:
    return Record({"title": title, "owner": owner, "date": date, "time": time})


def _warned(*meetings: Record) -> list[tuple[str, str]]:
    """(the meeting warned of, the one still running) for each warning."""
    return [(w.params["title"], w.params["other"]) for w in overlapping_meetings(list(meetings))]


def test_a_meeting_that_starts_as_the_other_ends_is_not_warned_of_a_minute_before_it_is():
    first = _meeting("Lancement", "Amina", "2027-03-10", "09:00")
    assert _warned(first, _meeting("Bilan", "amina", "2027-03-10", "11:00")) == []
    assert _warned(first, _meeting("Bilan", "amina", "2027-03-10", "10:59")) == [("Bilan", "Lancement")]


def test_only_the_same_owner_is_busy_and_a_meeting_that_ended_hides_nothing():
    meetings = [
        _meeting("A", "Amina", "2027-03-10", "08:00"),  # until 10:00
        _meeting("B", "Karim", "2027-03-10", "09:00"),  # until 11:00
        _meeting("C", "Amina", "2027-03-10", "10:30"),  # A has ended
        _meeting("D", "Karim", "2027-03-10", "10:45"),  # B still runs
        _meeting("E", "Karim", "2027-03-11", "10:45"),  # the next day
    ]
    assert _warned(*meetings) == [("D", "B")]
    assert _warned(*reversed(meetings)) == [("D", "B")]


def test_a_meeting_without_a_time_starts_at_nine_and_is_taken_in_that_order():
    early = _meeting("Petit-déjeuner", "Amina", "2027-03-10", "08:00")  # until 10:00
    untimed = _meeting("Atelier", "Amina", "2027-03-10")  # 09:00: it is the one that starts while the other runs
    assert _warned(untimed, early) == [("Atelier", "Petit-déjeuner")]
    assert _warned(_meeting("Sans hôte", "", "2027-03-10"), untimed) == []
