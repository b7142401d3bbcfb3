"""Lessons that no role-play or exercise practises yet, in one place for every test that needs to know.

Tests expect these lessons to say plainly that nothing is published, and every other lesson to list at least
one role-play or exercise. Once a scenario or exercise names one of these lessons (`lesson:` in its file),
those tests fail until its slug is removed here: the list can only shrink.
"""

PRACTICE_GAPS: frozenset[str] = frozenset()
