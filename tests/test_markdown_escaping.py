"""Every text that Streamlit renders as Markdown is written in the code or escaped (issue 11).

Reads app.py, pages/ and ui/ (their syntax trees, not their output) and lists every call
whose text could carry Markdown from elsewhere: the body of ``st.markdown``, ``st.caption``,
``st.write``, the alerts, ``st.toast``, titles and headers; the ``label`` and ``help`` of
every widget, popover, expander and page link; tab labels; progress and status texts; radio
and segmented-control options. Each such text must be a literal, a number formatted as one
(``{n:d}``, ``{x:.2f}``), a call of ``md``/``escape_markdown``, a function declared to
return ``Markdown`` (whose returns are checked the same way), or a name or f-string built
only of those. No image of any kind is shown (``st.image``, ``ImageColumn``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

ESCAPES = frozenset({"md", "code", "escape_markdown"})
NUMBERS = frozenset({"len", "int", "float", "round", "sum", "min", "max"})
# Calls whose first argument is rendered as Markdown.
_BODY_FIRST = (
    "markdown caption write info warning error success toast title header subheader "
    "button download_button form_submit_button link_button checkbox toggle radio "
    "selectbox multiselect text_input text_area number_input slider select_slider date_input "
    "time_input file_uploader color_picker segmented_control pills popover expander status "
    "spinner metric chat_input feedback"
)
BODY_FIRST = frozenset(_BODY_FIRST.split())
# Keyword arguments rendered as Markdown, for any st.* call (column_config included).
MARKDOWN_KEYWORDS = frozenset({"label", "help", "body", "text", "caption"})
OPTIONS_AS_MARKDOWN = frozenset({"radio", "segmented_control", "pills"})
FORBIDDEN = frozenset({"image", "ImageColumn", "logo", "exception"})
FILES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")])


@dataclass(frozen=True)
class Finding:
    where: str
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.call}(... {self.text} ...)"


def _st_name(func: ast.expr) -> str | None:
    """``markdown`` for ``st.markdown``, ``TextColumn`` for ``st.column_config.TextColumn``,
    ``caption`` for ``st.sidebar.caption``; None for anything not rooted at ``st``."""
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name) and func.id == "st" and parts:
        return parts[0]
    return None


def _numeric_spec(spec: ast.expr | None) -> bool:
    if not isinstance(spec, ast.JoinedStr):
        return False
    text = "".join(v.value for v in spec.values if isinstance(v, ast.Constant))
    return bool(text) and ("," in text or text[-1] in "dfFeEgGn%xXob")


class Scope:
    """Names assigned in a module or function, for following a variable to its values."""

    def __init__(self, node: ast.AST, parent: Scope | None, markdown_functions: set[str]):
        self.parent = parent
        self.markdown_functions = markdown_functions
        self.assigned: dict[str, list[ast.expr | None]] = {}
        for child in _own_nodes(node):
            if isinstance(child, ast.Assign):
                for target in child.targets:
                    self._bind(target, child.value)
            elif isinstance(child, ast.AnnAssign | ast.AugAssign):
                self._bind(child.target, child.value)
            elif isinstance(child, ast.For | ast.comprehension):
                self._bind(child.target, None)  # a loop variable: whatever it iterates
            elif isinstance(child, ast.With):
                for item in child.items:
                    if item.optional_vars is not None:
                        self._bind(item.optional_vars, None)
            elif isinstance(child, ast.NamedExpr):
                self._bind(child.target, child.value)
        if isinstance(node, ast.FunctionDef | ast.Lambda):
            for arg in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs]:
                self.assigned.setdefault(arg.arg, []).append(None)

    def _bind(self, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            self.assigned.setdefault(target.id, []).append(value)
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self._bind(element, None)

    def values(self, name: str) -> list[ast.expr | None] | None:
        if name in self.assigned:
            return self.assigned[name]
        return self.parent.values(name) if self.parent else None

    def safe(self, node: ast.expr | None, depth: int = 0) -> bool:
        if node is None or depth > 20:
            return False
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(
                isinstance(part, ast.Constant)
                or (isinstance(part, ast.FormattedValue)
                    and (_numeric_spec(part.format_spec) or self.safe(part.value, depth + 1)))
                for part in node.values
            )  # fmt: skip
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.safe(node.left, depth + 1) and self.safe(node.right, depth + 1)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, depth + 1) and self.safe(node.orelse, depth + 1)
        if isinstance(node, ast.BoolOp):
            return all(self.safe(value, depth + 1) for value in node.values)
        if isinstance(node, ast.Call):
            return self._safe_call(node, depth)
        if isinstance(node, ast.Attribute):
            return node.attr.isupper()  # a module constant: config.DB_ENV
        if isinstance(node, ast.Name):
            values = self.values(node.id)
            if values is None:
                return node.id.isupper()  # an imported constant: ZIM_ENV
            return bool(values) and all(self.safe(value, depth + 1) for value in values)
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.safe(element, depth + 1) for element in node.elts)
        return False

    def _safe_call(self, node: ast.Call, depth: int) -> bool:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in ESCAPES or name in self.markdown_functions or name in NUMBERS:
            return True
        if name == "join" and isinstance(func, ast.Attribute):  # "sep".join(safe pieces)
            pieces = node.args[0] if node.args else None
            if isinstance(pieces, ast.GeneratorExp | ast.ListComp):
                inner = Scope(pieces, self, self.markdown_functions)
                return self.safe(func.value, depth + 1) and inner.safe(pieces.elt, depth + 1)
            return self.safe(func.value, depth + 1) and self.safe(pieces, depth + 1)
        return False


def _own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of ``node`` that are not inside a nested function or lambda."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        yield child
        yield from _own_nodes(child)


def _markdown_functions(trees: list[ast.Module]) -> set[str]:
    return {
        node.name
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and isinstance(node.returns, ast.Name | ast.Constant)
        and getattr(node.returns, "id", getattr(node.returns, "value", None)) == "Markdown"
    }


def _texts(call: ast.Call, name: str) -> Iterator[ast.expr]:
    """The arguments of an st.* call that Streamlit renders as Markdown."""
    if name in BODY_FIRST and call.args:
        yield call.args[0]
    if name == "tabs" and call.args:
        yield call.args[0]
    if name in OPTIONS_AS_MARKDOWN:
        if len(call.args) > 1:
            yield call.args[1]
        for keyword in call.keywords:
            if keyword.arg == "options":
                yield keyword.value
            if keyword.arg == "format_func":
                yield ast.Name("a format_func")  # never safe: options must be constants
    for keyword in call.keywords:
        if keyword.arg in MARKDOWN_KEYWORDS:
            yield keyword.value


def findings() -> list[Finding]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in FILES}
    markdown_functions = _markdown_functions(list(trees.values()))
    found: list[Finding] = []
    for path, tree in trees.items():
        found += list(_scan(tree, path, markdown_functions))
    return found


def _scan(tree: ast.Module, path: Path, markdown_functions: set[str]) -> Iterator[Finding]:
    relative = str(path.relative_to(ROOT))

    def visit(node: ast.AST, scope: Scope) -> Iterator[Finding]:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, ast.FunctionDef | ast.Lambda):
                inner = Scope(child, scope, markdown_functions)
                if (
                    isinstance(child, ast.FunctionDef)
                    and child.name in markdown_functions
                    and child.name not in ESCAPES  # md and code are the escaping itself
                ):
                    for ret in ast.walk(child):
                        if isinstance(ret, ast.Return) and not inner.safe(ret.value):
                            text = ast.unparse(ret.value) if ret.value else "None"
                            yield Finding(f"{relative}:{ret.lineno}", f"return of {child.name}",
                                          text)  # fmt: skip
            if isinstance(child, ast.Call):
                name = _st_name(child.func)
                if name in FORBIDDEN:
                    yield Finding(f"{relative}:{child.lineno}", f"st.{name}", "forbidden")
                elif name is not None:
                    for text in _texts(child, name):
                        if not scope.safe(text):
                            yield Finding(f"{relative}:{child.lineno}", f"st.{name}",
                                          ast.unparse(text))  # fmt: skip
            yield from visit(child, inner)

    yield from visit(tree, Scope(tree, None, markdown_functions))


def test_every_markdown_text_in_the_app_is_literal_or_escaped() -> None:
    assert [str(finding) for finding in findings()] == []


# --- the scanner itself: it must catch what it is for ----------------------------------------


@pytest.mark.parametrize(
    ("code", "caught"),
    [
        ("st.caption(f'Next claim: {claim.text}')", True),
        ("st.caption(f'Next claim: {md(claim.text)}')", False),
        ("st.success('Saved. ' + info.title)", True),
        ("st.warning(f'Article {wanted!r} is not here')", True),
        ("st.button(label, help=doc.title)", True),
        ("st.progress(0.5, text=f'{done:d} of {total:d} reviewed')", False),
        ("st.progress(0.5, text=f'{done} of {total} reviewed')", True),
        ("st.tabs(['One', 'Two'])", False),
        ("st.tabs([doc.title])", True),
        ("st.radio('Pick', titles)", True),
        ("st.segmented_control('Show', ('all', 'some'))", False),
        ("st.image(url)", True),
        ("st.column_config.TextColumn('claim', help=doc.title)", True),
        ("message = md(error)\nst.error(message)", False),
        ("message = str(error)\nst.error(message)", True),
        ("def label() -> Markdown:\n    return doc.title\nst.caption(label())", True),
        ("def label() -> Markdown:\n    return md(doc.title)\nst.caption(label())", False),
        ("for t in titles:\n    st.markdown(t)", True),
        ("st.caption(' · '.join(md(t) for t in titles))", False),
        ("st.caption(' · '.join(t for t in titles))", True),
    ],
)
def test_the_scanner_catches_raw_text_and_lets_escaped_text_pass(code: str, caught: bool) -> None:
    tree = ast.parse(code)
    found = list(_scan(tree, ROOT / "pages" / "x.py", _markdown_functions([tree])))
    assert bool(found) is caught, found
