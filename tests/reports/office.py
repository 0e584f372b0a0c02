"""Shared helpers of the Word and PowerPoint tests: LibreOffice conversion with a profile of its own."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import skip_or_fail


def convert_to_pdf(files: list[Path], out: Path) -> dict[Path, Path]:
    """Every file converted to PDF by one headless LibreOffice run (its own profile, so workers never clash)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        skip_or_fail("soffice is missing (Debian's libreoffice-writer-nogui/-impress-nogui; `make system-deps`)")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, files)], check=True, timeout=240, capture_output=True)
    return {f: out / (f.stem + ".pdf") for f in files}
