"""``python -m readiness``: the command-line face of the core.

Sub-commands: ``questions``, ``validate``, ``score``, ``roadmap``, ``report``, ``policy``, ``export`` and ``compare``. Exit 0 on
success; exit 2 with one line on stderr for bad input (never a traceback for user error).
Texts come in the answers file's language unless ``--lang`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from . import settings
from .answers import MAX_FILE_BYTES, AnswersError, Assessment, parse_answers_file
from .bank import DEFAULT_BANK_DIR, Bank, BankError, load_bank, read_bank
from .i18n import DEFAULT_LANGUAGE, format_date, languages, t
from .yamldata import first_line

EXIT_BAD_INPUT = 2


class UserError(Exception):
    """Bad input from the user: reported as one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def _bank(args: argparse.Namespace) -> Bank:
    try:
        return load_bank(args.bank)
    except BankError as exc:
        raise UserError(f"the question bank is broken: {first_line(str(exc))}") from None


def _read_assessment(bank: Bank, path: str) -> tuple[Assessment, list[str]]:
    file = Path(path)
    try:
        if file.is_dir():
            raise UserError(f"{path}: is a folder, not an answers file")
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(f"{path}: the file is {size:,} bytes, the limit is {MAX_FILE_BYTES:,} (1 MB)")
        data = file.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    warnings: list[str] = []
    try:
        return parse_answers_file(bank, data, warnings), warnings
    except AnswersError as exc:
        raise UserError(f"{path}: {exc}") from None


def _load(args: argparse.Namespace) -> tuple[Bank, Assessment, str]:
    """The bank, the answers file named on the command line (warnings printed) and the language."""
    bank = _bank(args)
    assessment, warnings = _read_assessment(bank, args.answers)
    _warn(warnings)
    return bank, assessment, _lang(args, assessment)


def _lang(args: argparse.Namespace, assessment: Assessment | None = None) -> str:
    if getattr(args, "lang", None):
        return args.lang
    return assessment.language if assessment else DEFAULT_LANGUAGE


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _warn(warnings: list[str]) -> None:
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)


# -- commands -------------------------------------------------------------------------------


def cmd_questions(args: argparse.Namespace) -> int:
    """The bank as a list of sections with their questions and options."""
    from .export import bank_json

    bank = _bank(args)
    lang = _lang(args)
    data = bank_json(bank, lang)
    if args.json:
        _print_json(data)
        return 0
    for section in data:
        print(f"\n{section['title']}")
        for q in section["questions"]:
            mark = " *" if q["scored"] else ""
            print(f"  [{q['id']}] ({q['kind']}{mark}) {q['text']}")
            for o in q["options"]:
                value = "" if o["value"] is None else f" = {o['value']}"
                print(f"      - {o['id']}: {o['label']}{value}")
    print(f"\n* {t('cli.scored_legend', lang)}")
    return 0


def _pulse_problems(folder: str, bank) -> list[str]:
    """The employee pulse beside the bank (``pulse.yaml``, when the folder has one), checked against it."""
    from pathlib import Path

    from .pulse import FILE_NAME, PulseError, content_problems, read_pulse

    if not (Path(folder) / FILE_NAME).exists():
        return []
    display = f"{Path(folder).name}/{FILE_NAME}"
    try:
        content = read_pulse(folder)
    except PulseError as exc:
        return str(exc).splitlines()
    return [f"{display}: {p}" for p in content_problems(content, bank)]


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a bank folder; print every problem, one per line."""
    folder = args.dir or str(DEFAULT_BANK_DIR)
    try:
        bank = read_bank(folder)
    except BankError as exc:
        lines = str(exc).splitlines()
        for line in lines:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    from .lint import lint_bank

    problems = lint_bank(bank) + _pulse_problems(folder, bank)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return EXIT_BAD_INPUT
    n_questions = sum(len(s.questions) for s in bank.sections)
    print(f"{folder}: ok — bank {bank.version}, {len(bank.sections)} sections, {n_questions} questions, "
          f"{len(bank.rules.actions)} roadmap rules")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    """Score an answers file."""
    from .scoring import score

    bank, assessment, lang = _load(args)
    result = score(bank, assessment.answers, lang)
    if args.json:
        _print_json(result.to_json())
        return 0
    name = assessment.organisation or t("cli.unnamed", lang)
    print(f"{name} — {bank.meta.title.get(lang)}")
    print(f"{t('score.overall', lang)}: {result.overall:.0f}/100 · {result.level.name}")
    print(f"  {result.level.meaning}")
    if result.capped:
        print(f"  {t('score.capped', lang, level=result.uncapped_level.name)}")
    for title, items in ((t("score.blockers", lang), result.blockers), (t("score.red_flags", lang), result.red_flags)):
        if items:
            print(f"\n{title}:")
            for f in items:
                print(f"  ! {f.message}")
    print()
    width = max(len(s.title) for s in result.sections)
    for s in result.sections:
        bar = "█" * round(s.score / 5)
        print(f"  {s.title:<{width}}  {s.score:5.0f}  {bar}")
        print(f"  {'':<{width}}         {s.explanation.text}")
    if result.unknown or result.missing:
        print(f"\n{t('score.knowledge_gaps', lang)}: {len(result.unknown)} · "
              f"{t('score.missing', lang)}: {len(result.missing)}")
    return 0


def cmd_roadmap(args: argparse.Namespace) -> int:
    """The roadmap for an answers file, with the user's edits applied."""
    from .answers import parse_date
    from .roadmap import build_roadmap

    bank, assessment, lang = _load(args)
    try:
        start = parse_date(args.start, "--start") if args.start else None
    except AnswersError as exc:
        raise UserError(str(exc)) from None
    roadmap = build_roadmap(bank, assessment, lang, start)
    if args.json:
        _print_json(roadmap.to_json())
        return 0
    for phase in roadmap.phases:
        print(f"\n{phase.name}: {format_date(phase.start, lang)} – {format_date(phase.end, lang)}")
        for a in roadmap.actions_in(phase.id):
            print(f"  [{a.status}] {a.title}  ({format_date(a.start, lang)} – {format_date(a.end, lang)}; {a.owner})")
    print(f"\n{t('roadmap.reassess', lang)}: {format_date(roadmap.reassess_on, lang)}")
    return 0


REPORT_FORMATS = (".pdf", ".docx")


def _brand() -> Any:
    from .brand import BrandError, load_brand

    try:
        return load_brand()
    except BrandError as exc:
        raise UserError(first_line(str(exc))) from None


def _write(path: str, data: bytes) -> int:
    out = Path(path)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror})") from None
    print(f"{out}: {len(data):,} bytes", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the plan for an answers file: a PDF (.pdf) or a Word document (.docx), by the output's suffix."""
    suffix = Path(args.output).suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise UserError(f"{args.output}: the format follows the suffix, one of {', '.join(REPORT_FORMATS)}")
    bank, assessment, lang = _load(args)
    brand = _brand()
    comparison = None
    if getattr(args, "compare", None):
        if suffix != ".pdf":
            raise UserError(f"--compare: the progress page is part of the PDF plan; write {Path(args.output).stem}.pdf")
        earlier, warnings = _read_assessment(bank, args.compare)
        _warn(warnings)
        from .compare import compare

        comparison = compare(bank, earlier, assessment, lang)
    if suffix == ".docx":
        import datetime as dt

        from reports.docx import plan_docx  # reports/ is imported lazily, only here

        from .plan import build_plan

        today = dt.date.today()
        return _write(args.output, plan_docx(build_plan(bank, assessment, lang, today=today), brand=brand,
                                             today=today, bank=bank, assessment=assessment))
    from reports import build_report  # the one allowed import of reports/, kept lazy

    return _write(args.output, build_report(bank, assessment, lang=lang, brand=brand, comparison=comparison))


def cmd_policy(args: argparse.Namespace) -> int:
    """Write the positive social media policy for an answers file as a Word document (.docx)."""
    if Path(args.output).suffix.lower() != ".docx":
        raise UserError(f"{args.output}: the policy is written as a Word document (.docx)")
    bank, assessment, lang = _load(args)
    brand = _brand()
    import datetime as dt

    from reports.docx import policy_docx  # reports/ is imported lazily, only here

    from .plan import build_plan
    from .policy_document import PolicyDocumentError, build_policy_document, load_policy_document

    try:
        content = load_policy_document(args.bank)
    except PolicyDocumentError as exc:
        raise UserError(first_line(str(exc))) from None
    today = dt.date.today()
    document = build_policy_document(content, build_plan(bank, assessment, lang, today=today),
                                     sector=_text_answer(assessment.answers.get("context.sector")), today=today)
    return _write(args.output, policy_docx(document, brand=brand))


def _text_answer(value: Any) -> str | None:
    return value if isinstance(value, str) else None


EXPORT_FORMATS = (".xlsx", ".csv", ".ics", ".json")


def cmd_export(args: argparse.Namespace) -> int:
    """Write the roadmap as a spreadsheet (.xlsx), CSV for Excel (.csv) or calendar events (.ics), or the
    answers file itself (.json); the format follows the output's suffix."""
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise UserError(f"{args.output}: the format follows the suffix, one of {', '.join(EXPORT_FORMATS)}")
    bank, assessment, lang = _load(args)
    from . import export
    from .answers import dumps
    from .plan import build_plan

    if suffix == ".json":
        data = dumps(bank, assessment)
    else:
        roadmap = build_plan(bank, assessment, lang).roadmap
        headers, phases, statuses = export.roadmap_names(bank, lang)
        if suffix == ".xlsx":
            data = export.roadmap_xlsx(roadmap, headers, phases, statuses, t("roadmap.title", lang))
        elif suffix == ".csv":
            data = export.roadmap_csv(roadmap, headers, phases, statuses, lang)
        else:
            name = f"{assessment.organisation or bank.meta.title.get(lang)} – {t('roadmap.title', lang)}"
            org = assessment.organisation or bank.meta.title.get(lang)
            data = export.roadmap_ics(roadmap, name, assessment.organisation or Path(args.answers).stem,
                                      reminders=export.followup_reminders(roadmap, org, lang))
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UserError(f"{args.output}: cannot write ({exc.strerror})") from None
    print(f"{out}: {len(data):,} bytes", file=sys.stderr)
    return 0


def _delta(value: float) -> str:
    return f"{value:+.1f}" if value else "±0"


def cmd_compare(args: argparse.Namespace) -> int:
    """What changed between two answers files of one organisation: scores, levels, blockers and red
    flags, knowledge gaps closed, the roadmap's progress and what to do next."""
    from .answers import parse_date
    from .compare import compare

    bank = _bank(args)
    earlier, warnings = _read_assessment(bank, args.earlier)
    _warn(warnings)
    later, warnings = _read_assessment(bank, args.later)
    _warn(warnings)
    lang = _lang(args, later)
    try:
        as_of = parse_date(args.as_of, "--as-of") if args.as_of else None
    except AnswersError as exc:
        raise UserError(str(exc)) from None
    result = compare(bank, earlier, later, lang, as_of)
    if args.json:
        _print_json(result.to_json())
        return 0

    def when(saved_at: str | None) -> str:
        return saved_at[:10] if saved_at else t("followup.undated", lang)

    print(f"{later.organisation or t('cli.unnamed', lang)} — {t('followup.compare_title', lang)}")
    print(f"{t('score.overall', lang)}: {result.earlier.overall:.0f} → {result.later.overall:.0f} "
          f"({_delta(result.overall_delta)}) · {result.earlier.level_name} → {result.later.level_name}")
    print(f"  {when(result.earlier.saved_at)} → {when(result.later.saved_at)}")
    if not result.changed:
        print(f"  {t('followup.no_change', lang)}")
    print()
    width = max(len(s.title) for s in result.sections)
    for s in result.sections:
        print(f"  {s.title:<{width}}  {s.earlier:5.0f} → {s.later:5.0f}  {_delta(s.delta)}")
    for title, change in ((t("score.blockers", lang), result.blockers), (t("score.red_flags", lang), result.red_flags)):
        for key in ("resolved", "new", "remaining"):
            ids = getattr(change, key)
            if ids:
                print(f"\n{title} · {t('followup.' + key, lang)}:")
                for fid in ids:
                    print(f"  - {result.messages.get(fid, fid)}")
    if result.gaps_closed:
        print(f"\n{t('followup.gaps_closed', lang)}: {len(result.gaps_closed)}")
    c = result.counts
    print(f"\n{t('followup.roadmap_counts', lang, done=c['done'], doing=c['doing'], todo=c['todo'], dropped=c['dropped'])}")
    for a in result.overdue:
        print(f"  ! {t('followup.overdue', lang)}: {a.title} ({format_date(a.end, lang)})")
    if result.next_steps:
        print(f"\n{t('followup.next_steps', lang)}:")
        for a in result.next_steps:
            print(f"  - {a.title} ({format_date(a.end, lang)})")
    return 0


# -- wiring ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m readiness",
                     description="Employee advocacy readiness: the question bank, scores and roadmap.")
    parser.add_argument("--bank", help="question bank folder (default: questions/)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def lang_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=languages(), help="language of the texts (default: the file's language)")

    p = sub.add_parser("questions", help="list the question bank", description=cmd_questions.__doc__)
    p.add_argument("--json", action="store_true", help="print JSON (a list of sections)")
    lang_arg(p)
    p.set_defaults(func=cmd_questions)

    p = sub.add_parser("validate", help="check a question bank folder", description=cmd_validate.__doc__)
    p.add_argument("dir", nargs="?", help="bank folder (default: questions/)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("score", help="score an answers file", description=cmd_score.__doc__)
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--json", action="store_true", help="print JSON")
    lang_arg(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("roadmap", help="the dated roadmap for an answers file", description=cmd_roadmap.__doc__)
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="start date (default: the file's, then today)")
    lang_arg(p)
    p.set_defaults(func=cmd_roadmap)

    p = sub.add_parser("report", help="write the plan (.pdf or .docx) for an answers file", description=cmd_report.__doc__)
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("-o", "--output", metavar="PLAN.pdf", required=True,
                   help="where to write the plan; the suffix chooses the format (.pdf, .docx)")
    p.add_argument("--compare", metavar="EARLIER.json", help="add a progress page comparing with an earlier answers file (PDF)")
    lang_arg(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("policy", help="write the positive social media policy (.docx) for an answers file",
                       description=cmd_policy.__doc__)
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("-o", "--output", metavar="POLICY.docx", required=True, help="where to write the Word document")
    lang_arg(p)
    p.set_defaults(func=cmd_policy)

    p = sub.add_parser("export", help="write the roadmap as .xlsx, .csv or .ics, or the answers as .json",
                       description=cmd_export.__doc__)
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("-o", "--output", metavar="FILE", required=True,
                   help="where to write it; the suffix chooses the format (.xlsx, .csv, .ics, .json)")
    lang_arg(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("compare", help="what changed between two answers files", description=cmd_compare.__doc__)
    p.add_argument("earlier", metavar="EARLIER.json")
    p.add_argument("later", metavar="LATER.json")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="judge overdue actions on this day (default: the later file's saved_at, then today)")
    lang_arg(p)
    p.set_defaults(func=cmd_compare)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings.get()
    except settings.SettingsError as exc:
        print(f"{parser.prog} {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return args.func(args)
    except UserError as exc:
        print(f"{parser.prog} {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return 0
