"""carecourse: turn YAML customer-service scenarios into a training course."""

from __future__ import annotations

__version__ = "0.1.0"
