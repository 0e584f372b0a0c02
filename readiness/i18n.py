"""Translations of the product's own texts (``locales/<lang>.yaml``) and locale formatting.

The bank holds the content; the locale files hold everything else a user reads (labels,
buttons, messages, explanation templates). Keys are dotted paths into the YAML tree.

The languages are the locale files present: ``locales/sv.yaml`` makes Swedish a language of
the product. Each file starts with a ``_locale`` block (:class:`LocaleInfo`: the language's
name, its language tag, month names, the date widgets' format and the decimal mark); numbers,
dates and plural forms follow the tag through Babel (CLDR data).

A text that depends on a count is a mapping of CLDR plural categories (``one``, ``other``, and
``zero``, ``two``, ``few``, ``many`` where the language has them), read with :func:`tn`; those
six names are therefore reserved as the last part of a key.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .yamldata import problems, read_yaml

if TYPE_CHECKING:
    from babel import Locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
#: The language of stored data without one, of unknown language codes, and first in every list.
DEFAULT_LANGUAGE = "da"
#: A browser whose language has no locale file gets this one.
BROWSER_FALLBACK = "en"
LOCALE_BLOCK = "_locale"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_LANGUAGE_FILE = re.compile(r"^([a-z]{2,3})\.yaml$")

#: The formats ``st.date_input`` accepts; each is also a momentjs format meaning the same, for
#: ``st.column_config.DateColumn``.
DateFormat = Literal["YYYY/MM/DD", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "DD-MM-YYYY", "MM-DD-YYYY",
                     "YYYY.MM.DD", "DD.MM.YYYY", "MM.DD.YYYY"]
_Name = Annotated[str, Field(min_length=1)]
_Months = Annotated[tuple[_Name, ...], Field(min_length=12, max_length=12)]


class LocaleError(ValueError):
    """A locale file is missing, unreadable or has a broken ``_locale`` block; the message names file and field."""


class LocaleInfo(BaseModel):
    """A locale file's ``_locale`` block: what the code needs to know about the language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: _Name = Field(description="the language's name in itself, for the language switch: Dansk, English")
    tag: str = Field(pattern=r"^[a-z]{2,3}-[A-Z]{2}$", description="BCP 47 language tag: da-DK, en-GB")
    months: _Months = Field(description="month names as used in a date: januar ... december")
    months_short: _Months = Field(description="abbreviated month names for tables and chart ticks")
    date_format: DateFormat = Field(description="how date widgets show a date")
    decimal_mark: Literal[",", "."] = Field(description="in CSV files meant for a spreadsheet in this language")

    @field_validator("tag")
    @classmethod
    def _known_to_babel(cls, tag: str) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(tag, sep="-")
        except UnknownLocaleError:
            raise ValueError(f"unknown language tag {tag!r} (no CLDR data in Babel)") from None
        return tag


# -- reading the locale files ----------------------------------------------------------------

def _flatten(tree: Any, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(tree, dict):
        for key, value in tree.items():
            out.update(_flatten(value, f"{prefix}{key}."))
    else:
        out[prefix[:-1]] = str(tree)
    return out


@functools.lru_cache(maxsize=4)
def _languages(folder: str) -> tuple[str, ...]:
    found = {m.group(1) for p in Path(folder).glob("*.yaml") if (m := _LANGUAGE_FILE.match(p.name))}
    return tuple(sorted(found, key=lambda code: (code != DEFAULT_LANGUAGE, code)))


def languages() -> tuple[str, ...]:
    """The product's languages: one per ``locales/<code>.yaml``, Danish first, then by code."""
    return _languages(str(LOCALE_DIR))


@functools.lru_cache(maxsize=16)
def _catalogue(folder: str, lang: str) -> tuple[LocaleInfo, dict[str, str]]:
    path = Path(folder) / f"{lang}.yaml"
    display = f"{path.parent.name}/{path.name}"
    tree = read_yaml(path, display, LocaleError)
    block = tree.pop(LOCALE_BLOCK, None)
    if block is None:
        raise LocaleError(f"{display}: {LOCALE_BLOCK}: missing")
    try:
        info = LocaleInfo.model_validate(block)
    except ValidationError as exc:
        raise LocaleError("\n".join(problems(exc, display, LOCALE_BLOCK))) from None
    if info.tag.split("-")[0] != lang:
        raise LocaleError(f"{display}: {LOCALE_BLOCK}.tag: {info.tag!r} must start with the file's language {lang!r}")
    return info, _flatten(tree)


def messages(lang: str) -> dict[str, str]:
    """All texts of one language as a flat ``{dotted.key: text}`` mapping (read once; no ``_locale``)."""
    return _catalogue(str(LOCALE_DIR), lang)[1]


def locale_info(lang: str) -> LocaleInfo:
    """The ``_locale`` block of a language (Danish for an unknown one). Raises :class:`LocaleError` if broken."""
    return _catalogue(str(LOCALE_DIR), normalise_language(lang))[0]


def language_name(lang: str) -> str:
    """The language's name in itself, as the language switches show it: 'Dansk', 'English'."""
    return locale_info(lang).name


def normalise_language(lang: str | None) -> str:
    """A language code of ours from a tag such as ``da-DK`` or ``en_GB`` (Danish for unknown input)."""
    if not lang:
        return DEFAULT_LANGUAGE
    base = str(lang).replace("_", "-").split("-")[0].lower()
    return base if base in languages() else DEFAULT_LANGUAGE


def browser_language(tag: str | None) -> str:
    """The language for a browser's preferred tag: its own if we have a locale file for it, else English."""
    base = str(tag or "").replace("_", "-").split("-")[0].lower()
    return base if base in languages() else BROWSER_FALLBACK


# -- texts -----------------------------------------------------------------------------------

def t(key: str, lang: str, **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``{name}`` placeholders filled in.

    A missing key shows as the key itself (tests check that none is missing).
    """
    text = messages(normalise_language(lang)).get(key)
    if text is None:
        text = messages(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**params) if params else text


def plural_category(n: int, lang: str) -> str:
    """The CLDR plural category of ``n`` in ``lang``: 'one' or 'other' in Danish and English."""
    return _babel_locale(normalise_language(lang)).plural_form(abs(n))


def tn(key: str, n: int, lang: str, **params: Any) -> str:
    """The form of the text ``key`` that fits the count ``n`` (``key.one``, ``key.other``, ...).

    ``{n}`` in the text is the count, formatted for the language; other placeholders come from
    ``params``. A missing form falls back to ``other``; a missing key shows as the key itself.
    """
    lang = normalise_language(lang)
    params.setdefault("n", format_number(n, lang))
    for language in dict.fromkeys((lang, DEFAULT_LANGUAGE)):
        texts = messages(language)
        text = texts.get(f"{key}.{plural_category(n, language)}") or texts.get(f"{key}.other")
        if text is not None:
            return text.format(**params)
    return key


# -- numbers and dates -----------------------------------------------------------------------

@functools.lru_cache(maxsize=16)
def _babel_locale(lang: str) -> Locale:
    from babel import Locale  # imported where used: it costs cold-start time the first page may not need

    return Locale.parse(locale_info(lang).tag, sep="-")


def _plain_spaces(text: str) -> str:
    # CLDR puts no-break spaces in '54 %' and '1 234'; the app, the PDF and the exports have always
    # written ordinary ones, and their output stays the same.
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def month_name(month: int, lang: str, *, short: bool = False) -> str:
    """The name of month 1-12 as the locale file writes it: 'november' / 'nov.', 'November' / 'Nov'."""
    info = locale_info(lang)
    return (info.months_short if short else info.months)[month - 1]


_MONTH_FIELD = re.compile(r"'[^']*'|[ML]{3,4}")


def _format_date(value: dt.date, lang: str, width: Literal["long", "medium"]) -> str:
    from babel.dates import format_date as babel_format_date

    locale = _babel_locale(normalise_language(lang))

    def month(match: re.Match[str]) -> str:  # the locale file's month names in the locale's own pattern
        field = match.group(0)
        if field.startswith("'"):
            return field
        name = month_name(value.month, lang, short=len(field) == 3)
        return "'" + name.replace("'", "''") + "'"

    pattern = _MONTH_FIELD.sub(month, locale.date_formats[width].pattern)
    return _plain_spaces(babel_format_date(value, pattern, locale=locale))


def format_date(value: dt.date, lang: str) -> str:
    """A date as people write it: '28. november 2026' in Danish, '28 November 2026' in English."""
    return _format_date(value, lang, "long")


def format_date_short(value: dt.date, lang: str) -> str:
    """A compact date for tables: '28. nov. 2026' / '28 Nov 2026'."""
    return _format_date(value, lang, "medium")


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """'2,5' in Danish and '2.5' in English; thousands as '1.234' / '1,234'."""
    from babel.numbers import format_decimal

    # Rounded by Python first (exactly as before), so Babel only localises the digits.
    number = decimal.Decimal(f"{value:.{decimals}f}")
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _plain_spaces(format_decimal(number, pattern, locale=_babel_locale(normalise_language(lang))))


def format_percent(value: float, lang: str) -> str:
    """A share of 0-100 as a whole percentage: '54 %' in Danish, '54%' in English."""
    from babel.numbers import format_percent as babel_format_percent

    number = decimal.Decimal(f"{value:.0f}") / 100
    return _plain_spaces(babel_format_percent(number, locale=_babel_locale(normalise_language(lang))))
