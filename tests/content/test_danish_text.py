"""The Danish texts read as Danish: »guillemets«, real imperatives, one word for the assessment, no slips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _danish(tree, path=""):
    if isinstance(tree, dict):
        for key, value in tree.items():
            if key == "da" and isinstance(value, str):
                yield path, value
            else:
                yield from _danish(value, f"{path}.{key}")
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from _danish(value, f"{path}[{i}]")


def _locale(tree, path=""):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _locale(value, f"{path}.{key}")
    elif isinstance(tree, str):
        yield path, tree


def danish_texts():
    out = []
    for path in sorted((ROOT / "questions").glob("*.yaml")):
        out += [(f"{path.name}{p}", v) for p, v in _danish(yaml.safe_load(path.read_text(encoding="utf-8")))]
    tree = yaml.safe_load((ROOT / "locales" / "da.yaml").read_text(encoding="utf-8"))
    tree.pop("_locale", None)
    out += [(f"da.yaml{p}", v) for p, v in _locale(tree)]
    return out


SLIPS = {
    "straight double quotes (use »…«)": r'"',
    "English quotes in Danish (use »…«)": r"[‘’“”]",
    "the imperative of »spørge« is »spørg«": r"\bSpør\b",
    "the assessment is »vurderingen«, not »testen«": r"\btesten\b",
    "a count as a word, not »og 1 mere«": r"\bog 1 mere\b",
    "a calque": r"ikke kun begejstrede",
}


@pytest.mark.parametrize("slip", SLIPS)
def test_no_danish_text_has_the_slip(slip):
    hits = [f"{where}: {text[:80]}" for where, text in danish_texts() if re.search(SLIPS[slip], text)]
    assert not hits, hits


def test_there_are_danish_texts_to_check():
    texts = danish_texts()
    assert len(texts) > 800 and any("»" in t for _, t in texts)
