"""The three pillars of service, in the order the course teaches them."""

from __future__ import annotations

PILLAR_IDS: tuple[str, ...] = ("care", "spontaneity", "recovery")
