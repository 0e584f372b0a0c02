"""The brand a consultant puts on the app and the PDF, read from the file ``READINESS_BRAND`` names.

The branding file is YAML (or JSON, which is YAML too)::

    name: Fjordhavn Rådgivning          # shown on the cover, in the footer and the app's sidebar
    logo: logo.png                      # PNG or JPEG, relative to the branding file; optional
    colours:
      primary: "#0F766E"                # headings, bars, buttons
      accent: "#B45309"                 # highlights
    contact: "Hanne Ølgaard · hanne@fjordhavn.dk · +45 12 34 56 78"
    website: "https://fjordhavn.dk"

Every field is optional; unset fields keep the neutral default brand.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

ENV_VAR = "READINESS_BRAND"
MAX_LOGO_BYTES = 2_000_000
HEX = r"^#[0-9A-Fa-f]{6}$"


class BrandError(ValueError):
    """The branding file is missing or invalid; the message names the file and field."""


class Colours(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    primary: str = Field(default="#0F766E", pattern=HEX)
    accent: str = Field(default="#B45309", pattern=HEX)


class Brand(BaseModel):
    """Name, logo, colours, contact line and website of whoever hands the plan over."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(default="Employee Advocacy Readiness", max_length=80)
    logo: Path | None = None
    colours: Colours = Colours()
    contact: str = Field(default="", max_length=200)
    website: str = Field(default="", max_length=200)

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_BRAND

    def logo_bytes(self) -> bytes | None:
        return self.logo.read_bytes() if self.logo else None


DEFAULT_BRAND = Brand()


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def read_brand(path: str | Path) -> Brand:
    """Read and validate a branding file; the logo path is resolved against the file's folder."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise BrandError(f"{path}: branding file not found ({ENV_VAR})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BrandError(f"{path}: cannot read the branding file ({exc})") from None
    except yaml.YAMLError as exc:
        raise BrandError(f"{path}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise BrandError(f"{path}: expected fields such as name, logo, colours, contact, website")
    try:
        brand = Brand.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        msg = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
        raise BrandError(f"{path}: {where}: {msg}") from None
    if brand.logo is not None:
        logo = brand.logo if brand.logo.is_absolute() else (path.parent / brand.logo)
        try:
            head = logo.read_bytes()
        except OSError:
            raise BrandError(f"{path}: logo: cannot read {logo}") from None
        if len(head) > MAX_LOGO_BYTES:
            raise BrandError(f"{path}: logo: {logo.name} is over 2 MB")
        if _image_kind(head) is None:
            raise BrandError(f"{path}: logo: {logo.name} is not a PNG or JPEG image")
        brand = brand.model_copy(update={"logo": logo.resolve()})
    return brand


def load_brand(env: dict[str, str] | None = None) -> Brand:
    """The brand named by ``READINESS_BRAND``, or the neutral default brand when it is unset."""
    value = (env if env is not None else os.environ).get(ENV_VAR, "").strip()
    return read_brand(value) if value else DEFAULT_BRAND
