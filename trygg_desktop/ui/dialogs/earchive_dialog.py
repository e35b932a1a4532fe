"""Export for e-archive: the archive manager seals closed cases into an encrypted package.

The caller (the Gallring page) hands in the cases to offer; the dialog lets the
archive manager tick them, choose a passphrase (twice, with a strength hint) and
the output file, and runs ``EArchiveService.export`` on the executor. Open cases
are listed but cannot be ticked: the service refuses them anyway. The warning
says what the file holds and that the passphrase travels separately. Nothing is
deleted here: gallring is its own, separately approved step.

The protocol renderer comes from ``printing.renderer("protocol")`` (``app.py``
installs it: ``ui`` may not import ``reports``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ...domain import vocab
from ...api.errors import TryggError
from ...api.results import EArchiveCandidate, EArchiveInfo
from ...api.operations import MIN_PASSPHRASE
from .. import printing
from ..errors import error_text
from ..tasks import QueryOp
from ..widgets.banner import Banner
from ..widgets.password import PasswordEdit

CONTEXT = "EArchiveDialog"
SUFFIX = ".tdar"

MESSAGES = {
    "earchive.case_open": QT_TRANSLATE_NOOP("EArchiveDialog", "Only closed cases can be handed over to the e-archive."),
    "earchive.passphrase_short": QT_TRANSLATE_NOOP("EArchiveDialog", "The passphrase needs at least %1 characters."),
    "earchive.no_cases": QT_TRANSLATE_NOOP("EArchiveDialog", "Tick at least one case."),
    "earchive.out_exists": QT_TRANSLATE_NOOP("EArchiveDialog", "A file with that name already exists; choose another."),
    "earchive.no_folder": QT_TRANSLATE_NOOP("EArchiveDialog", "The folder does not exist; choose another."),
}


def earchive_error_text(exc: BaseException) -> str:
    if isinstance(exc, TryggError) and exc.code in MESSAGES:
        return QCoreApplication.translate(CONTEXT, MESSAGES[exc.code]).replace("%1", str(MIN_PASSPHRASE))
    return error_text(exc)


def candidates_from_due(rows: Iterable[Any]) -> list[EArchiveCandidate]:
    """The Gallring page's due records (``RetentionService.due()``) as one line per case.

    Held records are left out (they are not disposed, so not handed over now); a
    case whose record is due while the case is still open is listed as open.
    """
    seen: dict[int, EArchiveCandidate] = {}
    for row in rows:
        if getattr(row, "blocked_by", None) or row.case_id in seen:
            continue
        closed = getattr(row, "closed_at", None)
        seen[row.case_id] = EArchiveCandidate(
            id=row.case_id, reference=row.case_ref, kind=row.case_kind, status="",
            closed_on=closed.isoformat() if closed is not None else None, open=closed is None)
    return list(seen.values())


def ask_output_path(parent: QWidget | None, suggested: str) -> Path | None:
    """The save-file dialog (tests replace this function)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder) / suggested) if folder else suggested
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("EArchiveDialog", "Save e-archive package"), start,
        QCoreApplication.translate("EArchiveDialog", "E-archive packages (*.tdar)"))
    return Path(path) if path else None


def strength(passphrase: str) -> tuple[int, str]:
    """0 too short · 1 acceptable · 2 good · 3 strong: length rules, plus a penalty for one repeated character."""
    n = len(passphrase)
    if n < MIN_PASSPHRASE:
        return 0, QCoreApplication.translate("EArchiveDialog", "Too short: at least %1 characters.").replace(
            "%1", str(MIN_PASSPHRASE))
    if len(set(passphrase)) < 6:
        return 1, QCoreApplication.translate("EArchiveDialog", "Weak: use several different words.")
    if n < 16:
        return 1, QCoreApplication.translate("EArchiveDialog", "Acceptable. Four or more words are better.")
    if n < 24:
        return 2, QCoreApplication.translate("EArchiveDialog", "Good.")
    return 3, QCoreApplication.translate("EArchiveDialog", "Strong.")


_STRENGTH_COLOURS = ("#9b1c1c", "#8a5a00", "#145a23", "#145a23")


class EArchiveDialog(QDialog):
    """Tick cases → passphrase twice → file → Export (on the executor)."""

    def __init__(self, ctx, cases: Sequence[EArchiveCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: EArchiveInfo | None = None
        self.setWindowTitle(self.tr("Export for e-archive"))
        self.setMinimumWidth(620)
        outer = QVBoxLayout(self)
        outer.addWidget(self._warning())
        self.banner = Banner(self)
        outer.addWidget(self.banner)

        outer.addWidget(QLabel(self.tr("Closed cases to hand over:")))
        self.case_list = QListWidget()
        self.case_list.setAccessibleName(self.tr("Cases to hand over"))
        for case in cases:
            kind = vocab.CASE_KINDS.label(case.kind) if case.kind in vocab.CASE_KINDS else case.kind
            if case.open:
                text = self.tr("%1 · %2 · open – cannot be handed over").replace("%1", case.reference) \
                    .replace("%2", kind)
            else:
                text = self.tr("%1 · %2 · closed %3").replace("%1", case.reference).replace("%2", kind) \
                    .replace("%3", case.closed_on or "–")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            if case.open:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            self.case_list.addItem(item)
        rows = max(3, min(len(cases), 8))
        self.case_list.setFixedHeight(self.case_list.sizeHintForRow(0) * rows + 8 if cases else 60)
        self.case_list.itemChanged.connect(lambda _i: self._update())
        outer.addWidget(self.case_list)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.passphrase = PasswordEdit(self.tr("Passphrase"))
        self.passphrase.textChanged.connect(self._update)
        form.addRow(self._buddy(self.tr("&Passphrase:"), self.passphrase), self.passphrase)
        self.repeat = PasswordEdit(self.tr("Repeat passphrase"))
        self.repeat.textChanged.connect(self._update)
        form.addRow(self._buddy(self.tr("&Repeat:"), self.repeat), self.repeat)
        self.hint = QLabel()
        self.hint.setAccessibleName(self.tr("Passphrase strength"))
        form.addRow("", self.hint)
        path_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Output file"))
        self.path.setPlaceholderText(self.tr("Choose where to save the package"))
        self.path.textChanged.connect(self._update)
        self.choose = QPushButton(self.tr("C&hoose…"))
        self.choose.setAutoDefault(False)
        self.choose.clicked.connect(self.choose_path)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.choose)
        form.addRow(self._buddy(self.tr("&File:"), self.path), path_row)
        outer.addLayout(form)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._running = False
        self._update()

    # -- construction helpers -----------------------------------------------------------
    def _warning(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("earchiveWarning")
        frame.setStyleSheet("QFrame#earchiveWarning{background:#fff4d6; border:1px solid #e6c66e;"
                            "border-radius:4px;} QFrame#earchiveWarning QLabel{color:#5c4100;}")
        box = QVBoxLayout(frame)
        title = QLabel(self.tr("The package holds confidential personal data"))
        title.setStyleSheet("font-weight:700;")
        text = QLabel(self.tr(
            "Everything recorded in the ticked cases is written, encrypted, into one file for the municipality's "
            "e-archive: persons, consents, assessments, plans, journal, disclosures and the approved protocols. "
            "Only the passphrase opens it: give it to the archivist separately, never with the file. "
            "Nothing is deleted here – gallring is its own approved step. The export is logged per case."))
        text.setWordWrap(True)
        box.addWidget(title)
        box.addWidget(text)
        return frame

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    # -- state ---------------------------------------------------------------------------
    def checked_ids(self) -> list[int]:
        out = []
        for row in range(self.case_list.count()):
            item = self.case_list.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsEnabled and item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def output_path(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text)
        return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)

    def _update(self) -> None:
        level, text = strength(self.passphrase.text())
        if self.repeat.text() and self.repeat.text() != self.passphrase.text():
            level, text = 0, self.tr("The two passphrases differ.")
        self.hint.setText(text if self.passphrase.text() else
                          self.tr("At least %1 characters; a few unrelated words are easy to say and hard to guess.")
                          .replace("%1", str(MIN_PASSPHRASE)))
        self.hint.setStyleSheet(f"color:{_STRENGTH_COLOURS[level]};" if self.passphrase.text() else "color:#555;")
        ready = (bool(self.checked_ids()) and len(self.passphrase.text()) >= MIN_PASSPHRASE
                 and self.repeat.text() == self.passphrase.text() and self.output_path() is not None
                 and not self._running and self.result_value is None)
        self.export_button.setEnabled(ready)

    def _message(self, text: str, kind: str) -> None:
        self.banner.show_message(text, kind)
        self.adjustSize()  # the banner must not squeeze the warning

    # -- actions -------------------------------------------------------------------------
    def choose_path(self) -> None:
        path = ask_output_path(self, f"e-arkiv{SUFFIX}")
        if path is not None:
            self.path.setText(str(path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)))

    def export(self) -> None:
        self._update()
        if not self.export_button.isEnabled():
            return
        render = printing.renderer("protocol")
        if render is None:
            self._message(self.tr("The PDF renderer is not available."), "error")
            return
        ids, out, passphrase = self.checked_ids(), self.output_path(), self.passphrase.text()
        assert out is not None
        if out.exists():
            self._message(self.tr("A file with that name already exists; choose another."), "error")
            return
        services = self.ctx.services
        self._running = True
        self._update()
        self._message(self.tr("Exporting…"), "info")
        QueryOp(lambda: services.earchive.export(ids, out, passphrase, render_protocol=render)) \
            .success(self._done).failure(self._failed).run(self.ctx.executor)

    def _done(self, info: EArchiveInfo) -> None:
        self._running = False
        self.result_value = info
        self.passphrase.clear()
        self.repeat.clear()
        cases = self.tr("%n case(s)", "", len(info.references))
        protocols = self.tr("%n protocol(s)", "", info.protocols)
        self._message(
            self.tr("%1 and %2 were sealed into %3. Give the passphrase to the archivist separately.")
            .replace("%1", cases).replace("%2", protocols).replace("%3", str(info.path)), "success")
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self._message(earchive_error_text(exc), "error")
        self._update()
