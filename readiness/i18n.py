"""Translations of the product's own texts (``locales/<lang>.yaml``) and locale formatting.

The bank holds the content; the locale files hold everything else a user reads (labels,
buttons, messages, explanation templates). Keys are dotted paths into the YAML tree.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"

_MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_MONTHS_SHORT = {
    "da": ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _flatten(tree: Any, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(tree, dict):
        for key, value in tree.items():
            out.update(_flatten(value, f"{prefix}{key}."))
    else:
        out[prefix[:-1]] = str(tree)
    return out


@functools.lru_cache(maxsize=4)
def messages(lang: str) -> dict[str, str]:
    """All texts of one language as a flat ``{dotted.key: text}`` mapping (read once)."""
    path = LOCALE_DIR / f"{lang}.yaml"
    with path.open(encoding="utf-8") as fh:
        return _flatten(yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {})


def normalise_language(lang: str | None) -> str:
    """``da`` or ``en`` from a language tag such as ``da-DK`` or ``en_GB`` (Danish for unknown input)."""
    if not lang:
        return DEFAULT_LANGUAGE
    base = str(lang).replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``{name}`` placeholders filled in.

    A missing key shows as the key itself (tests check that none is missing).
    """
    text = messages(normalise_language(lang)).get(key)
    if text is None:
        text = messages(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**params) if params else text


def format_date(value: dt.date, lang: str) -> str:
    """A date as people write it: '28. november 2026' in Danish, '28 November 2026' in English."""
    month = _MONTHS[normalise_language(lang)][value.month - 1]
    if normalise_language(lang) == "da":
        return f"{value.day}. {month} {value.year}"
    return f"{value.day} {month} {value.year}"


def format_date_short(value: dt.date, lang: str) -> str:
    """A compact date for tables: '28. nov. 2026' / '28 Nov 2026'."""
    month = _MONTHS_SHORT[normalise_language(lang)][value.month - 1]
    if normalise_language(lang) == "da":
        return f"{value.day}. {month} {value.year}"
    return f"{value.day} {month} {value.year}"


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """'2,5' in Danish and '2.5' in English; thousands as '1.234' / '1,234'."""
    text = f"{value:,.{decimals}f}"
    if normalise_language(lang) == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_percent(value: float, lang: str) -> str:
    """'54 %' in Danish, '54%' in English."""
    number = format_number(value, lang)
    return f"{number} %" if normalise_language(lang) == "da" else f"{number}%"
