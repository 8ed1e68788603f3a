"""Issue 22: layout numbers in extract/ have names. A float written inline more than once in a
module is a rule without a name (0.0 and 1.0, as defaults and directions, are not measures)."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

import paperbrief.extract

MODULES = sorted(Path(paperbrief.extract.__file__).parent.glob("*.py"))


def _bare_floats(tree: ast.Module) -> Counter:
    named = {id(n) for stmt in tree.body if isinstance(stmt, (ast.Assign, ast.AnnAssign))
             for n in ast.walk(stmt)}  # module-level constants are where numbers get their names
    return Counter(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and type(n.value) is float
                   and id(n) not in named and n.value not in (0.0, 1.0))


@pytest.mark.parametrize("path", MODULES, ids=[p.name for p in MODULES])
def test_no_bare_layout_number_is_repeated(path: Path) -> None:
    repeated = {v: k for v, k in _bare_floats(ast.parse(path.read_text(encoding="utf-8"))).items() if k > 1}
    assert not repeated, f"{path.name}: name these layout numbers once at the module's head: {repeated}"


def test_the_check_sees_a_repeated_number() -> None:
    tree = ast.parse("X = 0.5\ndef f(a):\n    return a * 0.92 + a * 0.92 + X\n")
    assert _bare_floats(tree) == Counter({0.92: 2})
