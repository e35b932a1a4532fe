"""Printing and saving PDFs that exist only in memory (SECURITY.md R24/R25).

The reports build every PDF into ``bytes``; this module previews, prints and
saves those bytes without ever writing a temporary file. Printing renders each
page with Qt PDF (``QPdfDocument`` over a ``QBuffer``) onto a ``QPrinter``, so
the only copy outside memory is the one the operating system's print spooler
keeps (a residual risk, documented in SECURITY.md). Saving is the only place a
plaintext file appears; it happens after an explicit warning, at a path the
user chose.

The native dialogs are reached through module-level functions (``ask_printer``,
``ask_save_path``, ``confirm_unencrypted``) so tests replace them and need no
native dialog.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QSizePolicy, QWidget

from ..vault.private_file import UnsafeTarget, write_private

# Pages are rasterised for the printer at this resolution at most: a HighResolution
# printer reports 1200 dpi, and an A4 page at that size would be a 550 MB image.
MAX_RENDER_DPI = 300
POINTS_PER_INCH = 72.0


Renderer = Callable[[Any], bytes]
_renderers: dict[str, Renderer] = {}


# -- renderers --------------------------------------------------------------------------------
def install_renderers(**renderers: Renderer) -> None:
    """The composition root hands in the report renderers (``protocol=``, ``plan=``, ``extract=``).

    ``ui`` and ``reports`` are sibling layers that may not import each other
    (import-linter contract), so ``app.py`` – which sees both – wires them here.
    """
    _renderers.update(renderers)


def renderer(kind: str) -> Renderer | None:
    return _renderers.get(kind)


# -- in memory ------------------------------------------------------------------------------
def pdf_document(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """Load PDF bytes into a ``QPdfDocument`` through a ``QBuffer`` (no file).

    The caller keeps both objects alive as long as the document is shown: the
    document reads pages from the buffer lazily. Check ``document.status()``.
    """
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def page_count(data: bytes) -> int:
    document, buffer = pdf_document(data)
    try:
        return document.pageCount() if document.status() == QPdfDocument.Status.Ready else 0
    finally:
        document.close()
        buffer.close()


class PdfPreview(QPdfView):
    """A PDF view over bytes in memory: it keeps the document, the buffer and the byte array.

    ``show_pdf`` swaps in new bytes (the old buffer lives until the document has let
    go of it); ``drop`` forgets them (dialog closed, window locked). The document is a
    sibling of the view, not its child: a child would be destroyed while the view is
    half torn down and its "closed" signal would reach the dying view (a crash in Qt).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.pdf = QPdfDocument(parent)
        self._bytes: QByteArray | None = None
        self._buffer: QBuffer | None = None
        self.setDocument(self.pdf)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setPageSpacing(12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def page_count(self) -> int:
        return self.pdf.pageCount() if self.pdf.status() == QPdfDocument.Status.Ready else 0

    def show_pdf(self, data: bytes) -> bool:
        """Load the bytes; False (and nothing shown) when Qt cannot read them."""
        self.drop()
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self.pdf)
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        if self.page_count == 0:
            self.drop()
            return False
        return True

    def drop(self) -> None:
        self.pdf.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
        self._buffer = self._bytes = None

    def apply_zoom(self, choice: str | float) -> None:
        """"width", "page" or a factor (1.0 = 100 %)."""
        if choice == "width":
            self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif choice == "page":
            self.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.setZoomMode(QPdfView.ZoomMode.Custom)
            self.setZoomFactor(float(choice))


# -- printing -------------------------------------------------------------------------------
def ask_printer(parent: QWidget | None) -> QPrinter | None:
    """The print dialog. "Print to file" is switched off: a file is made only by "Save as PDF"."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_to(printer: QPrinter, data: bytes, doc_name: str = "") -> int:
    """Paint every page of the PDF onto ``printer``; returns the number of pages printed.

    Each page is scaled to the paper, keeping its proportions, and rendered at no
    more than ``MAX_RENDER_DPI``. ``doc_name`` shows in the print queue: keep
    personal data out of it.
    """
    document, buffer = pdf_document(data)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
            return 0
        printer.setDocName(doc_name or QCoreApplication.translate("Printing", "Trygg Desktop document"))
        printer.setFullPage(True)   # the PDF has its own margins; paint it 1:1 on the paper
        first = document.pagePointSize(0)
        orientation = QPageLayout.Orientation.Landscape if first.width() > first.height() \
            else QPageLayout.Orientation.Portrait
        printer.setPageOrientation(orientation)
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            printed = 0
            for page in range(document.pageCount()):
                if page and not printer.newPage():
                    break
                _paint_page(painter, printer, document, page)
                printed += 1
            return printed
        finally:
            painter.end()
    finally:
        document.close()
        buffer.close()


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    area = printer.pageLayout().fullRectPixels(printer.resolution())
    points = document.pagePointSize(page)
    if points.width() <= 0 or points.height() <= 0:
        return
    scale = min(area.width() / points.width(), area.height() / points.height())
    target = QRect(area.x(), area.y(), round(points.width() * scale), round(points.height() * scale))
    target.moveLeft(area.x() + (area.width() - target.width()) // 2)
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    pixels = QSize(round(points.width() / POINTS_PER_INCH * dpi), round(points.height() / POINTS_PER_INCH * dpi))
    image = document.render(page, pixels)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.fillRect(target, Qt.GlobalColor.white)
    painter.drawImage(target, image)


def print_pdf(parent: QWidget | None, data: bytes, doc_name: str = "") -> bool:
    """Ask for a printer and print the in-memory PDF; False when cancelled or nothing printed."""
    printer = ask_printer(parent)
    if printer is None:
        return False
    return print_to(printer, data, doc_name) > 0


# -- saving ---------------------------------------------------------------------------------
def confirm_unencrypted(parent: QWidget | None, text: str | None = None) -> bool:
    """Saving makes the one plaintext copy: say so before asking where. ``text`` replaces the
    default warning (which speaks of personal data) for outputs that hold none."""
    answer = QMessageBox.warning(
        parent, QCoreApplication.translate("Printing", "The PDF file is not encrypted"),
        text or QCoreApplication.translate(
            "Printing", "The PDF file will not be encrypted and contains personal data covered by secrecy. Save it "
            "only where nobody else can read it (never on a shared or network drive, or in e-mail), and delete it "
            "when it is no longer needed.\n\nSave the PDF?"),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Save


def ask_save_path(parent: QWidget | None, suggested_name: str, file_filter: str | None = None) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder) / suggested_name) if folder else suggested_name
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Printing", "Save as PDF" if file_filter is None else "Export"), start,
        file_filter or QCoreApplication.translate("Printing", "PDF files (*.pdf)"))
    return Path(path) if path else None


def choose_save_path(parent: QWidget | None, suggested_name: str, *, warning: str | None = None,
                     file_filter: str | None = None) -> Path | None:
    """The warning first, then the file dialog; None when the user stops at either. The
    suffix of ``suggested_name`` (".pdf", ".csv", ".xlsx") is added when the user left it out."""
    # Called with only the arguments given: tests stand in for the native dialogs with plain functions.
    if not (confirm_unencrypted(parent, warning) if warning else confirm_unencrypted(parent)):
        return None
    path = ask_save_path(parent, suggested_name, file_filter) if file_filter else ask_save_path(parent, suggested_name)
    if path is None:
        return None
    suffix = Path(suggested_name).suffix.lower() or ".pdf"
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def write_pdf(path: Path, data: bytes) -> Path:
    """Write the bytes straight to the chosen path (no temporary file), readable by the owner only.

    ``vault.private_file`` in place (not atomic: R24 allows Python to write the
    chosen file and nothing else): exactly 0600 on POSIX whatever the umask, also
    over an existing 0644 file; owner-only ACL on Windows (best effort). Raises
    ``OSError`` for every failure, as the dialogs expect ("could not be saved
    there"); a symbolic link at the path is refused as ``OSError(ELOOP)`` whose
    cause is the ``file.unsafe_target`` error, and what it points to is untouched.
    """
    try:
        write_private(path, data, atomic=False)
    except UnsafeTarget as exc:
        raise OSError(errno.ELOOP, exc.message, str(path)) from exc
    return path


def save_pdf(parent: QWidget | None, data: bytes, suggested_name: str) -> Path | None:
    """Warn, ask where, write. Returns the path written, or None when cancelled."""
    path = choose_save_path(parent, suggested_name)
    return write_pdf(path, data) if path is not None else None
