"""``python -m bot.healthcheck``: exit 0 when /healthz answers 200 (the Docker HEALTHCHECK).

The slim image has no curl; this needs only the standard library and HEALTH_PORT.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def check(port: str, timeout: float = 4.0) -> int:
    try:
        with urllib.request.urlopen(  # a fixed http URL on the loopback
            f"http://127.0.0.1:{port}/healthz", timeout=timeout
        ) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError):
        return 1


def main() -> int:
    port = os.environ.get("HEALTH_PORT", "")
    if port in ("", "0"):
        print("permitbot: HEALTH_PORT is not set: no /healthz to check", file=sys.stderr)
        return 1
    return check(port)


if __name__ == "__main__":
    sys.exit(main())
