"""Turning pydantic validation errors into one-line messages that say what is allowed.

Shared by parameters, scenario files and experiment files, so every input error reads the same way:
``where: key: what is wrong; what is allowed (did you mean …?)``.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from hrsim.errors import InputError


def suggest(name: str, choices: Sequence[str]) -> str:
    """Return `` (did you mean 'x'?)`` for a misspelt name, or an empty string."""
    close = difflib.get_close_matches(str(name), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() and abs(value) >= 10_000 \
        else f"{value:g}"


def identifier(pattern: str, allowed: str, max_length: int) -> Any:
    """A name field checked by `pattern`; `allowed` says in words what it may hold."""
    return Field(pattern=pattern, max_length=max_length, description=f"Identifier: {allowed}.",
                 json_schema_extra={"allowed": allowed})


def describe(info: FieldInfo) -> str:
    """The values a field accepts, in words (e.g. 'an integer from 1 to 20')."""
    kind = info.annotation
    union = typing.get_origin(kind) in (typing.Union, types.UnionType)
    kinds = [a for a in typing.get_args(kind) if a is not type(None)] if union else [kind]
    return " or ".join(_describe_kind(k, info) for k in kinds)


def _describe_kind(kind: Any, info: FieldInfo) -> str:
    limits = _limits(info.metadata)
    if kind is bool:
        return "true or false"
    origin = typing.get_origin(kind) or kind
    if origin in (list, tuple, dict):
        args = typing.get_args(kind)
        items = _items(args[-1] if origin is dict else args[0]) if args else ""
        least = limits.get("min_length")
        return ("a table" if origin is dict else "a list") + items + (
            f", at least {least}" if least else "")
    if typing.get_origin(kind) is Literal:
        return "one of " + ", ".join(repr(v) for v in typing.get_args(kind))
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return f"a table with the keys {', '.join(kind.model_fields)}"
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if kind is str and "allowed" in extra:
        longest = limits.get("max_length")
        return f"a text of {extra['allowed']}" + (f", at most {longest} characters"
                                                  if longest else "")
    noun = {int: "an integer", float: "a number", str: "a text"}.get(kind, f"a {kind}")
    bounds = _bounds(limits)
    return f"{noun} {bounds}" if bounds else noun


def _items(kind: Any) -> str:
    """`` of integers from 1 to 250``: the items of a list or table, with their own bounds."""
    base, *metadata = typing.get_args(kind) if typing.get_origin(kind) is Annotated else (kind,)
    noun = {int: "integers", float: "numbers", str: "texts"}.get(base)
    if noun is None:
        return ""
    bounds = _bounds(_limits(metadata))
    return f" of {noun} {bounds}" if bounds else f" of {noun}"


def _limits(metadata: Sequence[Any]) -> dict[str, Any]:
    """Bounds and lengths declared in a field's metadata (or in a `Field` inside `Annotated`)."""
    limits: dict[str, Any] = {}
    for meta in metadata:
        for item in meta.metadata if isinstance(meta, FieldInfo) else [meta]:
            for name in ("ge", "le", "gt", "lt", "min_length", "max_length"):
                if getattr(item, name, None) is not None:
                    limits[name] = getattr(item, name)
    return limits


def _bounds(limits: dict[str, Any]) -> str:
    """``from 1 to 20``, ``≥ 0`` …: the bounds of a number in words (empty if it has none)."""
    lo, hi = limits.get("ge"), limits.get("le")
    if lo is not None and hi is not None:
        return f"from {_number(lo)} to {_number(hi)}"
    return " and ".join(f"{sign} {_number(limits[name])}" for sign, name in
                        (("≥", "ge"), (">", "gt"), ("≤", "le"), ("<", "lt")) if name in limits)


def dotted(loc: Sequence[Any]) -> str:
    """``('policies', 2, 'start')`` → ``policies[2].start``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def explain(exc: ValidationError, model: type[BaseModel], values: dict[str, Any],
            prefix: Sequence[Any] = ()) -> tuple[tuple[Any, ...], str]:
    """The location and a one-line message for the first error of `exc`.

    A wrong value is reported at the field it was given for (the whole list, not its item) with
    what the field accepts, so the message names a key the file has and its line can be found.

    Args:
        exc: The pydantic error raised when validating `values` against `model`.
        model: The model class validated.
        values: The raw input.
        prefix: Location of `values` inside the file (e.g. ``("policies", 0)``).
    """
    errors = exc.errors()
    # a misspelt key explains the "missing" error of the key it was meant to be: report it first
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(err["loc"])
    if not loc:  # a check of the whole table
        return tuple(prefix), f"{dotted(prefix)}: {_reason(err)}"
    owner, depth = _owner(model, loc)
    where = (*prefix, *loc[:depth + 1])
    if err["type"] == "extra_forbidden":
        fields = list(owner.model_fields)
        return where, (f"{dotted(where)}: unknown key{suggest(str(loc[depth]), fields)}; "
                       f"allowed: {', '.join(fields)}")
    if err["type"] == "missing":
        return where, f"{dotted(where)}: missing (required)"
    info = owner.model_fields.get(loc[depth])
    if info is None or err["type"] == "value_error":  # a validator's message says what is allowed
        return where, f"{dotted(where)}: {_reason(err)}"
    got: Any = values
    for part in loc[:depth + 1]:
        got = got.get(part) if isinstance(got, dict) else None
    return where, f"{dotted(where)} must be {describe(info)} (got {got!r})"


def _owner(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[type[BaseModel], int]:
    """The model holding the field an error at `loc` is about, and that field's index in `loc`.

    Descends into nested tables (e.g. a scenario's ``title``) and stops at the first field that is
    not one, or at a key the model does not have (an unknown key).
    """
    depth = 0
    while depth < len(loc) - 1:
        field = model.model_fields.get(loc[depth]) if isinstance(loc[depth], str) else None
        kind = field.annotation if field else None
        if not (isinstance(kind, type) and issubclass(kind, BaseModel)):
            break
        model, depth = kind, depth + 1
    return model, depth


def _reason(err: ErrorDetails) -> str:
    return str(err["msg"]).removeprefix("Value error, ")


def locate(text: str, loc: Sequence[Any]) -> int | None:
    """Best-effort line number of a key in TOML `text` (tables and arrays of tables).

    ``("policies", 1, "start")`` finds ``start =`` inside the second ``[[policies]]`` block; a
    location that names a table, ``("kelurahan", 12)``, finds its header (the thirteenth
    ``[[kelurahan]]``). Returns None when neither can be found (the message then names the key
    only).
    """
    path = [p for p in loc if not isinstance(p, int)]
    indices = [p for p in loc if isinstance(p, int)]
    if not path:
        return None
    key, tables = path[-1], path[:-1]
    table = ".".join(str(p) for p in path)
    section: list[str] = []
    seen: dict[str, int] = {}
    heading = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\[?\s*([\w.\-]+)\s*\]\]?(?:\s*#.*)?", stripped)
        if header:
            section = header.group(1).split(".")
            seen[header.group(1)] = seen.get(header.group(1), -1) + 1
            if heading is None and header.group(1) == table and (
                    not indices or seen[table] == indices[0]):
                heading = number
            continue
        in_table = section == [str(t) for t in tables]
        if in_table and re.match(rf"{re.escape(str(key))}\s*=", stripped):
            name = ".".join(str(t) for t in tables)
            if not indices or seen.get(name, 0) == indices[0]:
                return number
    return heading


class LocatedError(InputError):
    """A problem at a location inside an input (e.g. ``("factors", 1, "range")``).

    Its message names the key; `located` turns it into a one-line `InputError` that also names the
    file and the line where the key is found.
    """

    def __init__(self, loc: tuple[Any, ...], message: str) -> None:
        super().__init__(message)
        self.loc, self.message = loc, message


def check_model[M: BaseModel](cls: type[M], values: Any, where: tuple[Any, ...] = ()) -> M:
    """`cls` built from the table `values` found at `where` in an input file.

    Raises:
        LocatedError: `values` is not a table, or a field is missing, unknown or invalid.
    """
    if not isinstance(values, dict):
        raise LocatedError(where, f"{dotted(where)}: expected a table (got {values!r})")
    try:
        return cls(**values)
    except ValidationError as exc:
        raise LocatedError(*explain(exc, cls, values, prefix=where)) from None


def located(problem: LocatedError, text: str, origin: str) -> InputError:
    """The one-line `InputError` for `problem` in the file `origin` whose content is `text`."""
    line = locate(text, problem.loc)
    return InputError(f"{origin}, line {line}: {problem.message}" if line
                      else f"{origin}: {problem.message}")


def read_text(path: Path, kind: str, encoding: str = "utf-8") -> str:
    """The text of the user's input file `path` (a `kind` file, e.g. ``"TOML"``).

    Raises:
        InputError: One line: the file is missing, a folder, or not UTF-8 text.
    """
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise InputError(f"{path}: not a UTF-8 {kind} file") from None


def parse_toml(text: str, origin: str) -> dict[str, Any]:
    """The data of TOML `text`; `origin` names it in the one-line `InputError` when malformed."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{origin}: not valid TOML: {exc}") from None
