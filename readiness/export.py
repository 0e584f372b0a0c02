"""Plain-data views of the bank for other tools (the ``questions --json`` contract)."""

from __future__ import annotations

from typing import Any

from .bank import Bank


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


# -- spreadsheets and calendars ---------------------------------------------------------------

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


def roadmap_rows(roadmap: Any, phase_names: dict[str, str], status_names: dict[str, str]) -> list[dict[str, Any]]:
    """The roadmap's actions as plain rows (dates as dates), the same for XLSX and CSV."""
    return [{
        "id": a.id, "title": a.title, "phase": phase_names.get(a.phase, a.phase), "owner": a.owner,
        "start": a.start, "end": a.end, "status": status_names.get(a.status, a.status), "kpi": a.kpi, "why": a.why,
    } for a in roadmap.actions]


def roadmap_xlsx(roadmap: Any, headers: dict[str, str], phase_names: dict[str, str],
                 status_names: dict[str, str], sheet_title: str = "Roadmap") -> bytes:
    """The roadmap as an Excel workbook: one row per action, real dates, safe from formulas."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    columns = list(headers)
    ws.append([headers[c] for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0F766E")
    for row in roadmap_rows(roadmap, phase_names, status_names):
        ws.append([safe_cell(row[c]) for c in columns])
    widths = {"id": 22, "title": 48, "phase": 14, "owner": 22, "start": 12, "end": 12, "status": 12, "kpi": 40,
              "why": 60}
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = widths.get(c, 20)
        if c in ("start", "end"):
            for cell in ws.iter_cols(min_col=i, max_col=i, min_row=2):
                for x in cell:
                    x.number_format = "yyyy-mm-dd"
        if c in ("title", "kpi", "why"):
            for col in ws.iter_cols(min_col=i, max_col=i, min_row=2):
                for x in col:
                    x.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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


def roadmap_ics(roadmap: Any, calendar_name: str, uid_seed: str, stamp: Any = None) -> bytes:
    """The roadmap's actions as all-day iCalendar events (Outlook, Google Calendar, Apple Calendar).

    ``uid_seed`` keeps event ids stable across exports, so a re-import updates instead of
    duplicating. Each event spans the action's start to end date inclusive.
    """
    import datetime as dt
    import hashlib

    stamp = stamp or dt.datetime.now(dt.UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//advocacy-readiness//roadmap//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(calendar_name)}"]
    for a in roadmap.actions:
        uid = hashlib.sha256(f"{uid_seed}:{a.id}".encode()).hexdigest()[:32]
        description = "\n".join(x for x in (a.why, a.kpi and f"KPI: {a.kpi}", a.owner and f"{a.owner}") if x)
        lines += ["BEGIN:VEVENT", f"UID:{uid}@advocacy-readiness", f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
                  f"DTSTART;VALUE=DATE:{a.start.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(a.end + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_ics_text(a.title)}", f"DESCRIPTION:{_ics_text(description)}",
                  f"STATUS:{'CANCELLED' if a.status == 'dropped' else 'CONFIRMED'}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
