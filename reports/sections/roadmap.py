"""The roadmap: a dated timeline (phases, one bar per action, month ticks) and the table of actions as edited."""

from __future__ import annotations

import datetime as dt

from fpdf import FontFace
from fpdf.enums import CellBordersLayout, TableBordersLayout

from readiness.i18n import format_date, format_date_short, month_name, t
from readiness.plan import Plan
from readiness.roadmap import RoadmapAction, holiday_periods
from readiness.theme import STATUS_COLOURS, hex_to_rgb, mix

from ..document import FAMILY, SMALL, TABLE_LINE, TINY, ReportPDF, rgb
from ..text import shorten

LABEL_W = 58.0
ROW_H = 4.8
BAR_H = 3.0
AXIS_H = 5.0
TABLE_LIMITS = {"title": 220, "why": 360, "owner": 160, "kpi": 200}


def render_roadmap(pdf: ReportPDF, plan: Plan) -> None:
    th, roadmap = pdf.theme, plan.roadmap
    timeline = Timeline(pdf, plan)
    # keep the timeline in one piece when it fits on a page
    pdf.part(pdf.tr("roadmap.title"), new_page=False, keep=min(timeline.height, 90) + 45)
    pdf.para(pdf.tr("roadmap.intro", start=format_date(roadmap.start, pdf.language)), colour=th.muted, after=3)
    pdf.subheading(pdf.tr("roadmap.timeline"), keep=min(timeline.height, 90) + 10)
    timeline.draw()
    pdf.subheading(pdf.tr("roadmap.table"), keep=40)
    render_action_table(pdf, plan)


def month_label(day: dt.date, lang: str) -> str:
    """'jan.' / 'Jan' (and the year under January and the first tick)."""
    return month_name(day.month, lang, short=True)


def _add_months(day: dt.date, n: int) -> dt.date:
    month = day.month - 1 + n
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _luminance(colour: str) -> float:
    r, g, b = hex_to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


class Timeline:
    """A Gantt-like chart that breaks across pages, repeating its phase band and month axis."""

    def __init__(self, pdf: ReportPDF, plan: Plan) -> None:
        self.pdf, self.plan = pdf, plan
        roadmap = plan.roadmap
        first = min([roadmap.start] + [a.start for a in roadmap.actions])
        last = max([roadmap.end, roadmap.reassess_on] + [a.end for a in roadmap.actions])
        self.begin = first.replace(day=1)
        self.finish = _add_months(last, 1)  # exclusive
        self.days = max((self.finish - self.begin).days, 1)
        self.x = pdf.l_margin + LABEL_W
        self.w = pdf.epw - LABEL_W
        months = (self.finish.year - self.begin.year) * 12 + self.finish.month - self.begin.month
        self.step = 1 if months <= 15 else 2 if months <= 30 else 3 if months <= 45 else 6 if months <= 90 else 12
        phases = pdf.ctx.bank.meta.phases
        colours = pdf.theme.phase_colours(len(phases))
        self.phase_colour = {p.id: c for p, c in zip(phases, colours)}

    @property
    def height(self) -> float:
        """Roughly how tall the whole chart is (rows, axis and legend), in mm."""
        roadmap = self.plan.roadmap
        return len(roadmap.actions) * ROW_H + len(roadmap.phases) * (ROW_H + 1.5) + AXIS_H + 12

    def xof(self, day: dt.date) -> float:
        days = min(max((day - self.begin).days, 0), self.days)
        return self.x + self.w * days / self.days

    def draw(self) -> None:
        pdf = self.pdf
        roadmap = self.plan.roadmap
        rows: list[tuple[str, object]] = []
        known = {p.id for p in roadmap.phases}
        for phase in roadmap.phases:
            rows.append(("phase", phase))
            rows.extend(("action", a) for a in roadmap.actions_in(phase.id))
        rows.extend(("action", a) for a in roadmap.actions if a.phase not in known)
        self._axis()
        for kind, item in rows:
            height = ROW_H + (1.5 if kind == "phase" else 0)
            if pdf.y + height > pdf.page_break_trigger - 10:
                self._close_grid()
                pdf.add_page()
                self._axis()
            if kind == "phase":
                self._phase_row(item)  # type: ignore[arg-type]
            else:
                self._row(item)  # type: ignore[arg-type]
        self._close_grid()
        self._legend()

    def _axis(self) -> None:
        """Month ticks at the current y; remembers where the grid starts."""
        pdf, th = self.pdf, self.pdf.theme
        y = pdf.y
        pdf.style(TINY - 0.5, "", th.muted)
        month = self.begin
        first = True
        while month < self.finish:
            nxt = _add_months(month, self.step)
            x0, x1 = self.xof(month), self.xof(min(nxt, self.finish))
            label = month_label(month, pdf.language)
            pdf.set_xy(x0, y)
            pdf.cell(x1 - x0, 3.2, pdf.fit(label, x1 - x0), align="C")
            if first or month.month <= self.step:
                pdf.style(TINY - 0.5, "B", th.text)
                pdf.set_xy(x0, y + 3.2)
                pdf.cell(max(x1 - x0, 12), 3.2, str(month.year))
                pdf.style(TINY - 0.5, "", th.muted)
            first = False
            month = nxt
        self.grid_top = y + AXIS_H + 2
        pdf.set_y(self.grid_top + 0.8)
        self._backdrop_start = self.grid_top

    def _phase_row(self, phase) -> None:
        pdf, th = self.pdf, self.pdf.theme
        pdf.ln(1.5)
        y = pdf.y
        self._holidays(y - 1.9, y + ROW_H - 0.4)
        colour = self.phase_colour.get(phase.id, th.primary)
        dark = mix(colour, "#000000", 0.25)
        pdf.style(TINY + 0.5, "B", dark)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(LABEL_W - 2, ROW_H, pdf.fit(pdf.safe(phase.name, single_line=True), LABEL_W - 3))
        x0, x1 = self.xof(phase.start), self.xof(phase.end + dt.timedelta(days=1))
        if x1 - x0 > 0.2:
            pdf.set_fill_colour(dark)
            top = y + ROW_H / 2 - 0.9
            pdf.rect(x0, top, x1 - x0, 1.8, style="F")
            pdf.polygon([(x0, top), (x0 + 1.6, top), (x0, top + 3.2)], style="F")
            pdf.polygon([(x1, top), (x1 - 1.6, top), (x1, top + 3.2)], style="F")
        pdf.set_y(y + ROW_H)

    def _close_grid(self) -> None:
        """Month lines, holiday shading and the re-assessment marker over the rows drawn on this page.

        Drawn after the rows so their height is known; they are thin and light, so drawing them
        over the bars reads as a grid, not as clutter.
        """
        pdf, th = self.pdf, self.pdf.theme
        top, bottom = self._backdrop_start, pdf.y + 0.5
        pdf.set_draw_colour(th.grid)
        pdf.set_line_width(0.15)
        month = self.begin
        while month <= self.finish:
            x = self.xof(month)
            pdf.line(x, top - AXIS_H, x, bottom)
            month = _add_months(month, self.step)
        pdf.line(self.x, bottom, self.x + self.w, bottom)
        # the re-assessment date
        rx = self.xof(self.plan.roadmap.reassess_on)
        pdf.set_draw_colour(th.accent)
        pdf.set_line_width(0.4)
        pdf.set_dash_pattern(dash=1.0, gap=0.8)
        pdf.line(rx, top - 0.5, rx, bottom)
        pdf.set_dash_pattern()
        pdf.set_y(bottom + 1)

    def _holidays(self, top: float, bottom: float) -> None:
        pdf = self.pdf
        fill = mix(pdf.theme.muted, "#FFFFFF", 0.86)
        pdf.set_fill_colour(fill)
        for start, end, _ in holiday_periods(pdf.ctx.bank.meta.holidays, self.begin, self.finish):
            x0, x1 = self.xof(start), self.xof(end)
            if x1 - x0 > 0.1:
                pdf.rect(x0, top, x1 - x0, bottom - top, style="F")

    def _row(self, action: RoadmapAction) -> None:
        pdf, th = self.pdf, self.pdf.theme
        y = pdf.y
        self._holidays(y - 0.4, y + ROW_H - 0.4)
        status_colour = STATUS_COLOURS.get(action.status, th.muted)
        pdf.set_fill_colour(status_colour)
        pdf.circle(pdf.l_margin + 1.2, y + ROW_H / 2, 1.1, style="F")
        dropped = action.status == "dropped"
        pdf.style(TINY + 0.5, "", th.muted if dropped else th.text)
        title = pdf.safe(action.title, single_line=True)
        with pdf.shaping(title):
            pdf.set_xy(pdf.l_margin + 3.5, y)
            pdf.cell(LABEL_W - 5, ROW_H, pdf.fit(title, LABEL_W - 6))
        x0 = self.xof(action.start)
        x1 = max(self.xof(action.end + dt.timedelta(days=1)), x0 + 0.8)
        colour = self.phase_colour.get(action.phase, th.primary)
        if dropped:
            colour = STATUS_COLOURS["dropped"]
        elif action.status == "done":
            colour = mix(colour, "#FFFFFF", 0.45)
        pdf.set_fill_colour(colour)
        pdf.rect(x0, y + (ROW_H - BAR_H) / 2, x1 - x0, BAR_H, style="F", round_corners=True,
                 corner_radius=min(1.0, (x1 - x0) / 2))
        if action.status == "done":
            pdf.set_draw_colour(STATUS_COLOURS["done"])
            pdf.set_line_width(0.5)
            cx, cy = x1 + 1.2, y + ROW_H / 2
            pdf.polyline([(cx, cy), (cx + 0.8, cy + 0.9), (cx + 2.4, cy - 1.1)])
        pdf.set_y(y + ROW_H)

    def _legend(self) -> None:
        pdf, th = self.pdf, self.pdf.theme
        pdf.ln(1.5)
        pdf.ensure_space(6)
        y = pdf.y
        x = pdf.l_margin
        pdf.style(TINY, "", th.muted)
        for status in ("todo", "doing", "done", "dropped"):
            pdf.set_fill_colour(STATUS_COLOURS[status])
            pdf.circle(x + 1.2, y + 2, 1.1, style="F")
            label = pdf.tr(f"status.{status}")
            pdf.set_xy(x + 3.2, y)
            pdf.cell(pdf.get_string_width(label) + 1, 4, label)
            x += pdf.get_string_width(label) + 8
        pdf.set_fill_colour(mix(th.muted, "#FFFFFF", 0.86))
        pdf.rect(x, y + 0.6, 5, 2.8, style="F")
        label = pdf.tr("roadmap.holidays")
        pdf.set_xy(x + 6, y)
        pdf.cell(pdf.get_string_width(label) + 1, 4, label)
        x += pdf.get_string_width(label) + 12
        pdf.set_draw_colour(th.accent)
        pdf.set_line_width(0.4)
        pdf.set_dash_pattern(dash=1.0, gap=0.8)
        pdf.line(x + 1, y + 0.4, x + 1, y + 3.6)
        pdf.set_dash_pattern()
        label = f"{pdf.tr('roadmap.reassess')}: {format_date_short(self.plan.roadmap.reassess_on, pdf.language)}"
        pdf.set_xy(x + 3, y)
        pdf.cell(pdf.get_string_width(label) + 1, 4, label)
        pdf.set_y(y + 6)
        pdf.style()


def render_action_table(pdf: ReportPDF, plan: Plan) -> None:
    """Every action as edited, one table per phase, two rows per action: the title on a tinted row,
    then why and KPI. Owner, dates and status span both rows, so an action never splits across
    pages, and the headings repeat on every page. Very long user texts are cut here (a row must
    fit on a page) and printed in full below the tables.
    """
    lang = pdf.language
    roadmap = plan.roadmap
    known = {p.id for p in roadmap.phases}
    long_texts: list[tuple[str, str, str]] = []
    groups = [(p.name + "  ·  " + pdf.tr("roadmap.phase_dates", start=format_date_short(p.start, lang),
                                          end=format_date_short(p.end, lang)), roadmap.actions_in(p.id), p.note)
              for p in roadmap.phases]
    others = tuple(a for a in roadmap.actions if a.phase not in known)
    if others:
        groups.append(("", others, ""))
    for title, actions, note in groups:
        if not actions:
            continue
        if title:
            pdf.gap(1.5)
            # the phase's name stays with the table's headings and its first action
            first = actions[0]
            pdf.ensure_space(22 + max(pdf.text_height(pdf.safe(shorten(first.why, TABLE_LIMITS["why"])), 63, 7.2),
                                      pdf.text_height(pdf.safe(shorten(first.kpi, TABLE_LIMITS["kpi"])), 41, 7.2)))
            pdf.style(9, "B", pdf.theme.primary)
            pdf.cell(0, 5.5, pdf.safe(title, single_line=True), new_x="LMARGIN", new_y="NEXT")
            if note:  # the pilot moved or shortened out of the summer holiday
                pdf.para(note, size=SMALL, colour=pdf.theme.muted, after=0.5)
            pdf.ln(0.5)
        _phase_table(pdf, actions, long_texts)
    pdf.style()
    if long_texts:
        pdf.subheading(pdf.tr("roadmap.full_texts"), outline=False, size=10.5, keep=20)
        for title, field, text in long_texts:
            pdf.para(f"{shorten(title, 200)} – {field}", size=SMALL, style="B", after=0.5)
            pdf.para(text, size=SMALL, after=2.5)


def _phase_table(pdf: ReportPDF, actions: tuple[RoadmapAction, ...], long_texts: list[tuple[str, str, str]]) -> None:
    th, lang = pdf.theme, pdf.language
    size = 7.2
    widths = (65, 44, 25, 14, 14, 16)
    rows: list[dict[str, str]] = []
    for a in actions:
        cells = {}
        for key in ("title", "why", "owner", "kpi"):
            value = getattr(a, key) or ""
            if key == "why" and a.moved:
                value = f"{value}\n{a.moved}".strip()
            limit = TABLE_LIMITS[key]
            if len(value) > limit:
                long_texts.append((a.title, pdf.tr(f"roadmap.col_{key}"), value))
                value = shorten(value, limit) + " " + pdf.tr("roadmap.full_text_ref", title=shorten(a.title, 60))
            cells[key] = pdf.safe(value)
        status = pdf.tr(f"status.{a.status}")
        if a.origin == "added":
            status += "\n" + pdf.tr("roadmap.added")
        elif a.edited:
            status += "\n" + pdf.tr("roadmap.edited")
        cells["status"] = status
        cells["colour"] = mix(STATUS_COLOURS.get(a.status, th.muted), "#000000", 0.3)
        cells["start"], cells["end"] = format_date_short(a.start, lang), format_date_short(a.end, lang)
        if a.every_weeks:  # recurring: the cadence under the first date
            cells["start"] += "\n" + t("plan.every_weeks", lang, n=a.every_weeks)
        rows.append(cells)
    heading = FontFace(family=FAMILY, emphasis="BOLD", color=rgb("#FFFFFF"), fill_color=rgb(th.primary), size_pt=size)
    title_face = FontFace(family=FAMILY, emphasis="BOLD", color=rgb(th.text), fill_color=rgb(th.light))
    texts = [v for r in rows for v in r.values()]
    pdf.style(size)
    pdf.set_fill_color(0)  # fpdf2's default: otherwise the table takes the current fill for every cell
    pdf.set_draw_colour(th.grid)
    pdf.set_line_width(0.2)
    with pdf.shaping(*texts), pdf.table(
        width=pdf.epw, col_widths=widths, headings_style=heading, num_heading_rows=2,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES, line_height=size * TABLE_LINE * 25.4 / 72,
        padding=(0.9, 1.4, 0.9, 1.4), text_align="LEFT", v_align="TOP", repeat_headings=1, markdown=False,
    ) as table:
        h1 = table.row()
        h1.cell(pdf.tr("roadmap.col_title"), colspan=2, border=CellBordersLayout.NONE, padding=(1.2, 1.5, 0.2, 1.5))
        for key in ("owner", "start", "end", "status"):
            h1.cell(pdf.tr(f"roadmap.col_{key}"), rowspan=2)
        h2 = table.row()
        h2.cell(pdf.tr("roadmap.col_why"), padding=(0.2, 1.5, 1.2, 1.5))
        h2.cell(pdf.tr("roadmap.col_kpi"), padding=(0.2, 1.5, 1.2, 1.5))
        for r in rows:
            first = table.row()
            first.cell(r["title"], colspan=2, style=title_face, border=CellBordersLayout.NONE)
            first.cell(r["owner"] or pdf.tr("roadmap.no_owner"), rowspan=2)
            first.cell(r["start"], rowspan=2)
            first.cell(r["end"], rowspan=2)
            first.cell(r["status"], rowspan=2, style=FontFace(color=rgb(r["colour"])))
            second = table.row()
            second.cell(r["why"])
            second.cell(r["kpi"])
    pdf.ln(1)
