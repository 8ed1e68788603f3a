"""Mutation testing by hand: does a test selection notice when a module is broken on purpose?

Parses one module with ``ast``, lists every small break it can make (a comparison flipped, a
condition negated, ``and``/``or`` swapped, a number moved by one or set to 0, a returned value
replaced by ``None``, ``+``/``-`` swapped), then applies them one at a time: it writes the
mutant over the module, runs ``pytest -x -q`` on the given tests with a time limit, and puts
the original back. A mutant the tests pass is a *survivor*. Run locally, not in CI:

    .venv/bin/python tools/mutate.py src/paperbrief/report/overview.py \\
        --tests tests/report/test_overview.py tests/report/test_html.py --max 60 --json out.json

Mutants are numbered in source order, so the same module gives the same list; ``--max`` keeps
a deterministic sample (``--seed``) and ``--only`` reruns chosen numbers. ``--root`` runs the
tests of another checkout (e.g. main's tests, to compare before and after) with that
checkout's ``src`` first on ``PYTHONPATH``. Written by hand because mutmut rewrites the whole
package through its own trampolines and needs a configured project; this is ~200 lines and
runs on the suite as it is.
"""
from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

FLIP = {ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt, ast.Eq: ast.NotEq,
        ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
ARITH = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult, ast.Div: ast.Mult}


@dataclass(frozen=True)
class Mutant:
    number: int
    line: int
    what: str


@dataclass
class Outcome:
    number: int
    line: int
    what: str
    status: str  # killed, survived, timeout
    seconds: float


def _sites(tree: ast.Module) -> Iterator[tuple[ast.AST, str, object]]:
    """(node, description, change) for every mutation, in a fixed walk order."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        # docstrings, annotations and __all__ are not behaviour
        if isinstance(node, ast.AnnAssign | ast.arg) and node.annotation is not None:
            skip.update(id(n) for n in ast.walk(node.annotation))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            skip.update(id(n) for n in ast.walk(node.returns))
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            skip.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in FLIP:
                    yield node, f"{type(op).__name__} -> {FLIP[type(op)].__name__}", ("op", i)
        elif isinstance(node, ast.BoolOp):
            other = "Or" if isinstance(node.op, ast.And) else "And"
            yield node, f"{type(node.op).__name__} -> {other}", ("boolop",)
        elif isinstance(node, ast.BinOp) and type(node.op) in ARITH:
            yield node, f"{type(node.op).__name__} -> {ARITH[type(node.op)].__name__}", ("binop",)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "drop not", ("unnot",)
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            n = node.value
            for new in dict.fromkeys([n + 1, n - 1, 0]):
                if new != n:
                    yield node, f"{n!r} -> {new!r}", ("const", new)
        elif isinstance(node, ast.If | ast.While | ast.IfExp):
            yield node, f"negate {type(node).__name__.lower()} condition", ("negate",)
        elif isinstance(node, ast.comprehension):
            for i in range(len(node.ifs)):
                yield node, "negate comprehension filter", ("negate_if", i)
        elif isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            yield node, "return None", ("return_none",)


def _apply(node: ast.AST, change: tuple) -> None:
    kind = change[0]
    if kind == "op":
        node.ops[change[1]] = FLIP[type(node.ops[change[1]])]()
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "binop":
        node.op = ARITH[type(node.op)]()
    elif kind == "unnot":
        node.operand = ast.UnaryOp(ast.Not(), node.operand)  # not x -> not (not x), i.e. bool(x)
    elif kind == "const":
        node.value = change[1]
    elif kind == "negate":
        node.test = ast.UnaryOp(ast.Not(), node.test)
    elif kind == "negate_if":
        node.ifs[change[1]] = ast.UnaryOp(ast.Not(), node.ifs[change[1]])
    elif kind == "return_none":
        node.value = ast.Constant(None)


def mutants(source: str) -> list[Mutant]:
    tree = ast.parse(source)
    return [Mutant(i, _line(node), what) for i, (node, what, _) in enumerate(_sites(tree))]


def _line(node: ast.AST) -> int:
    return getattr(node, "lineno", None) or getattr(getattr(node, "target", None), "lineno", 0)


def mutant_source(source: str, number: int) -> str:
    tree = ast.parse(source)
    for i, (node, _, change) in enumerate(_sites(tree)):
        if i == number:
            _apply(node, change)
            break
    else:
        raise IndexError(number)
    return ast.unparse(ast.fix_missing_locations(tree))


def _pytest(root: Path, tests: list[str], timeout: float) -> tuple[str, float]:
    # a fixed hash seed: set iteration order (e.g. of tied names) must not make a mutant's fate random
    env = dict(os.environ, PYTHONPATH=str(root / "src"), PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0")
    start = time.monotonic()
    try:
        run = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                             cwd=root, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start
    return ("survived" if run.returncode == 0 else "killed"), time.monotonic() - start


def _drop_cache(path: Path) -> None:
    """A mutant of the same size written within the same second would otherwise run the cached original."""
    cached = Path(importlib.util.cache_from_source(str(path)))
    cached.unlink(missing_ok=True)


def choose(all_mutants: list[Mutant], limit: int | None, seed: int, only: list[int] | None) -> list[Mutant]:
    if only:
        return [m for m in all_mutants if m.number in set(only)]
    if limit is None or len(all_mutants) <= limit:
        return all_mutants
    picked = sorted(random.Random(seed).sample(range(len(all_mutants)), limit))
    return [all_mutants[i] for i in picked]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("module", help="the module to mutate, relative to --root")
    ap.add_argument("--tests", nargs="+", required=True, help="pytest arguments (files, -k ...), relative to --root")
    ap.add_argument("--root", type=Path, default=Path.cwd(), help="checkout whose src and tests run")
    ap.add_argument("--max", type=int, default=None, help="sample at most this many mutants")
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--only", type=int, nargs="*", help="run just these mutant numbers")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per test run (a timeout counts as killed)")
    ap.add_argument("--list", action="store_true", help="print the chosen mutants and stop")
    ap.add_argument("--json", type=Path, help="write every outcome here")
    args = ap.parse_args(argv)

    root = args.root.resolve()
    path = root / args.module
    original = path.read_bytes()
    source = original.decode("utf-8")
    every = mutants(source)
    chosen = choose(every, args.max, args.seed, args.only)
    if args.list:
        for m in chosen:
            print(f"#{m.number:4d}  line {m.line:4d}  {m.what}")
        print(f"{len(chosen)} of {len(every)} mutants")
        return 0

    status, seconds = _pytest(root, args.tests, args.timeout)
    if status != "survived":
        print(f"the tests fail on the unmutated module ({status}); fix them first", file=sys.stderr)
        return 2
    outcomes: list[Outcome] = []
    try:
        for m in chosen:
            path.write_text(mutant_source(source, m.number), encoding="utf-8")
            _drop_cache(path)
            status, seconds = _pytest(root, args.tests, args.timeout)
            outcomes.append(Outcome(m.number, m.line, m.what, status, round(seconds, 1)))
            print(f"#{m.number:4d}  line {m.line:4d}  {m.what:32s} {status}", flush=True)
    finally:
        path.write_bytes(original)
        _drop_cache(path)
    survived = [o for o in outcomes if o.status == "survived"]
    rate = len(survived) / len(outcomes) if outcomes else 0.0
    print(f"{args.module}: {len(survived)} of {len(outcomes)} mutants survived ({rate:.0%}); "
          f"{len(every)} mutants in all")
    if args.json:
        args.json.write_text(json.dumps({"module": args.module, "tests": args.tests, "total": len(every),
                                         "seed": args.seed, "outcomes": [asdict(o) for o in outcomes]},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
