"""What each rule checks and what a sergeant can do about a finding, in a sentence or
two: shown as "What's this?" on the findings list and in the in-app guide."""

from __future__ import annotations

from rosterapp.domain.findings import RuleId

RULE_HELP: dict[str, str] = {
    RuleId.REST_11H: "Between the end of one tour and the start of the next there must be 11 "
    "hours. Move the later tour, or give the day before an earlier one.",
    RuleId.REST_DAYS_WEEK: "Each officer has two rest days in every Monday–Sunday week. Leave is "
    "not rest. Turn a duty into a rest day, or record why it cannot be.",
    RuleId.REST_DAY_GAP: "No more than 7 days may pass between rest days. Put a rest day in "
    "the run.",
    RuleId.WTR_WEEKLY_REST: "The Working Time Regulations ask for 24 hours' rest in every 7 days "
    "(or 48 in 14). A late-late followed by an early can eat a rest day's hours.",
    RuleId.WTR_48H: "Averaged over every 17 weeks, an officer works no more than 48 hours a week "
    "unless they have opted out (recorded with its date on the member). Leave is left out "
    "and made up after the period.",
    RuleId.WTR_NIGHT: "A night worker averages no more than 8 hours in each 24 over the team's "
    "night-work reference period. Give them day tours or rest days.",
    RuleId.WTR_BREAK: "A tour over 6 hours needs a break of at least 20 minutes. Set the tour "
    "type's refreshment break (Annex E: 45 minutes in 8 hours).",
    RuleId.ROSTER_3_MONTHS: "A published roster covers at least three months ahead. Publish the "
    "following weeks (Roster → Publish… offers three months).",
    RuleId.LEAVE_CLASH: "A duty on a day of leave, sickness or another absence cannot be worked "
    "and blocks publishing. Clear the duty or end the absence.",
    RuleId.DOUBLE_BOOKED: "Two tours overlap for one officer. Remove one of them.",
    RuleId.COVER_SHORTFALL: "Fewer people are rostered than the team's cover requirement for "
    "that beat and tour. The Cover panel says who could go and what they do instead.",
    RuleId.SKILL_COVER: "A tour lacks the rank or skill its cover requires (a driver, a "
    "sergeant). An expired skill does not count.",
    RuleId.PUBLICATION_NOTICE: "A roster is published a month before it starts. Publishing "
    "later is allowed, but officers have less notice of their duties.",
    RuleId.CHANGE_NOTICE: "A change to a published roster: when the officer was told, the clear "
    "days' notice, and what it costs (rest day worked, public holiday, start brought "
    "forward). HR sees it in the workbook.",
    RuleId.REST_DAY_OWED: "A rest day worked on 15 days' notice or more is replaced by another "
    "rest day within 4 days. Change a duty near it to a rest day.",
    RuleId.BANK_HOLIDAY: "A duty on a bank holiday is paid at the public-holiday rate. Roster only "
    "the people cover needs.",
    RuleId.LEAVE_THRESHOLD: "More of the team is on annual leave that day than the team's limit. "
    "Approving more needs a reason.",
    RuleId.ABSTRACTION_RATE: "Dedicated ward officers are taken off their wards (training, court, "
    "aid) on more than the team's threshold of their working days, over the team's "
    "abstraction period. Send someone else where you can.",
    RuleId.CONTRACT_HOURS: "The officer's rostered hours for the week differ from their contract "
    "by more than the team's tolerance.",
}


def rule_help(rule: str) -> str:
    return RULE_HELP.get(rule, "")
