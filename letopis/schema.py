"""The names the card uses for entity, fact and event types, in one place.

Stages, the store and the interfaces compare against these constants
rather than spelling the strings themselves; SPEC.md documents them.
"""
from __future__ import annotations

# Entity types (natasha/slovnet's PER, ORG, LOC).
PER, ORG, LOC = "PER", "ORG", "LOC"
ENTITY_TYPES = (PER, ORG, LOC)

# Fact types.
OCCUPATION, MEETING = "occupation", "meeting"
FACT_TYPES = (OCCUPATION, MEETING)

# Event types.
ATTACK, INCIDENT, MOURNING, DECREE = "attack", "incident", "mourning", "decree"
SUMMIT, VISIT, STATEMENT = "summit", "visit", "statement"
LAW, TALKS, ARREST, CRIMINAL_CASE, VERDICT = "law", "talks", "arrest", "criminal_case", "verdict"
SANCTIONS, MILITARY, ELECTION, APPOINTMENT = "sanctions", "military", "election", "appointment"
RESIGNATION, AGREEMENT, PROTEST, DEATH, CYBER = "resignation", "agreement", "protest", "death", "cyber"
ACTION_TYPES = (LAW, TALKS, ARREST, CRIMINAL_CASE, VERDICT, SANCTIONS, MILITARY, ELECTION, APPOINTMENT,
                RESIGNATION, AGREEMENT, PROTEST, DEATH, CYBER)  # one record class: records.Action
EVENT_TYPES = (ATTACK, INCIDENT, MOURNING, DECREE, SUMMIT, VISIT, STATEMENT) + ACTION_TYPES

# Event modality (records.Action.modality).
HAPPENED, PLANNED, NEGATED, CLAIMED = "happened", "planned", "negated", "claimed"
