"""The layers of `lib/` (see `lib/__init__.py`): only the Streamlit layer imports Streamlit, and no module
imports from a layer above its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[2] / "lib"

# Each layer and the layers it may import from (its own included).
MAY_IMPORT = {
    "core": {"core"},
    "ingest": {"core", "ingest"},
    "analysis": {"core", "analysis"},
    "render": {"core", "analysis", "render"},
    "content": {"core", "ingest", "analysis", "render", "content"},
    "ui": {"core", "ingest", "analysis", "render", "content", "ui"},
}
STREAMLIT_LAYER = "ui"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (`from lib.core import fmt` -> lib.core.fmt)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "lib" and parts[1] in MAY_IMPORT else None


MODULES = sorted(p for p in LIB.rglob("*.py") if p.parent != LIB)


def test_every_module_sits_in_a_layer():
    assert sorted(p.name for p in LIB.glob("*.py")) == ["__init__.py"]
    assert {p.parent.name for p in MODULES} == set(MAY_IMPORT)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(LIB)))
def test_imports_follow_the_layers(path):
    own = path.parent.name
    imports = imported_modules(path)
    upward = sorted(m for m in imports if (layer := layer_of(m)) and layer not in MAY_IMPORT[own])
    assert upward == [], f"lib/{own} may import only from {sorted(MAY_IMPORT[own])}"
    if own != STREAMLIT_LAYER:
        assert not any(m == "streamlit" or m.startswith("streamlit.") for m in imports), "Streamlit only in lib/ui"


def test_the_check_sees_an_upward_import(tmp_path):
    """The checker itself: a core module importing from the UI layer or Streamlit is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from lib.ui import loaders\n    import streamlit.components.v1\n")
    imports = imported_modules(bad)
    assert {layer_of(m) for m in imports} - MAY_IMPORT["core"] == {"ui", None}
    assert "streamlit.components.v1" in imports


def readme_layout() -> dict[str, set[str]]:
    """The README's "Code layout" table: each folder and the names given in backticks after it."""
    text = (LIB.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("## Code layout\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:3] for line in section.splitlines() if line.startswith("| `")]
    return {folder.strip().strip("`"): set(re.findall(r"`([\w.]+)`", described)) for folder, described in rows}


def test_readme_layout_names_every_module_and_only_existing_ones():
    layout = readme_layout()
    for layer in MAY_IMPORT:
        modules = {p.stem for p in (LIB / layer).glob("*.py") if p.stem != "__init__"}
        assert layout[f"lib/{layer}/"] == modules, f"README's lib/{layer}/ row"
    pages = {p.stem for p in (LIB.parent / "views").glob("*.py")}
    assert layout["views/"] - {"st.navigation", "app.py"} == pages
    scripts = {p.name for p in (LIB.parent / "scripts").iterdir() if p.is_file()}
    assert layout["scripts/"] == scripts
