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
