"""The services' API package (``trygg_desktop/api``, README Layout): it names exactly what the
layers above the services use, defines nothing but typing, and ``Backend`` is what both
backends really have. The import-linter contract (test_layers.py) keeps the callers on it."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
API = ROOT / "trygg_desktop" / "api"
MODULES = sorted(p.stem for p in API.glob("*.py") if p.stem != "__init__")
#: The callers the forbidden contract in pyproject.toml sends through the API.
CALLERS = ["ui", "cli", "client", "reports", "server", "app.py", "selftest.py"]


def _api_imports() -> dict[str, set[str]]:
    """api module → the names the callers import from it (TYPE_CHECKING imports included)."""
    used: dict[str, set[str]] = {m: set() for m in MODULES}
    for caller in CALLERS:
        path = ROOT / "trygg_desktop" / caller
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level and node.module \
                        and node.module.startswith("api.") and node.level == len(file.relative_to(ROOT).parts) - 1:
                    used[node.module.removeprefix("api.")].update(a.name for a in node.names)
    return used


def test_the_package_lists_its_modules_and_imports_none() -> None:
    import trygg_desktop.api as api
    assert sorted(api.__all__) == MODULES
    tree = ast.parse((API / "__init__.py").read_text(encoding="utf-8"))
    assert not [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]


@pytest.mark.parametrize("name", MODULES)
def test_all_resolves_and_is_all_the_module_names(name: str) -> None:
    module = importlib.import_module(f"trygg_desktop.api.{name}")
    assert len(module.__all__) == len(set(module.__all__)), "a name listed twice"
    for exported in module.__all__:
        assert hasattr(module, exported), f"api.{name}.__all__ names {exported}, which is not there"
    tree = ast.parse((API / f"{name}.py").read_text(encoding="utf-8"))
    bound = {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    bound |= {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    bound -= {"annotations", "TYPE_CHECKING", "Protocol", "runtime_checkable"}
    assert bound == set(module.__all__), f"api.{name}: imported but not exported, or the reverse"


@pytest.mark.parametrize("name", MODULES)
def test_the_api_defines_no_logic(name: str) -> None:
    """Only a docstring, imports (also under ``if TYPE_CHECKING:``), ``__all__`` and Protocol
    classes whose members are annotations and ``...`` stubs: behaviour stays in the services."""
    tree = ast.parse((API / f"{name}.py").read_text(encoding="utf-8"))

    def stub(fn: ast.stmt) -> bool:
        if not isinstance(fn, ast.FunctionDef):
            return False
        body = [s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        return len(body) <= 1 and all(
            isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and s.value.value is Ellipsis for s in body
        ) and bool(fn.body)

    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["__all__"]:
            continue
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            assert all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in node.body + node.orelse)
            continue
        if isinstance(node, ast.ClassDef):
            assert any(getattr(b, "id", None) == "Protocol" for b in node.bases), f"api.{name}.{node.name}"
            for member in node.body:
                assert isinstance(member, ast.AnnAssign) and member.value is None or stub(member) or (
                    isinstance(member, ast.Expr) and isinstance(member.value, ast.Constant)), \
                    f"api.{name}.{node.name} has more than typing at line {member.lineno}"
            continue
        raise AssertionError(f"api.{name} line {node.lineno}: {ast.dump(node)[:80]} is not a re-export")


def test_the_api_names_only_what_its_callers_import() -> None:
    """Nothing else: a name no caller imports any more is taken off the list (and one a caller
    needs is added, or the import-linter contract fails)."""
    used = _api_imports()
    unused = {m: sorted(set(importlib.import_module(f"trygg_desktop.api.{m}").__all__) - used[m]) for m in MODULES}
    assert not {m: names for m, names in unused.items() if names}


def test_the_window_starts_on_the_light_modules_only() -> None:
    """The unlock window imports ``errors`` and ``limits`` before the services load (see
    tests/integration/test_startup.py): they must pull in no service with SQLAlchemy."""
    for name in ("errors", "limits"):
        tree = ast.parse((API / f"{name}.py").read_text(encoding="utf-8"))
        sources = {n.module for n in tree.body if isinstance(n, ast.ImportFrom)}
        assert sources <= {"domain.errors", "services.account_rules"}, (name, sources)


def _backend_members() -> set[str]:
    from trygg_desktop.api.facade import Backend
    return {name for name in vars(Backend) if not name.startswith("_")} | set(Backend.__annotations__)


def test_backend_names_every_service_of_the_facade() -> None:
    from trygg_desktop.api.facade import Services
    from trygg_desktop.api.remote import service_classes
    members = _backend_members()
    assert set(service_classes()) <= members
    public = {n for n in dir(Services) if not n.startswith("_")} | {"actor", "today"}
    assert members <= public, members - public


def test_both_backends_satisfy_backend() -> None:
    from trygg_desktop.api.facade import Backend, Services
    from trygg_desktop.client.remote import RemoteServices
    from trygg_desktop.domain.access import Actor

    actor = Actor(1, "admin", "KOMMUN", frozenset({"SYSADMIN"}))

    class Transport:  # nothing is sent: RemoteServices only builds its proxies here
        url = "https://server.example:8443"

    local, remote = Services(None, actor), RemoteServices(Transport(), actor)  # type: ignore[arg-type]
    assert isinstance(local, Backend) and isinstance(remote, Backend)

    class Partial:  # what a backend without the services would be
        today, shared_database, local_file = None, False, None

        def __init__(self) -> None:
            self.actor = actor

        def colleague_changes(self) -> bool:
            return False

        def as_user(self, actor):
            return self

    assert not isinstance(Partial(), Backend)
