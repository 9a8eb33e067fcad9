"""Architecture rules the brief holds us to, checked rather than hoped for."""

import ast
import os
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, ROOT

PACKAGE = ROOT / "rebuttal"
DOMAIN = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1]]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_ui_package_imports_textual() -> None:
    offenders = [str(p) for p in DOMAIN if "textual" in _imports(p)]
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
    long = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if len(p.read_text().splitlines()) > 450]
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


def test_the_domain_imports_follow_the_pipeline_without_loops() -> None:
    """No module of the domain (everything outside rebuttal.ui) reaches itself through its imports."""
    graph = _import_graph()
    domain = {m for m in graph if not m.startswith("rebuttal.ui")}
    loops = sorted(m for m in domain if m in _reachable({k: v & domain for k, v in graph.items()}, m))
    assert loops == []


def test_the_library_and_the_outline_do_not_know_each_other() -> None:
    """Assembly brings them together; neither reaches the other, even for a type."""
    graph = _import_graph()
    assert "rebuttal.letter.outline" not in _reachable(graph, "rebuttal.library.stack")
    assert "rebuttal.library.stack" not in _reachable(graph, "rebuttal.letter.outline")


def test_renderers_know_only_the_document() -> None:
    graph = _import_graph()
    allowed = {"rebuttal", "rebuttal.model", "rebuttal.errors", "rebuttal.files", "rebuttal.files.atomic",
               "rebuttal.exchange", "rebuttal.exchange.record", "rebuttal.exchange.pdf", "rebuttal.text",
               "rebuttal.text.printable", "rebuttal.text.citations", "rebuttal.exchange.docx",
               "rebuttal.exchange.docx.names"}
    writers = ("rebuttal.render", "rebuttal.exchange.docx.write", "rebuttal.exchange.pdf")
    for module in graph:
        if module.startswith(writers):
            known = {m for m in _reachable(graph, module) if not m.startswith(writers)}
            assert known <= allowed, (module, known - allowed)
