"""Small components shared by pages. User text is always escaped, never rendered as HTML."""

from __future__ import annotations

import re
import unicodedata

import streamlit as st

from readiness.theme import score_band

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")
# Streamlit's markdown (GFM) turns bare addresses into links even when every dot and colon is
# escaped: the literal autolinks are found in the text after escapes are resolved. A word joiner
# (U+2060, invisible, zero width) where the address would start breaks "x://", "www." and "a@b".
_WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Drop control characters (keeping tabs and newlines) from user text before display."""
    return "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch)[0] != "C"
                   or unicodedata.category(ch) == "Cf" and ch in "\u200e\u200f")


def escape_markdown(text: str) -> str:
    """User- or file-supplied text that Streamlit's markdown shows literally.

    The one helper for every message that quotes a file, a name, a title or a note: no formatting,
    links (bracketed or bare: ``https://…``, ``www.…``, ``a@b.dk``), images, HTML or LaTeX.
    """
    broken = _AUTOLINK_START.sub(_WORD_JOINER, clean_text(text))
    return _MD_SPECIAL.sub(r"\\\1", broken)


def score_badge(score: float) -> str:
    """A coloured score for markdown, e.g. ':green[**82**]' (the bands of :mod:`readiness.theme`)."""
    return f":{score_band(score).markdown}[**{score:.0f}**]"


_SCROLL_TOP = """<script>/* step {marker} */
for (const el of [document.querySelector('[data-testid="stMain"]'), document.scrollingElement]) {{
  if (el) el.scrollTo({{top: 0, behavior: "instant"}});
}}
</script>"""


def scroll_to_top(marker: int) -> None:
    """Bring the next step into view from its top (Streamlit keeps the old scroll position).

    The script is a constant of ours (no user text); ``marker`` only makes it new per step.
    """
    st.html(_SCROLL_TOP.format(marker=int(marker)), unsafe_allow_javascript=True, width="content")
