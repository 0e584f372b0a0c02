"""The positive social media policy as a document to adopt, composed from the plan.

The policy's points are the plan's (:attr:`readiness.plan.Plan.policy`, chosen by the answers);
this module adds what a document needs (``questions/policy_document.yaml``: preamble, the
decisions behind it, examples of good posts for the sector, the owner, a version and a date) and
fills the outline's placeholders (``[name]``, ``[place, e.g. …]``) so nothing is left unfilled.
The renderer (``reports.docx``) only lays it out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from pathlib import Path

from pydantic import Field

from .bank import DEFAULT_BANK_DIR, ID_PATTERN, LocalText
from .plan import Decision, Guardrail, Plan, PolicyPart
from .yamldata import Strict, read_yaml, validate

FILE_NAME = "policy_document.yaml"
#: A placeholder in the outline: ``[name]`` or ``[place, e.g. the intranet]``.
PLACEHOLDER = re.compile(r"\[([^\[\]]+)\]")


class PolicyDocumentError(ValueError):
    """The policy document's content file is broken (``file: field: problem``)."""


class PolicyDocumentContent(Strict):
    title: LocalText
    preamble: LocalText
    decisions_title: LocalText
    decisions_intro: LocalText
    decision_questions: tuple[str, ...] = Field(min_length=1)
    examples_title: LocalText
    examples_intro: LocalText
    examples: dict[str, tuple[LocalText, ...]]
    owner_fallback: LocalText
    owner_with_function: LocalText
    fills: dict[str, LocalText]
    guardrails_intro: LocalText
    adoption_title: LocalText
    adoption_text: LocalText

    def model_post_init(self, context: object) -> None:
        if "default" not in self.examples:
            raise ValueError("examples: a 'default' list is required")
        for key in (*self.examples, *self.fills):
            if key != "default" and not re.fullmatch(ID_PATTERN, key) and not key.isalpha():
                raise ValueError(f"{key}: not an id")


def read_policy_document(folder: str | Path = DEFAULT_BANK_DIR) -> PolicyDocumentContent:
    """Read and validate ``policy_document.yaml``; :class:`PolicyDocumentError` names what is wrong."""
    folder = Path(folder)
    display = f"{folder.name}/{FILE_NAME}"
    data = read_yaml(folder / FILE_NAME, display, PolicyDocumentError)
    try:
        return validate(PolicyDocumentContent, data, display, PolicyDocumentError)
    except ValueError as exc:
        if isinstance(exc, PolicyDocumentError):
            raise
        raise PolicyDocumentError(f"{display}: {exc}") from None


@functools.lru_cache(maxsize=4)
def load_policy_document(folder: str | None = None) -> PolicyDocumentContent:
    """The content, read once per process."""
    return read_policy_document(folder or DEFAULT_BANK_DIR)


@dataclasses.dataclass(frozen=True)
class PolicyDocument:
    """Everything the policy document prints, every text resolved and in one language."""

    lang: str
    organisation: str
    title: str
    preamble: str
    owner: str
    version: str
    date: dt.date
    decisions_title: str
    decisions_intro: str
    decisions: tuple[Decision, ...]
    platforms: str
    parts: tuple[PolicyPart, ...]
    examples_title: str
    examples_intro: str
    examples: tuple[str, ...]
    guardrails_intro: str
    guardrails: tuple[Guardrail, ...]
    adoption_title: str
    adoption_text: str


def fill_placeholders(text: str, fills: dict[str, str]) -> str:
    """``text`` with each ``[word …]`` replaced by ``fills[word]`` (placeholders with no fill are kept)."""

    def repl(m: re.Match[str]) -> str:
        key = re.split(r"[\s,]", m.group(1).strip(), maxsplit=1)[0].lower()
        return fills.get(key, m.group(0))

    return PLACEHOLDER.sub(repl, text)


def owner_text(content: PolicyDocumentContent, plan: Plan) -> str:
    """Who owns the policy: the owning function chosen in the plan, or a role when none is chosen."""
    lang = plan.lang
    function = next((d for d in plan.decisions if d.question == "ownership.function"), None)
    if function is not None and function.decided:
        return content.owner_with_function.get(lang).format(function=function.answer)
    return content.owner_fallback.get(lang)


def build_policy_document(content: PolicyDocumentContent, plan: Plan, *, sector: str | None, today: dt.date,
                          version: str = "1.0", owner: str | None = None) -> PolicyDocument:
    """The policy document for ``plan``: the plan's policy points with placeholders filled, the
    decisions behind it, the sector's examples, the owner (``owner`` or from the plan), version and date."""
    lang = plan.lang
    owner = (owner or "").strip() or owner_text(content, plan)
    fills = {k: v.get(lang).format(owner=owner) for k, v in content.fills.items()}
    parts = tuple(PolicyPart(p.id, p.title, tuple(fill_placeholders(x, fills) for x in p.points)) for p in plan.policy)
    by_id = {d.question: d for d in plan.decisions}
    chosen = tuple(by_id[q] for q in content.decision_questions if q in by_id)
    platforms = by_id["platforms.start"].answer if "platforms.start" in by_id else ""
    examples = content.examples.get(sector or "", content.examples["default"])
    return PolicyDocument(
        lang=lang, organisation=plan.organisation, title=content.title.get(lang),
        preamble=content.preamble.get(lang), owner=owner, version=version, date=today,
        decisions_title=content.decisions_title.get(lang), decisions_intro=content.decisions_intro.get(lang),
        decisions=chosen, platforms=platforms, parts=parts,
        examples_title=content.examples_title.get(lang), examples_intro=content.examples_intro.get(lang),
        examples=tuple(fill_placeholders(e.get(lang), fills) for e in examples),
        guardrails_intro=content.guardrails_intro.get(lang), guardrails=plan.guardrails,
        adoption_title=content.adoption_title.get(lang), adoption_text=content.adoption_text.get(lang))
