"""Print and "Save as PDF" for a page that shows a report (Uppföljning, EST): one implementation.

The PDF is rendered in memory on first use (not with every report shown) by the renderer the
composition root installed; every output is logged by the service first (its ``record_output``
refuses a user without the right, and then nothing leaves), and a saved file comes only after
the page's warning that it is not encrypted.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject

from . import printing
from .errors import error_text
from .tasks import QueryOp


class ReportOutputs(QObject):
    def __init__(self, page, renderer: str, log: Callable[[Any], None], file_name: Callable[[Any], str],
                 warning: Callable[[], str]) -> None:
        super().__init__(page)
        self.page, self.renderer_kind, self.log, self.file_name, self.warning = page, renderer, log, file_name, warning
        self.report: Any = None
        self.pdf: bytes | None = None

    def show(self, report: Any) -> None:
        """A new report is on screen: its PDF will be rendered when asked for."""
        self.report, self.pdf = report, None

    @property
    def available(self) -> bool:
        return printing.renderer(self.renderer_kind) is not None

    def print(self) -> None:
        self._with_pdf(self._print)

    def save(self) -> None:
        self._with_pdf(self._save)

    # -- steps ----------------------------------------------------------------------------
    def _with_pdf(self, then: Callable[[bytes], None]) -> None:
        render, report = printing.renderer(self.renderer_kind), self.report
        if report is None or render is None:
            return
        if self.pdf is not None:
            then(self.pdf)
            return

        def rendered(data: bytes) -> None:
            if self.report is report:  # still the report on screen
                self.pdf = data
                then(data)
        QueryOp(lambda: render(report)).success(rendered).failure(self._failed).run(self.page.ctx.executor)

    def _logged(self, then: Callable[[], None]) -> None:
        report = self.report
        QueryOp(lambda: self.log(report)).success(lambda _r: then()).failure(self._failed).run(self.page.ctx.executor)

    def _print(self, data: bytes) -> None:
        printer = printing.ask_printer(self.page)
        if printer is None:
            return
        name = self.file_name(self.report)

        def send() -> None:
            if printing.print_to(printer, data, name) > 0:
                self.page.show_banner(self.tr("Sent to the printer."), "success")
            else:
                self.page.show_banner(self.tr("Nothing was printed: the printer did not accept the document."))
        self._logged(send)

    def _save(self, data: bytes) -> None:
        path = printing.choose_save_path(self.page, self.file_name(self.report), warning=self.warning())
        if path is None:
            return

        def write() -> None:
            try:
                printing.write_pdf(path, data)
            except OSError as exc:
                self.page.show_banner(self.tr("The PDF could not be saved there: %1")
                                      .replace("%1", exc.strerror or str(exc)))
                return
            self.page.show_banner(self.tr("Saved (not encrypted): %1").replace("%1", str(path)), "success")
        self._logged(write)

    def _failed(self, exc: BaseException) -> None:
        self.page.show_banner(error_text(exc))
