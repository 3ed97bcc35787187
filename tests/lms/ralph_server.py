"""Ralph's LRS API on 127.0.0.1, as ``ralph runserver -b fs`` serves it, with two changes for
tests: no auto-reload process, and the file-system backend appending statements. (Ralph 5.1's
fs LRS backend writes in "create" mode, so every POST after the first fails with "already
exists and overwrite is not allowed"; its data backend supports "append", which we select.)

Usage: python ralph_server.py PORT  (configuration from RALPH_* environment variables)
"""

from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
