"""Follow-up 1:1s over one to three months after the interview, as an iCalendar file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from coachlab.i18n import t

DEFAULT_TZ = "Asia/Shanghai"
MEETING_MINUTES = 30


@dataclass(frozen=True)
class FollowUp:
    """One scheduled 1:1: when, how long, what it is about."""

    start: datetime
    minutes: int
    summary: str
    description: str


def plan_followups(first_day: date, months: int, every_weeks: int, at: time, candidate: str,
                   topics: list[str], lang: str, tz: str = DEFAULT_TZ) -> list[FollowUp]:
    """Schedule 1:1s every ``every_weeks`` weeks for ``months`` months; the last one re-evaluates.

    Weekend dates move to the next Monday; topics cycle through the development areas agreed.
    """
    if not 1 <= months <= 3:
        raise ValueError("follow-ups run over 1 to 3 months")
    if not 1 <= every_weeks <= 4:
        raise ValueError("meet every 1 to 4 weeks")
    zone = ZoneInfo(tz)
    end = first_day + timedelta(days=round(months * 30.4))
    days, day = [], first_day
    while day <= end:
        days.append(day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0))
        day += timedelta(weeks=every_weeks)
    topics = [x for x in topics if x.strip()] or [t("promotion.followup.general", lang)]
    meetings = []
    for i, day in enumerate(days):
        last = i == len(days) - 1 and len(days) > 1
        topic = t("promotion.followup.review", lang) if last else topics[i % len(topics)]
        summary = t("promotion.followup.summary", lang, candidate=candidate, number=i + 1, total=len(days))
        meetings.append(FollowUp(datetime.combine(day, at, tzinfo=zone), MEETING_MINUTES, summary,
                                 t("promotion.followup.description", lang, topic=topic)))
    return meetings


def to_ics(meetings: list[FollowUp], calendar_name: str) -> bytes:
    """Write the 1:1s as an iCalendar (RFC 5545) file that calendar programs import."""
    cal = Calendar()
    cal.add("prodid", "-//coachlab//promotion follow-ups//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar_name)
    stamp = datetime(2000, 1, 1) if not meetings else meetings[0].start
    for meeting in meetings:
        event = Event()
        key = f"{meeting.start.isoformat()}|{meeting.summary}".encode()
        event.add("uid", hashlib.sha1(key).hexdigest() + "@coachlab")
        event.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.start + timedelta(minutes=meeting.minutes))
        event.add("summary", meeting.summary)
        event.add("description", meeting.description)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
