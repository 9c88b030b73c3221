"""Loaded by every Python process of ``.ci/test-dates`` (PYTHONPATH): a time.sleep that works.

Under Debian's libfaketime 0.9.10 with FAKETIME_DONT_FAKE_MONOTONIC=1, ``time.sleep`` fails with
EINVAL (Python sleeps with clock_nanosleep on an absolute CLOCK_MONOTONIC deadline, which the
library's wrapper mangles). select() is not affected, so sleep with it; nothing else changes.
"""

import os
import select
import time

if "faketime" in os.environ.get("LD_PRELOAD", ""):

    def _sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            select.select([], [], [], left)

    time.sleep = _sleep
