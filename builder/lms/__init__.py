"""LMS packages: the built course wrapped as a SCORM 1.2, SCORM 2004 or cmi5 package.

One SCO (or AU): a launch shell finds the LMS, keeps one session across every page and
language, and reports what the course's progress store holds (see CONTRACTS section 3).
"""

from __future__ import annotations

FORMATS = ("scorm12", "scorm2004", "cmi5")
