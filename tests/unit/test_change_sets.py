"""Issue 16: no module of ``ui/`` names what changed by hand.

A change set is what a service method declares (``changes_of(services.x.method)``, or of a
``functools.partial`` of one), and a page's ``cares_about`` is made of ``Topic`` members. A
string in either place is a name the type checker cannot see, the way a page used to stop
refreshing silently; this reads the source and fails on one."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "trygg_desktop" / "ui"

#: Calls whose argument at that position is a change set (``_mutate`` takes it as ``changes=``;
#: the wizard's ``_run`` fourth).
CHANGE_SET_ARGS = {"MutationOp": 1, "mutate": 1, "_run": 3, "notify": 0, "on_changed": 0}
#: Calls whose first argument is the work; a ``partial`` of one method there brings its own set.
WORK_CALLS = {"MutationOp", "mutate", "_mutate", "_run"}
#: Names (attributes or plain) a change set or a page's topics is assigned to.
CHANGE_SET_NAMES = {"changes", "cares_about"}


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def change_sets(tree: ast.AST):
    """(line, expression) of every change set: arguments of the calls above (also ``changes=``),
    the window's ``changed.emit(…)``, and assignments to ``changes``/``cares_about``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            position = CHANGE_SET_ARGS.get(name or "")
            if name == "emit" and isinstance(node.func, ast.Attribute) and _name(node.func.value) == "changed":
                position = 0
            if position is not None and len(node.args) > position:
                yield node.lineno, node.args[position]
            for keyword in node.keywords:
                if keyword.arg == "changes":
                    yield node.lineno, keyword.value
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_name(t) in CHANGE_SET_NAMES for t in targets):
                yield node.lineno, node.value


def literal_change_sets() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, expr in change_sets(tree):
            if _strings(expr):
                found.append(f"{path.relative_to(UI.parent)}:{line}: {ast.unparse(expr)}")
    return found


def test_no_ui_module_passes_a_string_as_a_change_set() -> None:
    assert not literal_change_sets(), "name what changed with changes_of(service method) or Topic members"


def test_the_check_sees_the_call_sites() -> None:
    """Not vacuous: it finds the change sets of the real call sites, and a literal one."""
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in UI.rglob("*.py")]
    count = sum(1 for tree in trees for _ in change_sets(tree))
    derived = sum(1 for tree in trees for node in ast.walk(tree) if isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Attribute) and node.func.attr == "call" and _name(node.func.value) == "MutationOp")
        or (_name(node.func) in WORK_CALLS and node.args and isinstance(node.args[0], ast.Call)
            and _name(node.args[0].func) == "partial")))   # the set comes from the method itself
    assert count >= 25 and derived >= 15 and count + derived >= 45
    bad = ast.parse('MutationOp(fn, {"meetings"}, notify)\nself.mutate(fn, set(["cases"]))\n'
                    'window.changed.emit({"*"})\ncares_about = frozenset({"users"})\n')
    assert sorted(line for line, expr in change_sets(bad) if _strings(expr)) == [1, 2, 3, 4]


def _calls_with_work(tree: ast.AST):
    """(line, work, change set) of ``MutationOp``/``mutate``/``_mutate``/``_run`` calls."""
    for node in ast.walk(tree):
        name = _name(node.func) if isinstance(node, ast.Call) else None
        if name in WORK_CALLS and node.args:
            position = CHANGE_SET_ARGS.get(name)
            given = [k.value for k in node.keywords if k.arg == "changes"]
            if position is not None and len(node.args) > position:
                given.append(node.args[position])
            yield node.lineno, node.args[0], given[0] if given else None


def test_a_lambda_around_one_service_call_announces_that_methods_changes() -> None:
    """``MutationOp(lambda: svc.x(...), changes_of(svc.y))`` names the wrong set: the method the
    lambda calls must be among those ``changes_of`` reads (a ``partial`` cannot differ at all)."""
    wrong = []
    for path in sorted(UI.rglob("*.py")):
        for line, work, changes in _calls_with_work(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(work, ast.Lambda) and isinstance(work.body, ast.Call) \
                    and isinstance(changes, ast.Call) and _name(changes.func) == "changes_of":
                called = ast.unparse(work.body.func)
                if called not in {ast.unparse(a) for a in changes.args}:
                    wrong.append(f"{path.relative_to(UI.parent)}:{line}: {called} vs {ast.unparse(changes)}")
    assert not wrong


def test_mutation_op_call_announces_what_the_method_declares() -> None:
    """``MutationOp.call(method, *args)``: the work is that call, the set is its declaration."""
    from trygg_desktop.domain.topics import Topic
    from trygg_desktop.services.base import changes
    from trygg_desktop.ui.tasks import MutationOp

    class Service:
        @changes(Topic.PLANS, Topic.CASE)
        def add(self, case_id: int, *, text: str) -> str:
            return f"{case_id}:{text}"

    op = MutationOp.call(Service().add, 7, text="x", notify=lambda _c: None)
    assert op._changes == frozenset({Topic.PLANS, Topic.CASE}) and op._fn() == "7:x"


def test_a_partial_brings_its_declared_set_and_a_bare_lambda_is_refused() -> None:
    """``MutationOp(partial(svc.x, …), None, notify)``: the set is ``x``'s declaration; a lambda
    without a set declares nothing and is refused when the operation is built, not later."""
    from functools import partial

    import pytest

    from trygg_desktop.domain.topics import Topic
    from trygg_desktop.services.base import changes
    from trygg_desktop.ui.tasks import MutationOp

    class Service:
        @changes(Topic.MEETINGS)
        def save(self, meeting_id: int) -> int:
            return meeting_id

    svc = Service()
    assert MutationOp(partial(svc.save, 3), None, lambda _c: None)._changes == frozenset({Topic.MEETINGS})
    with pytest.raises(TypeError):
        MutationOp(lambda: svc.save(3), None, lambda _c: None)
