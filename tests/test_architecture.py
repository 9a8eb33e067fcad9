"""Architecture rules the brief holds us to, checked rather than hoped for, over the folders.

The package's subsystems are folders (and a few modules flat under ``rebuttal/``), stacked in
layers: a module imports only from its own folder or from a lower layer, so the folders show
the pipeline (library + outline -> assemble -> document -> renderers) and nothing loops.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, ROOT

PACKAGE = ROOT / "rebuttal"
# Lowest first. A folder (or a module flat under rebuttal/) imports only from its own folder and
# from folders of lower layers; folders of one layer do not know each other.
LAYERS = (
    ("rebuttal",),  # the package itself: its version
    ("errors", "vocabulary", "text"),  # what everything shares; they import nothing of ours above
    ("model", "designs", "files", "toml"),  # the document model; study designs; files on disk; TOML
    ("refs", "people"),  # references: CSL, styles, importers, look-ups, the target article; who signs
    ("library",),  # blocks, profiles, the index, search and ranking, the committee
    ("record",),  # letters on record, their overlap index, watching what became of them
    ("letter",),  # outline + library -> one document: assembly, checks, fitting
    ("exchange",),  # the DOCX going out and coming back, the record it carries, PDF
    ("render", "merge"),  # document -> Rich/Markdown/text/DOCX/PDF; an edited DOCX -> the outline
    ("app",),  # a letter being edited, without a user interface
    ("ui",),  # Textual
    ("commands",),
    ("cli",),
    ("__main__",),
)
MAX_FLAT_MODULES = 12


def _folder(module: str) -> str:
    """``rebuttal.library.index`` -> ``library``; ``rebuttal.errors`` -> ``errors``; ``rebuttal`` itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_folder_imports_textual() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                 if p.relative_to(PACKAGE).parts[0] != "ui" and "textual" in _imports(p)]
    assert offenders == []


def test_only_the_docx_reader_imports_python_docx() -> None:
    # The writer composes its XML itself: python-docx and lxml cost more to import than a build.
    offenders = [
        str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
        if {"docx", "lxml"} & _imports(p)
        and p.relative_to(PACKAGE).parts[:3] != ("exchange", "docx", "read")
    ]
    assert offenders == []


def test_no_format_or_eval_on_user_text() -> None:
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec"), path
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr not in ("format", "format_map"), f"{path}:{node.lineno}"


def test_modules_stay_small() -> None:
    """The brief's rule: a module past ~400 lines is split (bench/ counts too)."""
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "bench").rglob("*.py")]
    long = [str(p.relative_to(ROOT)) for p in files if len(p.read_text().splitlines()) > 400]
    assert long == []


def _modules_after(args: list[str], tmp_path: Path) -> set[str]:
    script = (
        "import sys\nfrom rebuttal.cli import main\n"
        f"status = main({args!r})\n"
        "assert status == 0, status\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_batch_commands_never_import_textual(tmp_path: Path) -> None:
    outline = str(FIXTURES / "outlines" / "small.toml")
    library = ["--library", str(FIXTURES / "library")]
    for args in (
        ["build", outline, "-o", str(tmp_path / "a.docx"), *library],
        ["build", outline, "-o", str(tmp_path / "a.md"), *library],
        ["refs", outline, *library],
        ["blocks", *library],
        ["letters", *library],
        ["letters", "overlap", outline, *library],
    ):
        loaded = _modules_after(args, tmp_path)
        assert "textual" not in loaded, args
        assert "rebuttal.ui" not in loaded, args
        if args[0] == "build":
            assert "docx" not in loaded, args  # the DOCX writer composes its XML itself
            assert "lxml" not in loaded or "citeproc" in loaded, args  # only CSL formatting parses XML


def _import_graph() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports: at the top, inside
    functions and under TYPE_CHECKING alike (a type-only import is knowledge too)."""
    def name(path: Path) -> str:
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    modules = {name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rebuttal"):
                for alias in node.names:
                    dotted = f"{node.module}.{alias.name}"
                    found.add(dotted if dotted in modules else node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("rebuttal"))
        graph[module] = {m for m in found if m in modules and m != module}
    return graph


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_every_folder_has_a_layer_and_at_most_twelve_modules_sit_flat() -> None:
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(flat) <= MAX_FLAT_MODULES, flat
    folders = {_folder(module) for module in _import_graph()}
    layered = [name for layer in LAYERS for name in layer]
    assert sorted(folders) == sorted(layered)  # a new folder takes its place in LAYERS
    assert len(layered) == len(set(layered))


def test_every_import_goes_down_the_layers_or_stays_in_its_folder() -> None:
    """Type-only and in-function imports count too: a module that names another knows it."""
    layer = {name: number for number, names in enumerate(LAYERS) for name in names}
    upward = sorted(
        f"{module} -> {imported}"
        for module, imports in _import_graph().items() for imported in imports
        if _folder(imported) != _folder(module) and layer[_folder(imported)] >= layer[_folder(module)]
    )
    assert upward == []


def test_no_import_circle_between_modules_or_between_folders() -> None:
    graph = _import_graph()
    circles = {module for module in graph if module in _reachable(graph, module)}
    assert circles == set()
    folders: dict[str, set[str]] = {}
    for module, imports in graph.items():
        outside = {_folder(m) for m in imports} - {_folder(module)}
        folders.setdefault(_folder(module), set()).update(outside)
    assert [folder for folder in folders if folder in _reachable(folders, folder)] == []


def test_the_library_and_the_outline_do_not_know_each_other() -> None:
    """Assembly (letter/) brings them together; the library's folder never reaches the letter's,
    and the outline reaches nothing in the library, even for a type."""
    graph = _import_graph()
    library = [m for m in graph if _folder(m) == "library"]
    assert [m for m in library if any(_folder(r) == "letter" for r in _reachable(graph, m))] == []
    assert [m for m in _reachable(graph, "rebuttal.letter.outline") if _folder(m) == "library"] == []


def test_renderers_know_only_the_document() -> None:
    """render/ and the DOCX and PDF writers reach only the document model and the shared basics
    (and the record a DOCX carries); never the library, the outline, references or the app."""
    graph = _import_graph()
    writers = ("rebuttal.render", "rebuttal.exchange.docx.write", "rebuttal.exchange.pdf")
    allowed_folders = {"rebuttal", "model", "errors", "files", "text"}
    allowed = {"rebuttal.exchange", "rebuttal.exchange.record", "rebuttal.exchange.record_values",
               "rebuttal.exchange.docx",
               "rebuttal.exchange.docx.names"}
    for module in graph:
        if module.startswith(writers):
            known = {m for m in _reachable(graph, module)
                     if not m.startswith(writers) and _folder(m) not in allowed_folders}
            assert known <= allowed, (module, known - allowed)


def test_the_record_knows_the_library_and_references_but_not_the_letter_or_its_renderers() -> None:
    """rebuttal/record/ keeps letters as files and text: what it needs of a letter (its target, its words)
    is handed to it, so the overlap rule can sit in letter/ and the commands build what is recorded."""
    graph = _import_graph()
    record = [m for m in graph if _folder(m) == "record"]
    assert record, "rebuttal/record/ exists"
    reached = {_folder(r) for m in record for r in _reachable(graph, m)}
    assert reached & {"letter", "exchange", "render", "merge", "app", "ui", "commands", "cli"} == set()
    # the check rule is registered with one line: letter/checks imports the rule's own module
    assert "rebuttal.letter.check_overlap" in graph["rebuttal.letter.checks"]
    assert {m for m in graph["rebuttal.letter.check_overlap"] if _folder(m) == "record"} == {
        "rebuttal.record.overlap"}
