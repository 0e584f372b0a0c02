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

from pathlib import Path

from pydantic import Field

from . import settings
from .i18n import t
from .yamldata import Strict, read_yaml, validate

ENV_VAR = "READINESS_BRAND"
MAX_LOGO_BYTES = 2_000_000
HEX = r"^#[0-9A-Fa-f]{6}$"


class BrandError(ValueError):
    """The branding file is missing or invalid; the message names the file and field."""


class Colours(Strict):
    primary: str = Field(default="#0F766E", pattern=HEX)
    accent: str = Field(default="#B45309", pattern=HEX)


class Brand(Strict):
    """Name, logo, colours, contact line and website of whoever hands the plan over."""

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


def brand_for(brand: Brand, lang: str) -> Brand:
    """The brand as a document in ``lang`` shows it: the neutral default carries a name in that language."""
    if not brand.is_default:
        return brand
    return brand.model_copy(update={"name": t("programme.neutral_brand", lang)})


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def read_brand(path: str | Path) -> Brand:
    """Read and validate a branding file; the logo path is resolved against the file's folder.

    :class:`BrandError` names the file and, one line per problem, every field that is wrong.
    """
    path = Path(path)
    display = str(path)
    data = read_yaml(path, display, BrandError)
    brand = validate(Brand, data, display, BrandError)
    if brand.logo is not None:
        logo = brand.logo if brand.logo.is_absolute() else (path.parent / brand.logo)
        try:
            head = logo.read_bytes()
        except OSError:
            raise BrandError(f"{display}: logo: cannot read {logo}") from None
        if len(head) > MAX_LOGO_BYTES:
            raise BrandError(f"{display}: logo: {logo.name} is over 2 MB")
        if _image_kind(head) is None:
            raise BrandError(f"{display}: logo: {logo.name} is not a PNG or JPEG image")
        brand = brand.model_copy(update={"logo": logo.resolve()})
    return brand


def load_brand(path: str | Path | None = None) -> Brand:
    """The brand in ``path``, else the one the ``READINESS_BRAND`` setting names, else the neutral default."""
    path = path or settings.get().brand_file
    return read_brand(path) if path else DEFAULT_BRAND
