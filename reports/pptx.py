"""The workshop as a PowerPoint deck (python-pptx): native, editable charts and speaker notes.

Built from the same objects as the group PDF: the :class:`readiness.plan.Plan` of the agreed
answers and the :class:`readiness.workshop.GroupReport` (already cut to what the anonymity
threshold allows). Slides: title (brand), participation, the readiness profile, where people
disagreed, the agreed decisions, next steps from the roadmap; each number explained in the
notes. :func:`group_slides` is where the gap-by-group slides go once workshops have groups.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from readiness.bank import Bank
from readiness.brand import Brand
from readiness.i18n import format_date, t
from readiness.plan import Plan
from readiness.theme import Theme, hex_to_rgb
from readiness.workshop import GroupReport

from .office import xml_text

WIDE = (Inches(13.333), Inches(7.5))
NEXT_STEPS = 6


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor(*hex_to_rgb(hex_colour))


def _short(text: str, limit: int = 60) -> str:
    text = xml_text(text, single_line=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Deck:
    def __init__(self, theme: Theme, lang: str) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDE
        self.theme, self.lang = theme, lang

    def tr(self, key: str, **params: object) -> str:
        return t(f"deliverables.deck.{key}", self.lang, **params)

    def slide(self, title: str, notes: str) -> Any:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = Inches(0.6), Inches(0.3), Inches(12.1), Inches(1.0)
        shape.text = _short(title, 120)
        para = shape.text_frame.paragraphs[0]
        para.font.size, para.font.bold, para.font.color.rgb = Pt(30), True, _rgb(self.theme.primary)
        slide.notes_slide.notes_text_frame.text = xml_text(notes)
        return slide

    def bars(self, slide: Any, categories: list[str], name: str, values: list[float]) -> Any:
        data = CategoryChartData()
        data.categories = [_short(c, 45) for c in categories]
        data.add_series(name, values)
        frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.6), Inches(1.4), Inches(12.1),
                                       Inches(5.7), data)
        chart = frame.chart
        chart.has_legend = chart.has_title = False  # the slide's title says what it shows
        chart.font.size = Pt(12)
        plot = chart.plots[0]
        plot.gap_width = 60
        plot.has_data_labels = True
        plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0", False
        series = plot.series[0]
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(self.theme.primary)
        value_axis = chart.value_axis
        value_axis.minimum_scale, value_axis.maximum_scale = 0, 100
        value_axis.has_major_gridlines = True
        chart.category_axis.reverse_order = True  # the first category on top, as read
        return chart

    def text(self, slide: Any, lines: list[str], *, size: int = 18) -> None:
        box = slide.shapes.add_textbox(Inches(0.8), Inches(1.5), Inches(11.7), Inches(5.6))
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.text = _short(line, 220)
            p.font.size = Pt(size)
            p.space_after = Pt(8)


def _title_slide(deck: _Deck, plan: Plan, group: GroupReport, brand: Brand, today: dt.date) -> None:
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    slide.shapes.title.text = _short(group.title or plan.title, 70)
    title = slide.shapes.title.text_frame.paragraphs[0].font
    title.size, title.color.rgb = Pt(36), _rgb(deck.theme.primary)
    org = plan.organisation.strip() or t("report.org_fallback", deck.lang)
    subtitle = slide.placeholders[1].text_frame
    subtitle.text = _short(org, 80)
    for line in (f"{deck.tr('subtitle')} · {format_date(group.date or today, deck.lang)}", brand.name):
        subtitle.add_paragraph().text = _short(line, 120)
    for i, p in enumerate(subtitle.paragraphs):
        p.font.size = Pt(24 if i == 0 else 16)
    logo = brand.logo_bytes()
    if logo:
        slide.shapes.add_picture(BytesIO(logo), Inches(0.5), Inches(0.4), height=Inches(0.9))
    slide.notes_slide.notes_text_frame.text = xml_text(f"{brand.name} {brand.contact}".strip())


def _participation(deck: _Deck, group: GroupReport) -> None:
    labels = {k: deck.tr(f"participation_labels.{k}") for k in ("invited", "joined", "responded", "finished")}
    invited = group.invited if group.invited is not None else "–"
    slide = deck.slide(deck.tr("participation"), deck.tr("participation_note", joined=group.joined,
                                                          responded=group.responded, finished=group.finished,
                                                          invited=invited))
    keys = (["invited"] if group.invited else []) + ["joined", "responded", "finished"]
    values = {"invited": group.invited or 0, "joined": group.joined, "responded": group.responded,
              "finished": group.finished}
    data = CategoryChartData()
    data.categories = [labels[k] for k in keys]
    data.add_series(deck.tr("participation"), [values[k] for k in keys])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.6), Inches(1.4), Inches(12.1),
                                   Inches(5.7), data)
    chart = frame.chart
    chart.has_legend = chart.has_title = False
    chart.plots[0].has_data_labels = True
    chart.plots[0].series[0].format.fill.solid()
    chart.plots[0].series[0].format.fill.fore_color.rgb = _rgb(deck.theme.primary)


def _profile(deck: _Deck, plan: Plan) -> None:
    score = plan.score
    slide = deck.slide(deck.tr("profile"), deck.tr("profile_note", overall=f"{score.overall:.0f}",
                                                  level=score.level.name))
    deck.bars(slide, [s.title for s in score.sections], deck.tr("series_score"), [s.score for s in score.sections])


def _disagreement(deck: _Deck, bank: Bank, group: GroupReport) -> None:
    slide = deck.slide(deck.tr("disagreement"), deck.tr("disagreement_note"))
    shown = group.questions[:10] if group.shown else ()
    if not shown:
        deck.text(slide, [deck.tr("no_disagreement")])
        return
    names = [bank.questions[q.question_id].text.get(deck.lang) for q in shown]
    deck.bars(slide, names, deck.tr("series_disagreement"), [round(q.score * 100) for q in shown])


def _decisions(deck: _Deck, plan: Plan) -> None:
    slide = deck.slide(deck.tr("decisions"), deck.tr("decisions_note"))
    rows = plan.decisions
    shape = slide.shapes.add_table(len(rows) + 1, 2, Inches(0.6), Inches(1.4), Inches(12.1),
                                   Emu(Inches(0.36) * (len(rows) + 1)))
    tbl = shape.table
    tbl.columns[0].width, tbl.columns[1].width = Inches(7.6), Inches(4.5)
    heads = (t("report.decisions.col_question", deck.lang), t("report.decisions.col_answer", deck.lang))
    for i, head in enumerate(heads):
        tbl.cell(0, i).text = head
        tbl.cell(0, i).fill.solid()
        tbl.cell(0, i).fill.fore_color.rgb = _rgb(deck.theme.primary)
    for r, d in enumerate(rows, 1):
        tbl.cell(r, 0).text = _short(d.text, 110)
        tbl.cell(r, 1).text = _short(d.answer, 80)
    for r in range(len(rows) + 1):
        for c in range(2):
            for p in tbl.cell(r, c).text_frame.paragraphs:
                p.font.size = Pt(11 if r else 12)


def _next_steps(deck: _Deck, plan: Plan) -> None:
    roadmap = plan.roadmap
    slide = deck.slide(deck.tr("next_steps"), deck.tr("next_steps_note", start=format_date(roadmap.start, deck.lang)))
    actions = [a for a in roadmap.actions if a.status in ("todo", "doing")][:NEXT_STEPS]
    lang = deck.lang
    deck.text(slide, [f"{a.title} – {format_date(a.start, lang)}" + (f" · {a.owner}" if a.owner else "")
                      for a in actions] or [t("report.summary.no_actions", lang)], size=16)


#: One colour per group, as in the app's and the PDF's gap charts.
GROUP_COLOURS = ("#1D4ED8", "#D97706", "#059669", "#7C3AED", "#DC2626", "#0891B2", "#65A30D", "#DB2777")


def group_slides(deck: _Deck, group: GroupReport) -> None:
    """Where the groups differ: the areas' score by group, for the groups the threshold lets through
    (the report's :class:`readiness.groups.GroupView`; nothing when the workshop has no groups shown)."""
    view = getattr(group, "gaps", None)
    if view is None or not view.shown:
        return
    from readiness.bank import load_bank

    bank = load_bank()
    names = {s.id: s.short.get(deck.lang) for s in bank.planning_sections}
    areas = [a for a in view.areas if a.scores]
    if not areas:
        return
    largest = view.gaps[0].section_id if view.gaps else areas[0].section_id
    title = t("gaps.deck.title", deck.lang)
    slide = deck.slide(title, t("gaps.deck.note", deck.lang, n=view.setup.threshold, area=names[largest]))
    data = CategoryChartData()
    data.categories = [_short(names[a.section_id], 45) for a in areas]
    for gid in view.shown:
        by_area = {a.section_id: next((s.mean for s in a.scores if s.group_id == gid), None) for a in areas}
        data.add_series(_short(f"{view.setup.label(gid)} ({view.sizes[gid]})", 60), [by_area[a.section_id] for a in areas])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(0.6), Inches(1.4), Inches(12.1), Inches(5.7),
                                   data)
    chart = frame.chart
    chart.has_title = False
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    chart.font.size = Pt(12)
    for i, series in enumerate(chart.plots[0].series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(GROUP_COLOURS[i % len(GROUP_COLOURS)])
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.number_format, chart.plots[0].data_labels.number_format_is_linked = "0", False
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0, 100
    chart.category_axis.reverse_order = True


def workshop_pptx(plan: Plan, group: GroupReport, bank: Bank, *, brand: Brand, today: dt.date) -> bytes:
    """The workshop deck as PPTX bytes, in the plan's language."""
    deck = _Deck(Theme.from_brand(brand), plan.lang)
    deck.prs.core_properties.title = _short(group.title or plan.title, 200)
    deck.prs.core_properties.author = xml_text(brand.name, single_line=True)
    _title_slide(deck, plan, group, brand, today)
    _participation(deck, group)
    _profile(deck, plan)
    _disagreement(deck, bank, group)
    group_slides(deck, group)
    _decisions(deck, plan)
    _next_steps(deck, plan)
    out = BytesIO()
    deck.prs.save(out)
    return out.getvalue()


__all__ = ["group_slides", "workshop_pptx"]
