"""Content files as data: one strict base model, one YAML reader, one way of naming what is wrong.

The question bank, the brand file and the locale files are all read through here, so a broken
file always fails the same way: one line per problem, ``file: path.to.field: what is wrong``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

#: PyYAML's libyaml-based safe loader when available: the same data, ~10x faster than the pure-Python one
#: (reading the bank and the locales was most of the app's cold start; see docs/benchmarks.md).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = str(part).rstrip("_")
            # pydantic puts union/literal tags in the path; they mean nothing to a content author
            if part.startswith(("function-", "tagged-union")):
                continue
            out += ("." if out else "") + part
    return out or "(top)"


def _message(err: Any) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "unknown field"
    msg = str(err.get("msg", "invalid"))
    return msg.removeprefix("Value error, ")


def problems(exc: ValidationError, display: str, prefix: str = "") -> list[str]:
    """One ``display: field: problem`` line per error of a pydantic validation (fields under ``prefix``)."""
    return [f"{display}: {prefix + '.' if prefix else ''}{_loc(e['loc'])}: {_message(e)}" for e in exc.errors()]


def read_yaml(path: Path, display: str, error: type[Exception]) -> Any:
    """The YAML mapping in ``path``; ``error(display: problem)`` when it cannot be read or parsed."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error(f"{display}: not UTF-8 text") from None
    except FileNotFoundError:
        raise error(f"{display}: file not found") from None
    except OSError as exc:
        raise error(f"{display}: cannot read ({exc.strerror})") from None
    try:
        data = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise error(f"{display}: {problem}{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise error(f"{display}: (top): expected a mapping of fields")
    return data


def validate(model: type[M], data: Any, display: str, error: type[Exception]) -> M:
    """``model`` built from ``data``; ``error`` with one line per problem when it does not fit."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error("\n".join(problems(exc, display))) from None


def first_line(message: str) -> str:
    """The first problem of a multi-line error, with how many more there are (for one-line messages)."""
    first, *rest = str(message).splitlines() or [""]
    return first + (f" (and {len(rest)} more)" if rest else "")
