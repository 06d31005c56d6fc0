"""The import layers hold: a module imports only from its own layer or a lower one."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# lowest first
LAYERS = [
    {"pipeline.models", "pipeline.errors", "pipeline.config", "schemas"},
    {"extractors"},
    {"pipeline.normalise", "pipeline.classify", "pipeline.validate", "pipeline.nlp"},
    {"pipeline.loader", "pipeline.ingest", "pipeline.batch", "pipeline.workers", "pipeline.report", "pipeline.views",
     "pipeline.history", "pipeline.datasette", "pipeline.serve"},
    {"pipeline.cli"},
]
TOP = {"pipeline", "pipeline.__main__"}  # the front door re-exports the API


def _layer(module: str) -> int | None:
    for index, layer in enumerate(LAYERS):
        if any(module == name or module.startswith(name + ".") for name in layer):
            return index
    return None


def _modules():  # type: ignore[no-untyped-def]
    for folder in ("pipeline", "extractors", "schemas"):
        for path in (ROOT / folder).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, ast.parse(path.read_text())


def test_modules_import_only_from_their_layer_or_below():
    checked = 0
    for name, tree in _modules():
        if name in TOP:
            continue
        own = _layer(name)
        assert own is not None, f"{name} belongs to no layer"
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
            for target in targets:
                layer = _layer(target)
                if layer is not None:
                    assert layer <= own, f"{name} imports {target} from a higher layer"
                    checked += 1
    assert checked > 30


def test_nothing_imports_the_cli():
    for name, tree in _modules():
        if name in ("pipeline.cli", "pipeline.__main__"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module != "pipeline.cli", name
