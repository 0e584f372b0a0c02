"""What every page adds to Streamlit's own markup: the page's language and the app's style sheet.

Streamlit serves ``<html lang="en">`` for every page. A fixed script sets
``document.documentElement.lang`` to the session's language; its inputs are a language code and a
page id, each checked against a fixed pattern (never user text). Streamlit draws the script anew
when either changes, so the attribute follows navigation, reruns and reloads. On a phone the same
script folds the sidebar away after a page was chosen from it (Streamlit leaves it open over the page).

The style sheet (``ui/app.css``, a constant file of ours) raises the contrast of captions, makes
touch targets at least 44 px tall on phones and 24 px elsewhere (WCAG 2.5.8), keeps the copy
buttons visible without hovering and styles the main calls to action and unanswered sliders.
Both are drawn in one hidden container at the top of the page.
"""

from __future__ import annotations

import base64
import functools
import json
import re
from pathlib import Path

import streamlit as st

from readiness.theme import Theme

CSS_FILE = Path(__file__).with_name("app.css")
# Ours, served inside the page: Streamlit's ``set_page_config(page_icon=<file>)`` imports numpy and
# PIL to read it (about 120 ms of a cold start), and a ":material/…:" icon is fetched from Google.
FAVICON_FILE = Path(__file__).resolve().parents[1] / "static" / "favicon.png"
CONTAINER_KEY = "app-head"
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
_PAGE_ID = re.compile(r"[a-z_]{1,20}")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
# Phones (Streamlit lays the sidebar over the page below 768 px): fold it after a page change.
_SCRIPT = """<script>
document.documentElement.lang = {lang};
for (const link of document.querySelectorAll('link[rel*="icon"]')) link.href = {icon};
(function () {{
  const page = {page};
  let last = null;
  try {{ last = sessionStorage.getItem("readiness-page"); sessionStorage.setItem("readiness-page", page); }} catch (e) {{}}
  if (last === null || last === page || window.innerWidth >= 768) return;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  if (!sidebar || sidebar.getAttribute("data-collapsed") !== "false") return;
  const fold = sidebar.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (fold) fold.click();
}})();
</script>"""


@functools.cache
def style_sheet() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


@functools.cache
def favicon_url() -> str:
    """The app's icon as a ``data:`` URL (a constant file of ours)."""
    return "data:image/png;base64," + base64.b64encode(FAVICON_FILE.read_bytes()).decode("ascii")


def head_script(lang: str, page_id: str) -> str:
    """The script that sets the page's language (and folds a phone's sidebar after navigation)."""
    if not _LANGUAGE_CODE.fullmatch(lang):
        raise ValueError(f"not a language code: {lang!r}")
    if not _PAGE_ID.fullmatch(page_id):
        raise ValueError(f"not a page id: {page_id!r}")
    return _SCRIPT.format(lang=json.dumps(lang), page=json.dumps(page_id), icon=json.dumps(favicon_url()))


def colour_variables(theme: Theme) -> str:
    """The theme's colours as CSS variables for ``app.css`` (hex colours only)."""
    colours = {"primary": theme.primary, "caption": theme.muted}
    for value in colours.values():
        if not _HEX.fullmatch(value):
            raise ValueError(f"not a hex colour: {value!r}")
    return ":root { " + " ".join(f"--readiness-{name}: {value};" for name, value in colours.items()) + " }"


def apply(lang: str, page_id: str, theme: Theme) -> None:
    """Draw the style sheet and the script (called once per run from ``frame.setup``)."""
    with st.container(key=CONTAINER_KEY):
        st.html(f"<style>{colour_variables(theme)}\n{style_sheet()}</style>{head_script(lang, page_id)}",
                unsafe_allow_javascript=True, width="content")
