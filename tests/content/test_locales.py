"""The locale files: a valid ``_locale`` block each, the same keys, placeholders and plural forms in
every language, formatting through Babel, and a third language that needs no code."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel import Locale

from readiness import i18n
from readiness.bank import BankError, LocalText, read_bank
from readiness.i18n import (
    PLURAL_CATEGORIES,
    LocaleError,
    browser_language,
    format_date,
    format_date_short,
    format_number,
    format_percent,
    language_name,
    languages,
    locale_info,
    messages,
    normalise_language,
    plural_category,
    t,
    tn,
)
from tests import third_language

DAY = dt.date(2026, 11, 28)
PLACEHOLDER = re.compile(r"{(\w+)}")


def _grouped(lang: str) -> dict[str, dict[str | None, str]]:
    """The texts of a language by key; a plural text's forms under its key, a plain text under None."""
    out: dict[str, dict[str | None, str]] = {}
    for key, text in messages(lang).items():
        base, _, last = key.rpartition(".")
        if last in PLURAL_CATEGORIES:
            out.setdefault(base, {})[last] = text
        else:
            out.setdefault(key, {})[None] = text
    return out


def _categories(lang: str) -> set[str]:
    return set(Locale.parse(locale_info(lang).tag, sep="-").plural_form.tags) | {"other"}


@pytest.fixture(params=["product", "with a third language"])
def locale_dir(request, tmp_path, monkeypatch):
    """The product's locales, and the same with the test's third language: the checks hold for both."""
    if request.param != "product":
        monkeypatch.setattr(i18n, "LOCALE_DIR", third_language.write_locales(tmp_path / "locales"))
    return i18n.LOCALE_DIR


def test_the_languages_are_the_locale_files_danish_first():
    assert languages() == ("da", "en")


def test_every_locale_file_has_a_valid_locale_block(locale_dir):
    names = [language_name(lang) for lang in languages()]
    assert len(set(names)) == len(names)
    for lang in languages():
        info = locale_info(lang)  # raises LocaleError when the block is broken
        assert info.tag.split("-")[0] == lang
        babel_mark = Locale.parse(info.tag, sep="-").number_symbols["latn"]["decimal"]
        assert info.decimal_mark == babel_mark, f"{lang}: the CSV decimal mark differs from the language's own"


def test_locale_files_have_the_same_keys_in_every_language(locale_dir):
    keys = {lang: set(_grouped(lang)) for lang in languages()}
    for lang in languages():
        assert keys[lang] == keys[i18n.DEFAULT_LANGUAGE], (lang, keys[lang] ^ keys[i18n.DEFAULT_LANGUAGE])


def test_plural_texts_have_exactly_the_forms_their_language_needs(locale_dir):
    texts = {lang: _grouped(lang) for lang in languages()}
    for key, forms in texts[i18n.DEFAULT_LANGUAGE].items():
        plural = None not in forms
        for lang in languages():
            forms = texts[lang][key]
            if plural:
                assert set(forms) == _categories(lang), f"{lang}: {key}: needs the forms {sorted(_categories(lang))}"
            else:
                assert set(forms) == {None}, f"{lang}: {key}: plural forms where the other languages have one text"


def test_every_locale_placeholder_matches_between_languages(locale_dir):
    texts = {lang: _grouped(lang) for lang in languages()}
    for key, forms in texts[i18n.DEFAULT_LANGUAGE].items():
        main = "other" if None not in forms else None
        expected = set(PLACEHOLDER.findall(forms[main]))
        for lang in languages():
            lang_forms = texts[lang][key]
            assert set(PLACEHOLDER.findall(lang_forms[main])) == expected, (lang, key)
            for form, text in lang_forms.items():  # 'one' may write the count out ("an action was moved")
                assert set(PLACEHOLDER.findall(text)) <= expected, (lang, key, form)


def test_no_text_writes_a_plural_by_hand():
    for lang in languages():
        for key, text in messages(lang).items():
            assert not re.search(r"\w\((s|r|er|e|n|en)\)", text), f"{lang}: {key}: use one/other forms: {text!r}"


@pytest.mark.parametrize("lang, long, short, number, thousands, percent", [
    ("da", "28. november 2026", "28. nov. 2026", "2,5", "1.234", "54 %"),
    ("en", "28 November 2026", "28 Nov 2026", "2.5", "1,234", "54%"),
])
def test_dates_and_numbers_are_written_the_way_the_language_writes_them(lang, long, short, number, thousands, percent):
    assert format_date(DAY, lang) == long
    assert format_date_short(DAY, lang) == short
    assert format_number(2.5, lang, 1) == number
    assert format_number(1234, lang) == thousands
    assert format_percent(54.4, lang) == percent


def test_the_month_names_come_from_the_locale_file():
    assert format_date_short(dt.date(2026, 9, 1), "en") == "1 Sep 2026"  # CLDR's en-GB would write 'Sept'
    assert format_date_short(dt.date(2026, 5, 1), "da") == "1. maj 2026"


@pytest.mark.parametrize("lang, n, expected", [
    ("en", 1, "1 action was moved so that it doesn't start during a holiday."),
    ("en", 0, "0 actions were moved so that they don't start during a holiday."),
    ("en", 3, "3 actions were moved so that they don't start during a holiday."),
    ("da", 1, "1 handling er flyttet, så den ikke starter i en ferie."),
    ("da", 2, "2 handlinger er flyttet, så de ikke starter i en ferie."),
])
def test_counted_texts_take_the_plural_form_that_fits(lang, n, expected):
    assert tn("roadmap.moved_note", n, lang) == expected


def test_plural_categories_follow_babel():
    assert [plural_category(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]
    assert tn("no.such.key", 2, "en") == "no.such.key"
    assert t("no.such.key", "en") == "no.such.key"


def test_the_default_language_follows_the_browser_if_there_is_a_locale_for_it():
    assert [browser_language(tag) for tag in ("da-DK", "da", "en-US", "en_GB", "sv-SE", "", None)] == [
        "da", "da", "en", "en", "en", "en", "en"]
    assert normalise_language("sv-SE") == "da"  # stored data without a known language stays Danish


def test_a_third_locale_file_adds_a_language(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", third_language.write_locales(tmp_path / "locales"))
    assert languages() == ("da", "en", "sv")
    assert language_name("sv") == "Svenska"
    assert browser_language("sv-SE") == "sv" and normalise_language("sv_FI") == "sv"
    assert format_date(DAY, "sv") == "28 november 2026"
    assert format_number(1234.5, "sv", 1) == "1 234,5"
    assert t("nav.start", "sv") == "[sv] Start"
    assert tn("roadmap.moved_note", 1, "sv").startswith("[sv] 1 action was")


def test_a_bank_without_the_third_language_names_each_missing_text(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", third_language.write_locales(tmp_path / "locales"))
    with pytest.raises(BankError) as err:
        read_bank(third_language.ROOT / "questions")
    assert "questions/02_platforms.yaml: questions[0].options[1].label.sv: missing" in str(err.value)
    bank = read_bank(third_language.write_bank(tmp_path / "questions"))
    assert bank.questions["platforms.start"].text.get("sv").startswith("[sv] ")
    assert bank.meta.languages == ("da", "en", "sv")


def test_a_local_text_holds_every_language_and_nothing_else():
    text = LocalText.model_validate({"da": "Ja", "en": "Yes"})
    assert (text.get("en"), text.da, text.get("xx")) == ("Yes", "Ja", "Ja")
    with pytest.raises(ValueError, match="fr"):
        LocalText.model_validate({"da": "Ja", "en": "Yes", "fr": "Oui"})


def _broken(block, change):
    block = dict(block)
    change(block)
    return block


@pytest.mark.parametrize("change, expected", [
    (lambda b: b.pop("name"), "locales/sv.yaml: _locale.name: missing"),
    (lambda b: b.update(months=b["months"][:11]), "locales/sv.yaml: _locale.months: "),
    (lambda b: b.update(date_format="DD.MM.YY"), "locales/sv.yaml: _locale.date_format: "),
    (lambda b: b.update(decimal_mark=";"), "locales/sv.yaml: _locale.decimal_mark: "),
    (lambda b: b.update(tag="xq-XQ"), "locales/sv.yaml: _locale.tag: unknown language tag 'xq-XQ'"),
    (lambda b: b.update(tag="nb-NO"), "locales/sv.yaml: _locale.tag: 'nb-NO' must start with the file's language 'sv'"),
    (lambda b: b.update(colour="blue"), "locales/sv.yaml: _locale.colour: unknown field"),
])
def test_a_broken_locale_block_is_reported_by_file_and_field(tmp_path, monkeypatch, change, expected):
    block = _broken(third_language.LOCALE_BLOCK, change)
    monkeypatch.setattr(i18n, "LOCALE_DIR", third_language.write_locales(tmp_path / "locales", block))
    with pytest.raises(LocaleError) as err:
        locale_info("sv")
    assert str(err.value).startswith(expected), str(err.value)


def test_a_locale_file_without_its_block_is_reported(tmp_path, monkeypatch):
    folder = third_language.write_locales(tmp_path / "locales")
    (folder / "sv.yaml").write_text("nav:\n  start: Start\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    with pytest.raises(LocaleError, match=r"^locales/sv.yaml: _locale: missing$"):
        messages("sv")
