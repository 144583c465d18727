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
EVENT_TYPES = (ATTACK, INCIDENT, MOURNING, DECREE, SUMMIT, VISIT, STATEMENT)
