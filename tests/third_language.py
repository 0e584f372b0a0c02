"""A throwaway third language for tests: Swedish, as a locale file and a question bank to match.

The texts are the English ones marked ``[sv] ``, so a test can tell that a page shows this
language and not a fallback. Point the code at the folders by monkeypatching
``readiness.i18n.LOCALE_DIR`` and ``readiness.bank.DEFAULT_BANK_DIR``: every cache is keyed by
the folder (and the bank's also by the languages), so nothing needs clearing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CODE = "sv"
MARK = "[sv] "
LOCALE_BLOCK = {
    "name": "Svenska",
    "tag": "sv-SE",
    "months": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
               "november", "december"],
    "months_short": ["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."],
    "date_format": "YYYY-MM-DD",
    "decimal_mark": ",",
}


def _marked(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {key: _marked(value) for key, value in tree.items()}
    return MARK + str(tree)


def write_locales(folder: Path, block: dict[str, Any] | None = None) -> Path:
    """``folder`` with the product's locale files and ``sv.yaml`` (English, marked; ``block`` as its ``_locale``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "locales").glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    tree = yaml.safe_load((ROOT / "locales" / "en.yaml").read_text(encoding="utf-8"))
    tree.pop("_locale")
    text = yaml.safe_dump({"_locale": LOCALE_BLOCK if block is None else block, **_marked(tree)},
                          allow_unicode=True, sort_keys=False)
    (folder / f"{CODE}.yaml").write_text(text, encoding="utf-8")
    return folder


def _add_language(tree: Any) -> None:
    if isinstance(tree, dict):
        if set(tree) == {"da", "en"}:
            tree[CODE] = MARK + tree["en"]
            return
        for value in tree.values():
            _add_language(value)
    elif isinstance(tree, list):
        for item in tree:
            _add_language(item)


def write_bank(folder: Path) -> Path:
    """``folder`` with a copy of the question bank whose every text also has a (marked) Swedish version."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "questions").glob("*.yaml"):
        tree = yaml.safe_load(path.read_text(encoding="utf-8"))
        _add_language(tree)
        if path.name == "bank.yaml":
            tree["languages"] = [*tree["languages"], CODE]
        (folder / path.name).write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
