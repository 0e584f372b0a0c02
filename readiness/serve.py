"""Start the app: ``streamlit run asgi.py`` (app.py, a readiness route, a graceful stop), uvicorn told which proxies to trust.

Streamlit 1.67 serves through uvicorn, which rewrites the client's address from
``X-Forwarded-For`` for the peers in ``FORWARDED_ALLOW_IPS`` (default: loopback). The attempt and
creation limits count by that address, so this launcher sets it from ``READINESS_TRUSTED_PROXIES``
(default: nobody) before the server starts. Usage: ``python -m readiness.serve [streamlit options]``.
"""

from __future__ import annotations

import os
import sys

from . import settings


def command(argv: list[str]) -> list[str]:
    """The server's command line: this interpreter running ``streamlit run app.py`` and ``argv``."""
    return [sys.executable, "-m", "streamlit", "run", str(settings.ROOT / "asgi.py"), *argv]


def main(argv: list[str] | None = None) -> None:
    args = command(sys.argv[1:] if argv is None else argv)
    os.execve(sys.executable, args, settings.server_environment())


if __name__ == "__main__":
    main()
