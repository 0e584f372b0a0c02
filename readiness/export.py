"""What the product exports besides the PDF: the bank as JSON, the roadmap as a spreadsheet, CSV and
calendar events, and a workshop's answers as CSV and Excel.

Every spreadsheet cell passes through :func:`safe_cell` (no formula can run), every CSV follows the
convention Danish Excel opens without a wizard (``;`` between cells, UTF-8 with a byte-order mark,
CRLF lines, the language's decimal mark), and every sheet is styled by :func:`_styled_sheet` with the
theme's colour. Nothing here imports Streamlit.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Mapping, Sequence
from typing import Any

from .answers import STATUSES
from .bank import Bank, Question
from .i18n import format_date, locale_info, normalise_language, t
from .theme import Theme
from .workshop import (
    ANONYMITY_THRESHOLD,
    Aggregate,
    ResponseLike,
    aggregate,
    counted,
    effective_agreed,
    may_show,
    participant_questions,
    question_notes,
    visible_suggestions,
)

ROADMAP_COLUMNS = ("id", "title", "phase", "owner", "start", "end", "status", "kpi", "why")


def bank_json(bank: Bank, lang: str) -> list[dict[str, Any]]:
    """The bank as DESIGN.md's ``questions --json`` shape, in one language."""
    sections = []
    for s in bank.sections:
        questions = []
        for q in s.questions:
            options = []
            if q.kind in ("single", "multi", "scale"):
                for o in bank.options_of(q):
                    value = o.value if q.is_scored and not o.dont_know else None
                    options.append({"id": o.id, "label": o.label.get(lang), "value": value,
                                    "dont_know": bool(o.dont_know)})
            item: dict[str, Any] = {"id": q.id, "kind": q.kind, "text": q.text.get(lang), "scored": q.is_scored,
                                    "options": options, "required": q.required, "decision": q.decision}
            if q.is_scored:
                item["weight"] = q.weight
            if q.help:
                item["help"] = q.help.get(lang)
            if q.kind == "number":
                item["min"], item["max"] = q.min, q.max
            questions.append(item)
        section: dict[str, Any] = {"id": s.id, "number": s.number, "title": s.title.get(lang),
                                   "weight": s.weight, "questions": questions}
        if s.planning_question:
            section["planning_question"] = s.planning_question.get(lang)
        sections.append(section)
    return sections


# -- cells, CSV and sheets --------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A spreadsheet cell that cannot run as a formula (OWASP CSV injection): text starting with
    ``= + - @``, a tab or a carriage return gets a leading apostrophe. Numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unique_labels(names: list[str]) -> list[str]:
    """Labels made unique by numbering repeats: 'A', 'A (2)', 'A (3)' (chart axes, sheet columns)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _csv_cell(value: Any, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", decimal) if decimal != "." else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(safe_cell(value))


def excel_csv(headers: Sequence[Any], rows: Sequence[Sequence[Any]], lang: str) -> bytes:
    """A CSV file for Excel in ``lang``'s convention: ``;`` between cells, UTF-8 with a byte-order mark,
    CRLF lines, numbers with the language's decimal mark, every cell safe from formulas."""
    decimal = locale_info(lang).decimal_mark
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_cell(h, decimal) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(c, decimal) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_cell(value: Any) -> Any:
    """A safe cell whose line breaks are plain line feeds, whichever XML writer openpyxl uses (with
    lxml installed it keeps a carriage return, without it XML turns it into a line feed)."""
    value = safe_cell(value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _styled_sheet(ws: Any, headers: Sequence[Any], rows: Sequence[Sequence[Any]], theme: Theme, *,
                  widths: Mapping[int, float] | None = None, default_width: float = 20,
                  wrap: Sequence[int] = (), dates: Sequence[int] = (), freeze: str = "A2") -> None:
    """Fill a worksheet: a heading row in the theme's primary colour, the rows (safe from formulas),
    column widths, wrapped text and real dates where asked (columns counted from 0)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.append([_xlsx_cell(h) for h in headers])
    fill = PatternFill("solid", fgColor=theme.primary.lstrip("#").upper())
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append([_xlsx_cell(c) for c in row])
    for i in range(len(headers)):
        letter = ws.cell(row=1, column=i + 1).column_letter
        ws.column_dimensions[letter].width = (widths or {}).get(i, default_width)
        if i in dates or i in wrap:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                if i in dates:
                    cell.number_format = "yyyy-mm-dd"
                if i in wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = freeze


def _workbook_bytes(sheets: Sequence[tuple[str, Sequence[Any], Sequence[Sequence[Any]], dict[str, Any]]],
                    theme: Theme) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows, options in sheets:
        _styled_sheet(wb.create_sheet(title[:31]), headers, rows, theme, **options)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# -- the roadmap --------------------------------------------------------------------------------


def roadmap_names(bank: Bank, lang: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Column headings, phase names and status names of the roadmap exports, in ``lang``."""
    headers = {c: t(f"roadmap.col.{c}", lang) for c in ROADMAP_COLUMNS}
    phases = {p.id: p.name.get(lang) for p in bank.meta.phases}
    statuses = {s: t(f"status.{s}", lang) for s in STATUSES}
    return headers, phases, statuses


def roadmap_rows(roadmap: Any, phase_names: dict[str, str], status_names: dict[str, str]) -> list[dict[str, Any]]:
    """The roadmap's actions as plain rows (dates as dates), the same for XLSX and CSV."""
    return [{
        "id": a.id, "title": a.title, "phase": phase_names.get(a.phase, a.phase), "owner": a.owner,
        "start": a.start, "end": a.end, "status": status_names.get(a.status, a.status), "kpi": a.kpi, "why": a.why,
    } for a in roadmap.actions]


_ROADMAP_WIDTHS = {"id": 22, "title": 48, "phase": 14, "owner": 22, "start": 12, "end": 12, "status": 12, "kpi": 40,
                   "why": 60}


def roadmap_xlsx(roadmap: Any, headers: dict[str, str], phase_names: dict[str, str],
                 status_names: dict[str, str], sheet_title: str = "Roadmap", theme: Theme | None = None) -> bytes:
    """The roadmap as an Excel workbook: one row per action, real dates, safe from formulas."""
    columns = list(headers)
    rows = [[row[c] for c in columns] for row in roadmap_rows(roadmap, phase_names, status_names)]
    options = {"widths": {i: _ROADMAP_WIDTHS.get(c, 20) for i, c in enumerate(columns)},
               "dates": [i for i, c in enumerate(columns) if c in ("start", "end")],
               "wrap": [i for i, c in enumerate(columns) if c in ("title", "kpi", "why")]}
    return _workbook_bytes([(sheet_title, [headers[c] for c in columns], rows, options)], theme or Theme())


def roadmap_csv(roadmap: Any, headers: dict[str, str], phase_names: dict[str, str], status_names: dict[str, str],
                lang: str) -> bytes:
    """The roadmap as CSV for Excel (see :func:`excel_csv`), one row per action, dates as YYYY-MM-DD."""
    columns = list(headers)
    rows = [[row[c] for c in columns] for row in roadmap_rows(roadmap, phase_names, status_names)]
    return excel_csv([headers[c] for c in columns], rows, lang)


def _ics_text(value: str) -> str:
    """RFC 5545 TEXT escaping; control characters dropped."""
    value = "".join(ch for ch in value if ch == "\n" or ord(ch) >= 32)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out, current = [], b""
    for ch in line:
        encoded = ch.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _ics_when(a: Any) -> list[str]:
    """An action's end: the day after its last (one event), or a one-day event repeating every n weeks until it."""
    every = getattr(a, "every_weeks", None)
    if not every:
        return [f"DTEND;VALUE=DATE:{(a.end + dt.timedelta(days=1)).strftime('%Y%m%d')}"]
    return [f"DTEND;VALUE=DATE:{(a.start + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"RRULE:FREQ=WEEKLY;INTERVAL={every};UNTIL={a.end.strftime('%Y%m%d')}"]


def followup_reminders(roadmap: Any, name: str, lang: str) -> tuple[tuple[str, dt.date, str, str], ...]:
    """The follow-through in the calendar: each monthly check-in and the re-assessment, as
    ``(key, day, summary, description)`` for :func:`roadmap_ics`."""
    from .progress import checkin_dates

    out = [(f"checkin-{day.isoformat()}", day, t("followup.ics_checkin", lang, name=name),
            t("followup.ics_checkin_text", lang)) for day in checkin_dates(roadmap)]
    out.append(("reassess", roadmap.reassess_on, t("followup.ics_reassess", lang, name=name),
                t("roadmap.reassess_on", lang, date=format_date(roadmap.reassess_on, lang))))
    return tuple(out)


def roadmap_ics(roadmap: Any, calendar_name: str, uid_seed: str, stamp: Any = None,
                reminders: Sequence[tuple[str, dt.date, str, str]] = ()) -> bytes:
    """The roadmap's actions as all-day iCalendar events (Outlook, Google Calendar, Apple Calendar).

    ``uid_seed`` keeps event ids stable across exports, so a re-import updates instead of
    duplicating. Each event spans the action's start to end date inclusive. ``reminders`` (see
    :func:`followup_reminders`) add one-day events: the check-ins and the re-assessment.
    """
    stamp = stamp or dt.datetime.now(dt.UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//advocacy-readiness//roadmap//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(calendar_name)}"]
    for a in roadmap.actions:
        uid = hashlib.sha256(f"{uid_seed}:{a.id}".encode()).hexdigest()[:32]
        description = "\n".join(x for x in (a.why, a.kpi and f"KPI: {a.kpi}", a.owner and f"{a.owner}") if x)
        lines += ["BEGIN:VEVENT", f"UID:{uid}@advocacy-readiness", f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
                  f"DTSTART;VALUE=DATE:{a.start.strftime('%Y%m%d')}",
                  *_ics_when(a),
                  f"SUMMARY:{_ics_text(a.title)}", f"DESCRIPTION:{_ics_text(description)}",
                  f"STATUS:{'CANCELLED' if a.status == 'dropped' else 'CONFIRMED'}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    for key, day, summary, description in reminders:
        uid = hashlib.sha256(f"{uid_seed}:reminder:{key}".encode()).hexdigest()[:32]
        lines += ["BEGIN:VEVENT", f"UID:{uid}@advocacy-readiness", f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
                  f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_ics_text(summary)}", f"DESCRIPTION:{_ics_text(description)}",
                  "STATUS:CONFIRMED", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


# -- a workshop's answers -----------------------------------------------------------------------


def _agreed_cell(bank: Bank, question: Question, lang: str, value: Any, tied: Sequence[str]) -> Any:
    """The agreed answer, or, for a tie nobody settled, the tie itself (never a made-up answer)."""
    label = _labeller(bank, question, lang)
    if value is None and tied:
        return t("sense.tie_pdf", lang, options=", ".join(str(label(o)) for o in tied))
    return label(value)


def _labeller(bank: Bank, question: Question, lang: str) -> Any:
    """A fast ``value -> cell`` function for one question (option labels looked up once)."""
    from .scoring import answer_label

    labels = {o.id: o.label.get(lang) for o in bank.options_of(question)} if question.kind != "number" else {}

    def cell(value: Any) -> Any:
        if value is None:
            return ""
        if question.kind == "number" and isinstance(value, (int, float)):
            return value
        if isinstance(value, str) and value in labels:
            return labels[value]
        if isinstance(value, list) and all(v in labels for v in value):
            return ", ".join(labels[v] for v in value)
        try:
            return answer_label(bank, question.id, value, lang)
        except (ValueError, TypeError, KeyError):
            return str(value)

    return cell


def sheet_allowed(responses: Sequence[ResponseLike], *, anonymous: bool, closed: bool = False) -> bool:
    """Whether an anonymous workshop's per-participant sheet may be handed out: only once at least
    :data:`ANONYMITY_THRESHOLD` have finished (everyone counts once it is closed)."""
    return not anonymous or len(counted(responses, closed=closed)) >= ANONYMITY_THRESHOLD


def withheld_line(responses: Sequence[ResponseLike], lang: str, closed: bool = False) -> str:
    """The one line a withheld sheet carries under its headers, saying why."""
    return t("live.export_withheld", lang, n=ANONYMITY_THRESHOLD, count=len(counted(responses, closed=closed)))


def response_table(bank: Bank, responses: Sequence[ResponseLike], *, lang: str,
                   anonymous: bool, closed: bool = False,
                   groups: Mapping[int, str] | None = None) -> tuple[list[str], list[list[Any]]]:
    """The responses as a header row and one row per participant, every cell safe from formulas.

    Anonymous workshops get no names, and the rows are sorted by their content, so neither a
    name nor the order of joining can be read from the file; named ones are sorted by name.
    With fewer than three finished in an anonymous workshop, the sheet holds its headers and a
    line that says why (see :func:`sheet_allowed`). ``groups`` (participant id -> group label, only
    for groups the threshold lets through: :func:`readiness.groups.export_labels`) adds a group
    column; participants not in it get an empty cell.
    """
    lang = normalise_language(lang)
    questions = participant_questions(bank)
    cells_of = [(q.id, _labeller(bank, q, lang)) for q in questions]
    yes, no = t("workshop.export.yes", lang), t("workshop.export.no", lang)
    body: list[tuple[str, list[Any]]] = []
    for r in responses:
        answers = r.answers
        cells = [cell(answers.get(qid)) for qid, cell in cells_of]
        name = "" if anonymous else (r.display_name or "")
        grouped = [groups.get(r.participant_id, "")] if groups else []
        body.append((name, [*grouped, yes if r.finished else no, *cells]))
    body.sort(key=lambda item: (item[0].casefold(), [str(c) for c in item[1]]))
    headers = [t("workshop.export.respondent", lang)]
    if not anonymous:
        headers.append(t("workshop.export.name", lang))
    if groups:
        headers.append(t("gaps.export_group", lang))
    headers.append(t("workshop.export.finished", lang))
    headers += [q.text.get(lang) for q in questions]
    if not sheet_allowed(responses, anonymous=anonymous, closed=closed):
        return [safe_cell(h) for h in unique_labels(headers)], [[safe_cell(withheld_line(responses, lang, closed))]]
    rows = []
    for number, (name, cells) in enumerate(body, 1):
        rows.append([number, *([name] if not anonymous else []), *cells])
    return [safe_cell(h) for h in unique_labels(headers)], [[safe_cell(c) for c in row] for row in rows]


def summary_table(bank: Bank, agg: Aggregate, *, lang: str, agreed: Mapping[str, Any],
                  notes: Mapping[str, str], anonymous: bool,
                  withheld: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """One row per question: counts, "don't know", median, spread or agreement, level, agreed answer, note.

    In an anonymous workshop no suggested answer comes from fewer than three answers; ``withheld``
    (a reason) gives the headers and that one line instead of the rows.
    """
    lang = normalise_language(lang)
    headers = [t(f"workshop.export.{k}", lang) for k in ("section", "question", "answered", "dont_know", "median",
                                                          "spread", "agreement", "level", "distribution", "agreed",
                                                          "note")]
    if withheld is not None:
        return [safe_cell(h) for h in headers], [[safe_cell(withheld)]]
    effective = effective_agreed(agreed, visible_suggestions(agg, anonymous=anonymous))
    notes = question_notes(notes)
    rows = []
    for qid, q in agg.questions.items():
        question = bank.questions[qid]
        visible = may_show(q.responses, anonymous=anonymous, host=True)
        labels = {o.id: o.label.get(lang) for o in bank.options_of(question)} if question.kind != "number" else {}
        distribution = "; ".join(f"{labels.get(o, o)}: {c}" for o, c in zip(q.options, q.counts)) if visible else ""
        median = ""
        if visible and q.median is not None:
            median = q.median
        rows.append([
            bank.section_of[qid].title.get(lang), question.text.get(lang),
            q.answered if visible else "", q.dont_know if visible else "", median,
            q.spread if visible and q.spread is not None else "",
            round(100 * q.agreement) if visible and q.agreement is not None else "",
            t(f"workshop.level.{q.level}", lang) if visible and q.level else "",
            distribution, _agreed_cell(bank, question, lang, effective.get(qid), q.tied if visible else ()),
            notes.get(qid, ""),
        ])
    return [safe_cell(h) for h in headers], [[safe_cell(c) for c in row] for row in rows]


def responses_csv(bank: Bank, responses: Sequence[ResponseLike], *, lang: str, anonymous: bool,
                  closed: bool = False, groups: Mapping[int, str] | None = None) -> bytes:
    """The responses as CSV for Excel (see :func:`excel_csv`)."""
    headers, rows = response_table(bank, responses, lang=lang, anonymous=anonymous, closed=closed, groups=groups)
    return excel_csv(headers, rows, lang)


def responses_xlsx(bank: Bank, responses: Sequence[ResponseLike], *, lang: str, anonymous: bool,
                   agreed: Mapping[str, Any] | None = None, notes: Mapping[str, str] | None = None,
                   theme: Theme | None = None, closed: bool = False,
                   groups: Mapping[int, str] | None = None) -> bytes:
    """The responses and a per-question summary as an Excel workbook (two sheets), safe from formulas.

    Both sheets obey :func:`sheet_allowed`: until it holds, each has its headers and a line saying why.
    """
    lang = normalise_language(lang)
    headers, rows = response_table(bank, responses, lang=lang, anonymous=anonymous, closed=closed, groups=groups)
    withheld = None if sheet_allowed(responses, anonymous=anonymous, closed=closed) \
        else withheld_line(responses, lang, closed)
    summary_headers, summary_rows = summary_table(bank, aggregate(bank, responses), lang=lang, agreed=agreed or {},
                                                  notes=notes or {}, anonymous=anonymous, withheld=withheld)
    options = {"widths": {0: 14, 1: 14, 2: 14}, "default_width": 28, "freeze": "B2"}
    return _workbook_bytes([(t("workshop.export.sheet_answers", lang), headers, rows, options),
                            (t("workshop.export.sheet_summary", lang), summary_headers, summary_rows, options)],
                           theme or Theme())
