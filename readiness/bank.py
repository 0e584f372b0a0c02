"""The question bank: content as data, loaded once from YAML and validated by a strict schema.

A bank folder holds:

- ``bank.yaml``: the bank version, languages (those of the locale files), the shared maturity
  scale, levels, phases and retired ids;
- ``NN_<section>.yaml``: one file per section (``00_context.yaml`` first), with its questions;
- ``rules.yaml``: blockers, red flags and roadmap action rules;
- ``facts.yaml``, ``guardrails.yaml``, ``policy.yaml``, ``kpis.yaml``: the other content the
  product shows (cited facts, Danish guardrails, the policy outline, KPIs to track).

Every model forbids unknown fields, and every text is a :class:`LocalText` holding each
language of :func:`readiness.i18n.languages`. A broken file raises :class:`BankError` with one line per problem, in the
form ``questions/02_platforms.yaml: questions[3].options[1].label.da: missing``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidatorFunctionWrapHandler, model_validator
from pydantic_core import InitErrorDetails

from .i18n import DEFAULT_LANGUAGE, languages
from .yamldata import Strict, read_yaml, validate

DEFAULT_BANK_DIR = Path(__file__).resolve().parent.parent / "questions"
SCALE_MAX = 4
ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"


class BankError(ValueError):
    """A bank folder is missing, unreadable or breaks the schema; the message names file and field."""


class LocalText(BaseModel):
    """One text in every language of the product (``text.da``, ``text.en``, ... or :meth:`get`).

    The languages are the locale files present, so they are checked when a bank is read, not
    declared as fields: a missing one is ``label.da: missing``, an unknown one ``label.fr:
    unknown field``, as pydantic reports fields.
    """

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Annotated[str, Field(min_length=1)]]

    @model_validator(mode="wrap")
    @classmethod
    def _every_language(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> LocalText:
        if isinstance(data, dict):
            wanted = languages()
            errors = [InitErrorDetails(type="missing", loc=(lang,), input=data) for lang in wanted if lang not in data]
            errors += [InitErrorDetails(type="extra_forbidden", loc=(str(key),), input=value)
                       for key, value in data.items() if key not in wanted]
            if errors:
                raise ValidationError.from_exception_data(cls.__name__, errors)
        return handler(data)

    def __hash__(self) -> int:  # pydantic's frozen hash covers declared fields only, and this model has none
        return hash(tuple(sorted((self.__pydantic_extra__ or {}).items())))

    def get(self, lang: str) -> str:
        """The text in ``lang`` (Danish when the language is unknown)."""
        texts = self.__pydantic_extra__ or {}
        return texts.get(lang) or texts[DEFAULT_LANGUAGE]


class Option(Strict):
    id: str = Field(pattern=ID_PATTERN)
    label: LocalText
    value: int | None = Field(default=None, ge=0, le=SCALE_MAX)
    dont_know: bool = False
    help: LocalText | None = None
    exclusive: bool = Field(default=False, description="a multiple choice's option that rules out the others "
                            "(\"no training\"): a group's suggested answer never combines it with another option")


class ScaleStep(Strict):
    id: str = Field(pattern=ID_PATTERN)
    label: LocalText
    value: int | None = Field(default=None, ge=0, le=SCALE_MAX)
    dont_know: bool = False
    meaning: LocalText | None = None


class Scale(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: LocalText
    steps: tuple[ScaleStep, ...]

    @model_validator(mode="after")
    def _steps(self) -> Scale:
        values = [s.value for s in self.steps if not s.dont_know]
        if sorted(v for v in values if v is not None) != list(range(SCALE_MAX + 1)):
            raise ValueError(f"steps must carry each value 0..{SCALE_MAX} once")
        return self


class Level(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: LocalText
    meaning: LocalText
    min_score: float = Field(ge=0, le=100)
    advice: LocalText | None = None


class Phase(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: LocalText
    weeks: int = Field(ge=1, le=104)
    goal: LocalText | None = None


class Holiday(Strict):
    """A period in which no action should start (month-day ranges, any year)."""

    id: str = Field(pattern=ID_PATTERN)
    name: LocalText
    start: str = Field(pattern=r"^\d\d-\d\d$", description="MM-DD")
    end: str = Field(pattern=r"^\d\d-\d\d$", description="MM-DD, may wrap into the next year")
    keeps_pilot_out: bool = Field(default=False, description="no pilot runs through it: the pilot is shortened or moved")


class Retired(Strict):
    questions: tuple[str, ...] = ()
    options: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class BankMeta(Strict):
    version: str = Field(min_length=1)
    languages: tuple[str, ...] = Field(default_factory=languages)
    title: LocalText
    scale: Scale
    levels: tuple[Level, ...]
    phases: tuple[Phase, ...]
    holidays: tuple[Holiday, ...] = ()
    retired: Retired = Retired()
    reassess_after_weeks: int = Field(default=26, ge=1, le=104)

    @model_validator(mode="after")
    def _levels(self) -> BankMeta:
        bounds = [lv.min_score for lv in self.levels]
        if not bounds or bounds[0] != 0:
            raise ValueError("levels: the first level must start at min_score 0")
        if bounds != sorted(set(bounds)):
            raise ValueError("levels: min_score must increase strictly")
        return self


QuestionKind = Literal["single", "multi", "scale", "text", "number", "date"]


def version_key(version: str) -> tuple:
    """A bank version ("2026.12.1") as something that sorts in release order."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in version.split("."))


class Question(Strict):
    id: str = Field(pattern=ID_PATTERN)
    kind: QuestionKind
    text: LocalText
    help: LocalText | None = None
    required: bool = False
    scored: bool | None = None
    weight: float = Field(default=1.0, gt=0, le=10)
    options: tuple[Option, ...] = ()
    widget: Literal["radio", "select", "slider", "pills"] | None = None
    min: float | None = None
    max: float | None = None
    max_length: int = Field(default=5000, ge=1, le=5000)
    decision: bool = Field(default=False, description="one of the section's key decisions, shown in the plan")
    added_in: str | None = Field(default=None, description="the bank version that introduced the question: "
                                 "an assessment from an older version is not scored down for lacking it")

    @model_validator(mode="after")
    def _shape(self) -> Question:
        scored = self.is_scored
        if self.scored and self.kind not in ("single", "scale"):
            raise ValueError(f"scored: only single and scale questions can be scored, not {self.kind}")
        if self.kind in ("single", "multi") and len(self.options) < 2:
            raise ValueError(f"options: a {self.kind} question needs at least two options")
        if self.kind in ("text", "number", "date", "scale") and self.options:
            raise ValueError(f"options: a {self.kind} question takes no options of its own")
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"options: duplicate option id {_first_duplicate(ids)!r}")
        if self.kind == "single" and scored:
            for i, o in enumerate(self.options):
                if o.value is None and not o.dont_know:
                    raise ValueError(f"options[{i}].value: a scored question needs a value 0..4 on every option "
                                     "but \"don't know\"")
        if not scored:
            for i, o in enumerate(self.options):
                if o.value is not None:
                    raise ValueError(f"options[{i}].value: only scored questions carry values")
        for i, o in enumerate(self.options):
            if o.exclusive and self.kind != "multi":
                raise ValueError(f"options[{i}].exclusive: only a multiple choice's options can be exclusive")
        return self

    @property
    def is_scored(self) -> bool:
        if self.scored is not None:
            return self.scored
        return self.kind == "scale"


class Section(Strict):
    id: str = Field(pattern=ID_PATTERN)
    number: int = Field(ge=0, le=99)
    title: LocalText
    short: LocalText
    planning_question: LocalText | None = None
    intro: LocalText
    weight: float = Field(default=1.0, ge=0, le=10)
    questions: tuple[Question, ...]

    @property
    def scored_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.is_scored)


class Condition(Strict):
    """A test on answers, section scores or context, written as data.

    Exactly one subject (``answer``, ``section``, ``overall``, ``always``) or one combinator
    (``all``, ``any``, ``not``). The predicates next to a subject must all hold.
    """

    all: tuple[Condition, ...] | None = None
    any: tuple[Condition, ...] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    always: bool | None = None
    answer: str | None = None
    section: str | None = None
    overall: bool | None = None
    is_: str | None = Field(default=None, alias="is")
    in_: tuple[str, ...] | None = Field(default=None, alias="in")
    includes: str | None = None
    includes_any: tuple[str, ...] | None = None
    count_gte: int | None = None
    shares_none_with: str | None = None
    lt: float | None = None
    lte: float | None = None
    gt: float | None = None
    gte: float | None = None
    unknown: bool | None = None
    missing: bool | None = None
    answered: bool | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Condition:
        heads = [k for k in ("all", "any", "not_", "always", "answer", "section", "overall") if getattr(self, k) is not None]
        if len(heads) != 1:
            raise ValueError("a condition needs exactly one of all, any, not, always, answer, section, overall")
        preds = self.predicates()
        if heads[0] in ("all", "any", "not_", "always") and preds:
            raise ValueError(f"{heads[0].rstrip('_')}: takes no predicates ({', '.join(preds)})")
        if heads[0] in ("answer", "section", "overall") and not preds:
            raise ValueError(f"{heads[0]}: needs at least one predicate (is, in, includes, lt, gte, unknown, ...)")
        if heads[0] in ("section", "overall"):
            bad = [p for p in preds if p not in ("lt", "lte", "gt", "gte")]
            if bad:
                raise ValueError(f"{heads[0]}: only lt, lte, gt, gte apply to scores, not {', '.join(bad)}")
        return self

    def predicates(self) -> list[str]:
        names = ("is_", "in_", "includes", "includes_any", "count_gte", "shares_none_with", "lt", "lte", "gt",
                 "gte", "unknown", "missing", "answered")
        return [n.rstrip("_") for n in names if getattr(self, n) is not None]


class Variant(Strict):
    """Context-dependent wording of an action: the first variant whose condition holds wins."""

    when: Condition
    title: LocalText | None = None
    why: LocalText | None = None
    kpi: LocalText | None = None
    duration_weeks: int | None = Field(default=None, ge=1, le=52)


class Reason(Strict):
    """The reason an action gives for one trigger: it replaces the first sentence of the action's
    ``why``; the first reason whose condition holds wins (so no reason needs an "X, or Y")."""

    when: Condition
    why: LocalText


class Finding(Strict):
    id: str = Field(pattern=ID_PATTERN)
    when: Condition
    message: LocalText
    source: str | None = None
    order: int = Field(default=5, ge=0, le=9, description="summary order: voluntariness and law first (0)")


class Blocker(Finding):
    caps_level: str


class ActionRule(Strict):
    id: str = Field(pattern=ID_PATTERN)
    when: Condition
    phase: str
    priority: int = Field(default=5, ge=0, le=9)
    offset_weeks: int = Field(default=0, ge=0, le=52)
    from_end: bool = Field(default=False, description="offset_weeks counts back from the phase's last week")
    every_weeks: int | None = Field(default=None, ge=1, le=26,
                                    description="recurring: repeats every n weeks from its start to its phase's end")
    duration_weeks: int = Field(ge=1, le=52)
    title: LocalText
    why: LocalText
    kpi: LocalText
    owner: LocalText | None = None
    section: str | None = None
    source: str | None = None
    variants: tuple[Variant, ...] = ()
    reasons: tuple[Reason, ...] = ()


class Rules(Strict):
    owner_question: str
    owner_fallback: LocalText
    top_management: LocalText | None = None
    sponsor: LocalText | None = None
    blockers: tuple[Blocker, ...]
    red_flags: tuple[Finding, ...]
    actions: tuple[ActionRule, ...]


class Source(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    detail: LocalText | None = None
    url: str | None = None


class Fact(Strict):
    id: str = Field(pattern=ID_PATTERN)
    figure: str
    text: LocalText
    source: str
    note: LocalText | None = None


class Guardrail(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: LocalText
    text: LocalText
    source: str


class Facts(Strict):
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]


class Guardrails(Strict):
    disclaimer: LocalText
    guardrails: tuple[Guardrail, ...]


class PolicyPoint(Strict):
    text: LocalText
    when: Condition | None = None


class PolicySection(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: LocalText
    points: tuple[PolicyPoint, ...]


class Policy(Strict):
    title: LocalText
    intro: LocalText
    sections: tuple[PolicySection, ...]


class Kpi(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: LocalText
    how: LocalText
    target: LocalText
    source: str | None = None
    when: Condition | None = None


class Kpis(Strict):
    kpis: tuple[Kpi, ...]


class Bank(Strict):
    """The whole validated bank. Immutable; obtain it with :func:`load_bank`."""

    meta: BankMeta
    sections: tuple[Section, ...]
    rules: Rules
    facts: Facts
    guardrails: Guardrails
    policy: Policy
    kpis: Kpis

    @property
    def version(self) -> str:
        return self.meta.version

    def lacked_by(self, version: str | None) -> frozenset[str]:
        """The ids of questions added after bank ``version`` (none when the version is unknown)."""
        if not version or version == self.version:
            return frozenset()
        older = version_key(version)
        return frozenset(q.id for q in self.questions.values()
                         if q.added_in is not None and version_key(q.added_in) > older)

    @functools.cached_property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for s in self.sections for q in s.questions}

    @functools.cached_property
    def section_of(self) -> dict[str, Section]:
        return {q.id: s for s in self.sections for q in s.questions}

    @functools.cached_property
    def section_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    @functools.cached_property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.facts.sources}

    @functools.cached_property
    def phase_by_id(self) -> dict[str, Phase]:
        return {p.id: p for p in self.meta.phases}

    @functools.cached_property
    def level_by_id(self) -> dict[str, Level]:
        return {lv.id: lv for lv in self.meta.levels}

    def options_of(self, question: Question) -> tuple[Option | ScaleStep, ...]:
        """The options a user picks from: the shared scale for scale questions."""
        return self.meta.scale.steps if question.kind == "scale" else question.options

    def option(self, question: Question, option_id: str) -> Option | ScaleStep | None:
        return next((o for o in self.options_of(question) if o.id == option_id), None)

    @property
    def planning_sections(self) -> tuple[Section, ...]:
        """The sections that carry scored questions (the seven planning questions)."""
        return tuple(s for s in self.sections if s.scored_questions)


# -- loading --------------------------------------------------------------------------------

SECTION_FILE = re.compile(r"^\d\d_[a-z0-9_]+\.ya?ml$")
_SINGLE_FILES = {
    "meta": ("bank.yaml", BankMeta),
    "rules": ("rules.yaml", Rules),
    "facts": ("facts.yaml", Facts),
    "guardrails": ("guardrails.yaml", Guardrails),
    "policy": ("policy.yaml", Policy),
    "kpis": ("kpis.yaml", Kpis),
}


def _first_duplicate(items: list[str]) -> str | None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None


def _read_yaml(path: Path, display: str) -> Any:
    return read_yaml(path, display, BankError)


def _validate(model: type[Strict], data: Any, display: str) -> Any:
    return validate(model, data, display, BankError)


def _display(folder: Path, name: str) -> str:
    return f"{folder.name}/{name}"


def read_bank(folder: str | Path = DEFAULT_BANK_DIR) -> Bank:
    """Read and validate a bank folder. Raises :class:`BankError` naming every problem found."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BankError(f"{folder}: not a folder")
    parts: dict[str, Any] = {}
    problems: list[str] = []
    for key, (name, model) in _SINGLE_FILES.items():
        path = folder / name
        if not path.exists():
            problems.append(f"{_display(folder, name)}: missing file")
            continue
        try:
            parts[key] = _validate(model, _read_yaml(path, _display(folder, name)), _display(folder, name))
        except BankError as exc:
            problems.append(str(exc))
    sections: list[Section] = []
    files = sorted(p for p in folder.iterdir() if SECTION_FILE.match(p.name))
    if not files:
        problems.append(f"{folder.name}/: no section files (NN_name.yaml)")
    for path in files:
        try:
            sections.append(_validate(Section, _read_yaml(path, _display(folder, path.name)), _display(folder, path.name)))
        except BankError as exc:
            problems.append(str(exc))
    if problems:
        raise BankError("\n".join(problems))
    bank = Bank(sections=tuple(sections), **parts)
    problems = check_references(bank, {s.id: _display(folder, p.name) for s, p in zip(sections, files)},
                                _display(folder, "rules.yaml"))
    if problems:
        raise BankError("\n".join(problems))
    return bank


def check_references(bank: Bank, section_files: dict[str, str], rules_file: str) -> list[str]:
    """Cross-file checks: unique ids, every reference resolves, languages complete."""
    problems: list[str] = []
    meta = bank.meta
    if sorted(meta.languages) != sorted(languages()):
        problems.append(f"bank.yaml: languages: must be the languages of the locale files, {list(languages())}")
    seen_sections: set[str] = set()
    seen_questions: dict[str, str] = {}
    numbers: set[int] = set()
    for s in bank.sections:
        where = section_files.get(s.id, s.id)
        if s.id in seen_sections:
            problems.append(f"{where}: id: duplicate section id {s.id!r}")
        seen_sections.add(s.id)
        if s.number in numbers:
            problems.append(f"{where}: number: duplicate section number {s.number}")
        numbers.add(s.number)
        for i, q in enumerate(s.questions):
            if not q.id.startswith(s.id + "."):
                problems.append(f"{where}: questions[{i}].id: {q.id!r} must start with the section id {s.id + '.'!r}")
            if q.id in seen_questions:
                problems.append(f"{where}: questions[{i}].id: duplicate question id {q.id!r} (also in {seen_questions[q.id]})")
            seen_questions[q.id] = where
            if q.id in meta.retired.questions:
                problems.append(f"{where}: questions[{i}].id: {q.id!r} is listed as retired in bank.yaml")
            for j, o in enumerate(q.options):
                if o.id in meta.retired.options.get(q.id, ()):
                    problems.append(f"{where}: questions[{i}].options[{j}].id: {o.id!r} is listed as retired")
    level_ids = {lv.id for lv in meta.levels}
    phase_ids = {p.id for p in meta.phases}
    source_ids = {s.id for s in bank.facts.sources}
    questions = bank.questions

    def cond(c: Condition | None, where: str) -> None:
        if c is None:
            return
        for sub_name in ("all", "any"):
            for k, sub in enumerate(getattr(c, sub_name) or ()):
                cond(sub, f"{where}.{sub_name}[{k}]")
        if c.not_ is not None:
            cond(c.not_, f"{where}.not")
        if c.section is not None and c.section not in bank.section_by_id:
            problems.append(f"{where}.section: unknown section {c.section!r}")
        if c.answer is None:
            return
        q = questions.get(c.answer)
        if q is None:
            problems.append(f"{where}.answer: unknown question {c.answer!r}")
            return
        option_ids = {o.id for o in bank.options_of(q)}
        for name in ("is_", "includes"):
            val = getattr(c, name)
            if val is not None and val not in option_ids:
                problems.append(f"{where}.{name.rstrip('_')}: {q.id!r} has no option {val!r}")
        for name in ("in_", "includes_any"):
            for val in getattr(c, name) or ():
                if val not in option_ids:
                    problems.append(f"{where}.{name.rstrip('_')}: {q.id!r} has no option {val!r}")
        if (c.includes or c.includes_any or c.count_gte is not None or c.shares_none_with) and q.kind != "multi":
            problems.append(f"{where}: includes/count_gte/shares_none_with need a multi question, {q.id!r} is {q.kind}")
        if c.shares_none_with is not None and c.shares_none_with not in questions:
            problems.append(f"{where}.shares_none_with: unknown question {c.shares_none_with!r}")
        if any(getattr(c, n) is not None for n in ("lt", "lte", "gt", "gte")) and not (q.is_scored or q.kind == "number"):
            problems.append(f"{where}: lt/lte/gt/gte need a scored or number question, {q.id!r} is neither")

    def src(value: str | None, where: str) -> None:
        if value is not None and value not in source_ids:
            problems.append(f"{where}.source: unknown source {value!r} (see facts.yaml)")

    rules = bank.rules
    if rules.owner_question not in questions:
        problems.append(f"{rules_file}: owner_question: unknown question {rules.owner_question!r}")
    ids: list[str] = []
    for i, b in enumerate(rules.blockers):
        cond(b.when, f"{rules_file}: blockers[{i}].when")
        src(b.source, f"{rules_file}: blockers[{i}]")
        if b.caps_level not in level_ids:
            problems.append(f"{rules_file}: blockers[{i}].caps_level: unknown level {b.caps_level!r}")
        ids.append(b.id)
    for i, r in enumerate(rules.red_flags):
        cond(r.when, f"{rules_file}: red_flags[{i}].when")
        src(r.source, f"{rules_file}: red_flags[{i}]")
        ids.append(r.id)
    for i, a in enumerate(rules.actions):
        where = f"{rules_file}: actions[{i}]"
        cond(a.when, f"{where}.when")
        src(a.source, where)
        for k, v in enumerate(a.variants):
            cond(v.when, f"{where}.variants[{k}].when")
        if a.phase not in phase_ids:
            problems.append(f"{where}.phase: unknown phase {a.phase!r}")
        if a.section is not None and a.section not in bank.section_by_id:
            problems.append(f"{where}.section: unknown section {a.section!r}")
        ids.append(a.id)
    dup = _first_duplicate(ids)
    if dup:
        problems.append(f"{rules_file}: duplicate rule id {dup!r}")
    for i, f in enumerate(bank.facts.facts):
        src(f.source, f"facts.yaml: facts[{i}]")
    for i, g in enumerate(bank.guardrails.guardrails):
        src(g.source, f"guardrails.yaml: guardrails[{i}]")
    for i, k in enumerate(bank.kpis.kpis):
        src(k.source, f"kpis.yaml: kpis[{i}]")
        cond(k.when, f"kpis.yaml: kpis[{i}].when")
    for i, ps in enumerate(bank.policy.sections):
        for j, p in enumerate(ps.points):
            cond(p.when, f"policy.yaml: sections[{i}].points[{j}].when")
    return problems


@functools.lru_cache(maxsize=8)
def _load_cached(folder: str, langs: tuple[str, ...]) -> Bank:
    return read_bank(folder)


def load_bank(folder: str | Path | None = None) -> Bank:
    """The bank, read and validated once per process (cached by folder path and the languages).

    Every widget of every page asks for it, so a folder is resolved once, not on each call:
    resolving walks the path's symlinks, a system call per part."""
    return _load_cached(_resolved(str(folder or DEFAULT_BANK_DIR)), languages())


@functools.lru_cache(maxsize=32)
def _resolved(folder: str) -> str:
    return str(Path(folder).resolve())
