"""Real plural forms everywhere: no "handling(er)", "rettelse(r)" or "action(s)" left in what users read.

A count-dependent text is a mapping of CLDR plural categories read through Babel
(:func:`readiness.i18n.tn`); this test fails on any "(er)", "(r)", "(s)"-style construct in the
locale files, the question bank or a string literal of the code that renders text.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from readiness.i18n import languages, messages, tn

ROOT = Path(__file__).resolve().parents[2]
# a letter directly followed by a bracketed ending: handling(er), rettelse(r), action(s), svar(et)
HALF_PLURAL = re.compile(r"[A-Za-zÆØÅæøå]\((?:er|r|s|e|n|en|ne|es|et|ene|erne|ies)\)")
CODE = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py")),
        *sorted((ROOT / "reports").rglob("*.py")), *sorted((ROOT / "readiness").rglob("*.py"))]


def test_the_pattern_catches_what_it_is_for():
    for bad in ("{n} handling(er)", "1 rettelse(r)", "{n} action(s)", "svar(et)"):
        assert HALF_PLURAL.search(bad), bad
    for fine in ("Fjernede handlinger ({n})", "median (lower middle)", "(se afsnittet)", "score(s, n)"):
        assert not HALF_PLURAL.search(fine), fine


@pytest.mark.parametrize("lang", languages())
def test_no_locale_text_has_a_half_plural(lang):
    bad = {key: text for key, text in messages(lang).items() if HALF_PLURAL.search(text)}
    assert not bad, bad


def test_no_question_bank_text_has_a_half_plural():
    bad = [f"{path.name}:{i}: {line.strip()}" for path in sorted((ROOT / "questions").glob("*.yaml"))
           for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if HALF_PLURAL.search(line)]
    assert not bad, bad


def _text_of(literal: str) -> str:
    """A string literal without its f-string expressions (``{_done(s)}`` is code, not text)."""
    previous = None
    while previous != literal:
        previous, literal = literal, re.sub(r"\{[^{}]*\}", "", literal)
    return literal


def test_no_string_in_the_code_has_a_half_plural():
    bad = []
    for path in CODE:
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        bad += [f"{path.relative_to(ROOT)}:{t.start[0]}: {t.string[:80]}" for t in tokens
                if t.type == tokenize.STRING and HALF_PLURAL.search(_text_of(t.string))]
    assert not bad, bad


@pytest.mark.parametrize("lang, n, want", [
    ("da", 1, "1 handling er flyttet, så den ikke starter i en ferie."),
    ("da", 3, "3 handlinger er flyttet, så de ikke starter i en ferie."),
    ("en", 1, "1 action"),
    ("en", 2, "2 actions"),
])
def test_a_count_picks_its_form_through_babel(lang, n, want):
    key = next(k.rsplit(".", 1)[0] for k, v in messages("da").items() if v.startswith("{n} handling er flyttet"))
    assert want in tn(key, n, lang)
