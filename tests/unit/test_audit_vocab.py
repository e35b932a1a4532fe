"""Every audit event code the program writes has a Swedish and an English label
(vocab.AUDIT_ACTIONS), and so does every record kind an event names (vocab.AUDIT_RECORDS):
the log, the log review, a case's history and the review report show words, never codes.

The codes are collected from the source itself (its syntax tree, not a text search): each
``tx.audit("CODE", …)`` and ``….audit.append(session, actor, "CODE", …)``, both arms of a
conditional code, the events the throttle queues, and the benchmark's synthetic log. A call
whose code is computed must be one of the known ones below, so a new computed code cannot
slip past this test.
"""

from __future__ import annotations

import ast
from pathlib import Path

from trygg_desktop.bench import dataset
from trygg_desktop.domain import vocab
from trygg_desktop.domain.access import Rec
from trygg_desktop.vault.throttle import PENDING_EVENTS

PACKAGE = Path(__file__).resolve().parents[2] / "trygg_desktop"

# Calls whose code is a variable, and where its values come from.
COMPUTED = {
    ("services/base.py", "action"),  # Tx.audit itself: passes its caller's literal on
    ("services/database.py", "event"),  # the throttle's queued events: PENDING_EVENTS
}


def _strings(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body), _strings(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _audit_calls():
    """(file, call, the code argument) of every audit write in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr == "audit" and node.args:
                yield rel, node, node.args[0]
            elif (node.func.attr == "append" and len(node.args) >= 3
                  and "audit" in ast.unparse(node.func.value)):
                yield rel, node, node.args[2]


def written_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for rel, node, arg in _audit_calls():
        found = _strings(arg)
        if found is None:
            assert (rel, ast.unparse(arg)) in COMPUTED, (
                f"{rel}:{node.lineno} writes a computed audit code ({ast.unparse(arg)}): "
                "name its values in this test")
            continue
        for code in found:
            codes.setdefault(code, f"{rel}:{node.lineno}")
    for code in PENDING_EVENTS:
        codes.setdefault(code, "vault/throttle.py")
    for code, _entity, _share in dataset._ACTIONS:
        codes.setdefault(code, "bench/dataset.py")
    return codes


def written_records() -> set[str]:
    records = {str(r).lower() for r in Rec}  # a refusal names the policy's record kind
    for _rel, node, _arg in _audit_calls():
        for kw in node.keywords:
            if kw.arg == "entity" and (found := _strings(kw.value)):
                records.update(found)
    records.update(entity for _code, entity, _share in dataset._ACTIONS)
    return records


def test_the_collector_sees_the_known_codes() -> None:
    codes = written_codes()
    assert {"CASE_READ", "ACCESS_DENIED", "AUDIT_SEARCH", "LOGIN_FAILED", "PASSWORD_CHANGE",
            "AUDIT_REPORT_PRINT", "AUDIT_REPORT_EXPORT", "GALLRING"} <= set(codes)
    assert len(codes) > 60


def test_every_written_action_code_has_a_label() -> None:
    missing = {code: where for code, where in written_codes().items() if code not in vocab.AUDIT_ACTIONS}
    assert not missing, f"add these to vocab.AUDIT_ACTIONS: {missing}"


def test_every_record_kind_has_a_label() -> None:
    missing = sorted(r for r in written_records() if r not in vocab.AUDIT_RECORDS)
    assert not missing, f"add these to vocab.AUDIT_RECORDS: {missing}"


def test_labels_are_words_not_codes() -> None:
    for voc in (vocab.AUDIT_ACTIONS, vocab.AUDIT_RECORDS):
        for term in voc:
            assert term.sv and term.en and term.sv != term.code and "_" not in term.sv + term.en, term
    assert vocab.AUDIT_ACTIONS.label("CASE_READ") == "Öppnade ärendet"
    assert vocab.AUDIT_ACTIONS.label("ACCESS_DENIED", "en") == "Access denied"


def test_a_register_extract_names_every_audit_action_in_words() -> None:
    from trygg_desktop.domain.documents import AUDIT_ACTION_LABELS, access_log_label
    from trygg_desktop.domain.vocab import AUDIT_ACTIONS
    assert access_log_label("PERSON_READ") == AUDIT_ACTION_LABELS["PERSON_READ"]  # the person's wording first
    for code in AUDIT_ACTIONS.codes:
        label = access_log_label(code)
        assert label and label != code, code
