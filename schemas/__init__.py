"""The data files, checked when loaded: the database contract, and the header synonyms and vocabularies
that steer normalisation."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from pipeline.errors import ConfigError
from pipeline.models import Action, Commitment, DocKind, Funding, Indicator, IndicatorValue, Rag, Risk

FILES = ("headers", "vocabularies", "contract", "officers", "commentary")
COLUMN_TYPES = {"integer": int, "text": str, "real": float}
TABLE_KEYS = {"description", "pk", "label", "sort", "sort_desc", "facets", "fts", "indexes", "unique", "columns"}
COLUMN_KEYS = {"type", "description", "unit", "references", "extra"}
# The record types each table kind of headers.toml fills.
RECORDS: dict[str, tuple[type, ...]] = {
    "commitments": (Commitment,),
    "actions": (Action,),
    "indicators": (Indicator, IndicatorValue),
    "funding": (Funding,),
    "risks": (Risk,),
}
LABELS: dict[str, tuple[type, ...]] = {"indicator": (Indicator,)}
CONTENT_TYPES = frozenset({
    "number", "rag", "direction", "polarity", "person", "date", "ref", "code_text", "sentence", "text",
    "frequency", "period", "numbered",
})


@cache
def load(name: str) -> dict[str, Any]:
    """Read one of the schema files by name ("headers", "vocabularies", "contract", "officers", "commentary"), checked."""
    if name not in FILES:
        raise KeyError(f"no schema file named {name!r}; expected one of {', '.join(FILES)}")
    text = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"schemas/{name}.toml: {exc}; fix the file") from None
    {"headers": check_headers, "vocabularies": check_vocabularies, "contract": check_contract,
     "officers": check_officers, "commentary": check_commentary}[name](data)
    return data


def _columns(types: tuple[type, ...]) -> set[str]:
    return {f.name for kind in types for f in dataclasses.fields(kind)}


def check_headers(data: dict[str, Any]) -> None:
    """Every field headers.toml names is a column of its kind's record or a declared pseudo name."""
    where = "schemas/headers.toml"
    for kind, spec in data.get("tables", {}).items():
        if kind not in RECORDS:
            raise ConfigError(f"{where}: [tables.{kind}] is not a table kind; use one of {', '.join(RECORDS)}")
        allowed = _columns(RECORDS[kind]) | set(spec.get("pseudo", []))
        for name in spec.get("fields", {}):
            if name not in allowed:
                raise ConfigError(f"{where}: [tables.{kind}.fields] {name!r} is not a field of {kind} records; "
                                  f"use one of {', '.join(sorted(allowed))}")
        for group in spec.get("required", []):
            for name in group:
                if name not in spec.get("fields", {}):
                    raise ConfigError(f"{where}: [tables.{kind}] required names {name!r}, which has no synonyms")
        for name, content in spec.get("content", {}).items():
            if name not in spec.get("fields", {}) or content not in CONTENT_TYPES:
                raise ConfigError(f"{where}: [tables.{kind}.content] {name} = {content!r} is not a field with a "
                                  f"known content type ({', '.join(sorted(CONTENT_TYPES))})")
        for name in (*spec.get("repeatable", []), *([spec["main"]] if "main" in spec else [])):
            if name not in spec.get("fields", {}):
                raise ConfigError(f"{where}: [tables.{kind}] names {name!r}, which has no synonyms")
    for section, fields in data.get("labels", {}).items():
        allowed = _columns(LABELS.get(section, ()))
        for name in fields:
            if name not in allowed:
                raise ConfigError(f"{where}: [labels.{section}] {name!r} is not a field of {section} records")


def check_vocabularies(data: dict[str, Any]) -> None:
    """RAG words name the contract's statuses; directions, polarities and cues name known values; patterns compile."""
    where = "schemas/vocabularies.toml"
    rags = {r.value for r in Rag}
    for word, rag in [*data["rag"]["words"].items(), *data["rag"].get("named", {}).items()]:
        if rag not in rags:
            raise ConfigError(f"{where}: [rag.words] {word!r} = {rag!r} is not a RAG; use one of {', '.join(rags)}")
    for section, allowed in (("direction", {"improved", "sustained", "declined"}), ("polarity", {"higher", "lower"}),
                             ("cues", {k.value for k in DocKind})):
        for name in data.get(section, {}):
            if name not in allowed:
                raise ConfigError(f"{where}: [{section}] {name!r} is not one of {', '.join(sorted(allowed))}")
    patterns = [*data["codes"]["patterns"], *data["codes"].get("local_patterns", []), data["legend"]["pattern"],
                data["legend_sentence"]["pattern"], data["funding"]["source_pattern"], *data["legend_phrases"].values()]
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}: the pattern {pattern!r} does not compile ({exc})") from None


def check_officers(data: dict[str, Any]) -> None:
    """The separators and code shapes compile; the word lists are lists of words."""
    where = "schemas/officers.toml"
    for key in ("separators", "title_dash", "initials_pattern", "role_code_pattern"):
        try:
            re.compile(data[key])
        except KeyError:
            raise ConfigError(f"{where}: {key} is missing") from None
        except re.error as exc:
            raise ConfigError(f"{where}: {key} {data[key]!r} does not compile ({exc})") from None
    for key in ("role_words", "role_codes"):
        if not isinstance(data.get(key), list) or not all(isinstance(w, str) for w in data[key]):
            raise ConfigError(f"{where}: {key} must be a list of words")


def check_commentary(data: dict[str, Any]) -> None:
    """Each phrase has a label, patterns and a suggested status that is a RAG; entity labels are known."""
    where = "schemas/commentary.toml"
    rags = {r.value for r in Rag}
    labels = {"DAY", "MONTH", "NUMDATE", "YEAR", "FY", "QUARTER", "MONEY", "PERCENT"}
    for entity in data["entities"]:
        if entity.get("label") not in labels or not isinstance(entity.get("pattern"), list):
            raise ConfigError(f"{where}: an [[entities]] entry needs a label ({', '.join(sorted(labels))}) "
                              f"and a pattern; got {entity!r}")
    for pattern in data["ongoing"]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}: the ongoing pattern {pattern!r} does not compile ({exc})") from None
    for kind in ("slippage", "completion"):
        for entry in data[kind]:
            if not entry.get("label") or not entry.get("patterns"):
                raise ConfigError(f"{where}: a [[{kind}]] entry needs a label and patterns; got {entry!r}")
            if entry.get("suggest") not in rags:
                raise ConfigError(f"{where}: [[{kind}]] {entry['label']!r} suggests {entry.get('suggest')!r}, "
                                  f"not a RAG; use one of {', '.join(sorted(rags))}")


def headers() -> dict[str, Any]:
    """Header synonyms per table kind."""
    return load("headers")


def vocabularies() -> dict[str, Any]:
    """RAG words and colours, placeholders, code shapes, groups, cues, organisation suffixes."""
    return load("vocabularies")


def officers() -> dict[str, Any]:
    """How officer cells split into people, job titles and role codes."""
    return load("officers")


def commentary() -> dict[str, Any]:
    """The spaCy patterns that read facts, slippage and completion from commentary."""
    return load("commentary")


@cache
def contract() -> dict[str, Any]:
    """The database contract: tables, columns and views with their descriptions, checked when read."""
    return load("contract")


def check_contract(data: dict[str, Any]) -> None:
    """Stop at start-up on a misspelt key, an undescribed column or a foreign key to nowhere."""
    where = "schemas/contract.toml"
    tables = data.get("tables") or {}
    for name, table in tables.items():
        unknown = set(table) - TABLE_KEYS
        if unknown:
            raise ConfigError(f"{where}: table {name} has unknown key(s) {', '.join(sorted(unknown))}")
        if not table.get("description"):
            raise ConfigError(f"{where}: table {name} has no description")
        columns = table.get("columns") or {}
        if not columns:
            raise ConfigError(f"{where}: table {name} has no columns")
        for column, spec in columns.items():
            unknown = set(spec) - COLUMN_KEYS
            if unknown:
                raise ConfigError(f"{where}: {name}.{column} has unknown key(s) {', '.join(sorted(unknown))}")
            if spec.get("type") not in COLUMN_TYPES:
                raise ConfigError(f"{where}: {name}.{column} needs a type, one of {', '.join(COLUMN_TYPES)}")
            if not spec.get("description"):
                raise ConfigError(f"{where}: {name}.{column} has no description")
            target = spec.get("references")
            if target:
                ref_table, _, ref_column = target.partition(".")
                if ref_column not in (tables.get(ref_table) or {}).get("columns", {}):
                    raise ConfigError(f"{where}: {name}.{column} references {target}, which is not in the contract")
        named = [table.get("label"), table.get("sort"), table.get("sort_desc"), *table.get("facets", []),
                 *table.get("fts", []), *(c for i in table.get("indexes", []) + table.get("unique", []) for c in i)]
        pk = table.get("pk")
        named += pk if isinstance(pk, list) else [pk]
        for column in named:
            if column is not None and column not in columns:
                raise ConfigError(f"{where}: table {name} names {column!r}, which is not one of its columns")
    for name, view in (data.get("views") or {}).items():
        if not view.get("description") or not view.get("columns"):
            raise ConfigError(f"{where}: view {name} needs a description and its columns described")
        for column in view.get("facets", []):
            if column not in view["columns"]:
                raise ConfigError(f"{where}: view {name} facets on {column!r}, which it does not describe")


README_START = "<!-- database section: generated from schemas/contract.toml by `make readme` -->"
README_END = "<!-- end of database section -->"


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|")


def contract_markdown() -> str:
    """The README's database section: every table, column and view of the contract."""
    data = contract()
    lines = [README_START, "", data["description"], "",
             "Columns marked *extra* are optional additions to the contract in DESIGN.md; "
             "→ names the table a column refers to.", ""]
    for name, table in data["tables"].items():
        lines += [f"### `{name}`", "", table["description"], "",
                  "| column | type | unit | description |", "|---|---|---|---|"]
        for column, spec in table["columns"].items():
            note = f" → `{spec['references']}`" if spec.get("references") else ""
            extra = " *extra*" if spec.get("extra") else ""
            lines.append(f"| `{column}`{extra} | {spec['type']} | {_cell(spec.get('unit'))} | "
                         f"{_cell(spec['description'])}{note} |")
        lines.append("")
    lines += ["### Views", "",
              "Created by the loader; each shows rows of `loaded` documents only.", ""]
    for name, view in data["views"].items():
        columns = ", ".join(f"`{c}`" for c in view["columns"])
        lines += [f"#### `{name}`", "", view["description"], "", f"Columns: {columns}.", ""]
    lines.append(README_END)
    return "\n".join(lines)


def readme_with_contract(readme: str) -> str:
    """The README text with its database section replaced by the one generated from the contract."""
    if README_START not in readme or README_END not in readme:
        raise ConfigError("README.md has no generated database section markers")
    before = readme.split(README_START, 1)[0]
    after = readme.split(README_END, 1)[1]
    return before + contract_markdown() + after
