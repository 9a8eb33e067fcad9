"""All XML from outside is parsed in one guarded place (``rebuttal/files/guarded_xml.py``); python-docx
parses an edited letter only after every part of it has passed that guard."""

from __future__ import annotations

import ast

from .conftest import ROOT

PACKAGE = ROOT / "rebuttal"
GUARD = PACKAGE / "files" / "guarded_xml.py"
READER = PACKAGE / "exchange" / "docx" / "read" / "package.py"
# Parsing functions of the standard library's and lxml's XML modules.
_PARSERS = {"fromstring", "fromstringlist", "XML", "XMLID", "parse", "iterparse", "XMLParser",
            "XMLPullParser", "parseString", "ParserCreate", "make_parser", "HTML"}
_RECEIVERS = {"ElementTree", "ET", "etree", "minidom", "pulldom", "expat", "pyexpat", "sax", "objectify",
              "html", "cElementTree"}
_XML_MODULES = ("xml.parsers", "xml.sax", "xml.dom", "pyexpat", "defusedxml", "lxml.objectify", "lxml.html")


def xml_parsing(source: str) -> list[str]:
    """Where ``source`` parses XML itself (``line: what``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _PARSERS:
            receiver = node.func.value
            name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
            if name in _RECEIVERS:
                found.append(f"{node.lineno}: {name}.{node.func.attr}()")
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith(_XML_MODULES):
                found.append(f"{node.lineno}: from {node.module} import")
            elif node.module.startswith(("xml.etree", "lxml")):
                found += [f"{node.lineno}: import {alias.name}" for alias in node.names
                          if alias.name in _PARSERS]
        elif isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {alias.name}" for alias in node.names
                      if alias.name.startswith(_XML_MODULES)]
    return found


def test_the_detector_sees_each_way_of_parsing() -> None:
    for line in ("ElementTree.fromstring(data)", "etree.fromstring(data)", "ET.parse(path)",
                 "xml.etree.ElementTree.XML(text)", "lxml.etree.iterparse(f)", "minidom.parseString(s)",
                 "from xml.etree.ElementTree import fromstring", "from lxml.etree import XMLParser",
                 "import xml.sax", "from xml.parsers import expat", "expat.ParserCreate()"):
        assert xml_parsing(line), line
    for line in ("ElementTree.tostring(element)", "ElementTree.Element('x')", "parser.parse_args()",
                 "from xml.etree.ElementTree import Element", "json.loads(text)"):
        assert not xml_parsing(line), line


def test_no_module_but_the_guard_parses_xml() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found for path in sorted(PACKAGE.rglob("*.py"))
        if path != GUARD and (found := xml_parsing(path.read_text()))
    }
    assert offenders == {}
    assert xml_parsing(GUARD.read_text())  # the guard itself does parse


def test_python_docx_opens_a_letter_only_after_the_guard_checked_every_part() -> None:
    opened = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text())
        imports_docx = any(
            (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "docx" for a in node.names))
            or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "docx")
            for node in ast.walk(tree)
        )
        for node in ast.walk(tree):
            if not imports_docx or not isinstance(node, ast.FunctionDef):
                continue
            calls = [(call.lineno, ast.unparse(call.func)) for call in ast.walk(node)
                     if isinstance(call, ast.Call)]
            documents = [line for line, name in calls if name in ("docx.Document", "Document")]
            if documents:
                checks = [line for line, name in calls if name == "check_package"]
                opened.append((path, node.name, bool(checks) and min(checks) < min(documents)))
    assert opened == [(READER, "open_word", True)]
