"""The package's structure, read from its source with `ast`: no import circle, and no module-level
(or class-level) mutable state that a function changes — a cache hidden in a module.

An import counts wherever it stands: at module level, inside a function, under
`if TYPE_CHECKING:`. Importing `a.b.c` runs `a/b/__init__.py` first, but that implicit step is
not an edge: a package's `__init__` may gather its own submodules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "breadline"
MUTATING_METHODS = frozenset({
    "append", "extend", "insert", "remove", "pop", "popitem", "clear", "update", "setdefault", "add",
    "discard", "difference_update", "intersection_update", "symmetric_difference_update", "sort", "reverse",
    "appendleft", "extendleft", "move_to_end",
})
MUTABLE_CALLS = frozenset({"dict", "list", "set", "defaultdict", "OrderedDict", "deque", "Counter"})


def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports, anywhere in its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import sub` imports the module pkg.sub where there is one, else names of pkg.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # `import pkg.mod.Name`-like forms: the nearest module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def loop_through(component: list[str], graph: dict[str, set[str]]) -> str:
    """One loop of imports within a circle, for the failure message: a -> b -> ... -> a."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & members):
            if nxt == start:
                return " -> ".join([*paths[node], start])
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    return ", ".join(component)  # pragma: no cover - a component always has a loop


def test_the_graph_sees_every_kind_of_import():
    graph = import_graph()
    assert "breadline.model" in graph["breadline.audit"]  # module level
    assert "breadline.config" in graph["breadline.audit"]  # inside a function


def test_no_import_circle():
    graph = import_graph()
    found = [loop_through(component, graph) for component in circles(graph)]
    assert not found, "import circles: " + "; ".join(found)


def test_a_circle_is_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [loop_through(c, graph) for c in circles(graph)] == ["a -> b -> c -> a"]


# -- hidden state ----------------------------------------------------------------------------

def _is_mutable(value: ast.expr | None) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        return called in MUTABLE_CALLS
    return False


def _assigned(body: list[ast.stmt]) -> dict[str, int]:
    """Names bound to a new mutable container by the statements of `body`, with their lines."""
    found = {}
    for node in body:
        if isinstance(node, ast.Assign) and _is_mutable(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.lineno
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and _is_mutable(node.value):
            found[node.target.id] = node.lineno
    return found


def _mutated_name(node: ast.AST, holders: tuple[str, ...]) -> str | None:
    """The name whose container `node` changes, if it does: `X[k] = v`, `del X[k]`, `X[k] += v`,
    `X.append(v)`; with `holders`, the same through an attribute (`self.X`, `cls.X`, `Klass.X`)."""

    def named(expr: ast.expr) -> str | None:
        if not holders and isinstance(expr, ast.Name):
            return expr.id
        if holders and isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id in holders:
            return expr.attr
        return None

    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        targets = [node.target]
    elif isinstance(node, ast.Delete):
        targets = node.targets
    for target in targets:
        if isinstance(target, ast.Subscript):
            return named(target.value)
    if isinstance(node, ast.AugAssign):
        return named(node.target)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATING_METHODS:
        return named(node.func.value)
    return None


def _functions(tree: ast.AST):
    return [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]


def hidden_state(path: Path) -> list[str]:
    """Module-level and class-level mutable containers that a function of the module changes."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    problems = []
    shared = _assigned(tree.body)
    for function in _functions(tree):
        for node in ast.walk(function):
            name = _mutated_name(node, ())
            if name in shared:
                problems.append(f"{path.name}:{shared[name]} module-level {name} is changed at line {node.lineno}")
    for klass in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        attributes = _assigned(klass.body)
        for function in _functions(klass):
            for node in ast.walk(function):
                name = _mutated_name(node, ("self", "cls", klass.name))
                if name in attributes:
                    problems.append(f"{path.name}:{attributes[name]} class-level {klass.name}.{name} "
                                    f"is changed at line {node.lineno}")
    return sorted(set(problems))


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_hidden_mutable_state(name):
    assert hidden_state(modules()[name]) == []


def test_hidden_state_is_found(tmp_path):
    path = tmp_path / "cached.py"
    path.write_text(
        "_SEEN = {}\nORDER: list = []\nCONSTANT = {'a': 1}\n"
        "def f(x):\n    _SEEN[x] = 1\n    return CONSTANT[x]\n"
        "def g(x):\n    ORDER.append(x)\n"
        "class Loader:\n    _tags: dict = {}\n    def resolve(self, v):\n        self._tags[v] = v\n"
    )
    assert hidden_state(path) == [
        "cached.py:1 module-level _SEEN is changed at line 5",
        "cached.py:10 class-level Loader._tags is changed at line 12",
        "cached.py:2 module-level ORDER is changed at line 8",
    ]
