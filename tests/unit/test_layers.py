"""The layer contract (DESIGN.md §1) holds: import-linter over the package."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([exe, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower() or "0 broken" in result.stdout.lower()


def test_no_import_circles() -> None:
    """No module reaches itself through imports, counting the ones inside functions and under
    ``TYPE_CHECKING`` (issue 16: the page and its tabs, the database and its key rotation, the
    PDF kit and its page furniture, the bench's runner and dataset all went round once). A
    circle means two modules cannot be read, tested or changed apart."""
    import grimp

    graph = grimp.build_graph("trygg_desktop", exclude_type_checking_imports=False)
    circles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported != module and graph.chain_exists(importer=imported, imported=module):
                circles.append(" -> ".join((module, *graph.find_shortest_chain(importer=imported, imported=module))))
    assert not circles, "\n".join(circles)


def test_no_work_at_import_time_in_modules() -> None:
    """No module opens files, databases or windows when imported (DESIGN.md §1)."""
    forbidden_calls = {"open", "connect", "create_engine", "QApplication", "unlock", "init_database"}
    for path in (ROOT / "trygg_desktop").rglob("*.py"):
        if path.name == "__main__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                func = node.value.func
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                assert name not in forbidden_calls, f"{path.relative_to(ROOT)} calls {name} at import time"
