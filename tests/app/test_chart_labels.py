"""Chart labels: wrapped or shortened with the full text in the hover, automatic margins, and the
timeline's month names from our own locale files ("maj", not plotly's "May")."""

from __future__ import annotations

import datetime as dt

from readiness.answers import Assessment
from readiness.bank import load_bank
from readiness.roadmap import build_roadmap
from readiness.samples import worst_answers
from readiness.scoring import score
from readiness.theme import Theme
from ui import charts

BANK = load_bank()
THEME = Theme()


def _roadmap(lang: str):
    return build_roadmap(BANK, Assessment(answers=worst_answers(BANK), language=lang, roadmap_start=dt.date(2027, 1, 4)))


def test_the_danish_timeline_names_its_months_in_danish():
    fig = charts.timeline(_roadmap("da"), THEME, {}, "da")
    ticks = fig.layout.xaxis.ticktext
    assert "maj" in ticks and not any("May" in t for t in ticks)
    assert ticks[0] == "jan.<br>2027"
    english = charts.timeline(_roadmap("en"), THEME, {}, "en").layout.xaxis.ticktext
    assert "May" in english


def test_timeline_labels_are_short_and_the_hover_has_the_whole_title():
    roadmap = _roadmap("da")
    fig = charts.timeline(roadmap, THEME, {}, "da")
    labels = [y for trace in fig.data for y in trace.y]
    assert all(len(line) <= 24 for label in labels for line in label.split("<br>"))
    hovered = {c[3] for trace in fig.data for c in trace.customdata}
    assert {a.title for a in roadmap.actions if "<" not in a.title and "&" not in a.title} <= hovered
    assert fig.layout.yaxis.automargin and fig.layout.xaxis.automargin


def test_results_charts_wrap_long_section_names_instead_of_cutting_them():
    result = score(BANK, worst_answers(BANK), "da")
    bars = charts.bars(result, THEME)
    assert bars.layout.yaxis.automargin
    assert all(len(line) <= 22 for y in bars.data[0].y for line in y.split("<br>"))
    assert set(bars.data[0].customdata) == {s.title for s in result.sections}
    radar = charts.radar(result, THEME)
    assert all(len(line) <= 14 for t in radar.data[0].theta for line in t.split("<br>"))


def test_wrap_label_keeps_words_whole_and_marks_what_it_leaves_out():
    assert charts.wrap_label("Tekstforslag eller frihed", 14) == "Tekstforslag<br>eller frihed"
    assert charts.wrap_label("Lav en kort politik for sociale medier med eksempler") == \
        "Lav en kort politik for<br>sociale medier med…"
    assert charts.wrap_label("<b>fed</b> & mere") == "&lt;b&gt;fed&lt;/b&gt; &amp; mere"


def test_the_font_list_is_valid_css_so_the_browser_draws_what_plotly_measured():
    assert charts.css_font_family("Source Sans 3, DejaVu Sans, Helvetica, Arial, sans-serif") == \
        "'Source Sans 3', 'DejaVu Sans', Helvetica, Arial, sans-serif"
    result = score(BANK, worst_answers(BANK), "da")
    for fig in (charts.bars(result, THEME), charts.radar(result, THEME), charts.timeline(_roadmap("da"), THEME, {}, "da")):
        assert fig.layout.font.family.startswith("'Source Sans 3'")


def test_the_explanation_tables_wrap_and_write_numbers_in_the_pages_language():
    from tests.app.conftest import new_app
    from ui import state

    at = new_app("da-DK")
    at.run()
    at.session_state[state.ASSESSMENT] = Assessment(answers=worst_answers(BANK), language="da")
    at.switch_page("pages/results.py").run()
    assert not at.exception, at.exception
    tables = at.table  # st.table wraps its cells (st.dataframe cut statements off)
    assert tables
    points = [p for t in tables for p in t.value.iloc[:, -1]]
    assert any(p.endswith("1,5") for p in points) and not any("1.5" in p for p in points)
    statements = {s for t in tables for s in t.value.iloc[:, 0]}
    assert any(len(s) > 80 for s in statements)  # whole statements, not cut


def test_every_chart_gives_plotly_a_font_list_css_can_read():
    """Each chart module passes the theme's fonts through ``css_font_family`` (unquoted, the list is invalid)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "ui"
    raw = [f"{p.name}:{n}" for p in sorted(root.glob("*.py"))
           for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
           if re.search(r"[\"']family[\"']\s*:\s*theme\.font_family", line)]
    assert not raw, raw
