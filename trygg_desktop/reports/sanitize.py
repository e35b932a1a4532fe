"""Hostile-text handling for everything that goes into a PDF (SECURITY.md R32).

reportlab's Paragraph text is XML-like markup: an unescaped ``<img src=…>`` makes
it open a local file and ``<a href=…>`` makes a live link. Every piece of user
text therefore passes through :func:`clean` and ``xml.sax.saxutils.escape``
(:func:`paragraphs`, :func:`inline`) before reportlab sees it; the renderers
never build markup from user text any other way.

Size limits keep generation fast (reportlab's line breaking re-wraps a
paragraph every time it splits across a page, and breaks over-long words one
character at a time in pure Python):

* :func:`paragraphs` cuts text into chunks of at most ``limit`` characters
  (5,000 by default) and at most ``MAX_LINES`` lines, at paragraph, line,
  sentence or word boundaries, in that order of preference;
* "words" longer than ``MAX_WORD`` characters (pasted URLs, base64, a held-down
  key) are broken into ``MAX_WORD``-character pieces separated by a space, so
  that reportlab never splits a huge word glyph by glyph;
* runs of blank lines collapse into one blank line.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

MAX_WORD = 60
MAX_LINES = 60

# C0 controls except TAB and LF, plus the bidi embeddings/overrides/isolates.
_DROP = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
_DROP.update({c: None for c in range(0x202A, 0x202F)})   # LRE RLE PDF LRO RLO
_DROP.update({c: None for c in range(0x2066, 0x206A)})   # LRI RLI FSI PDI

_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD + 1))
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_WS = re.compile(r"\s+")

# Boundaries from coarse to fine; each pattern captures its separator.
_LEVELS = (
    re.compile(r"(\n\n)"),                      # paragraphs
    re.compile(r"(\n)"),                        # lines
    re.compile(r"(?<=[.!?…:;])(\s+)"),          # sentences
    re.compile(r"(\s+)"),                       # words
)


def clean(text: str) -> str:
    """Strip C0 controls (but TAB and LF), NUL and the bidi overrides and isolates.

    CR LF and a lone CR become LF first, so line structure survives. A lone
    surrogate (only possible from a broken decoder) becomes U+FFFD, since it
    cannot be encoded into the PDF. Everything else passes through: emoji,
    Arabic, Hebrew, CJK, combining marks.
    """
    if not text:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_DROP)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def _break_long_words(text: str) -> str:
    def cut(match: re.Match[str]) -> str:
        word = match.group(0)
        return " ".join(word[i:i + MAX_WORD] for i in range(0, len(word), MAX_WORD))

    return _LONG_WORD.sub(cut, text)


def _fits(length: int, lines: int, limit: int) -> bool:
    return length <= limit and lines <= MAX_LINES


def _split(text: str, limit: int, level: int) -> list[str]:
    if _fits(len(text), text.count("\n"), limit):
        return [text]
    if level == len(_LEVELS):  # no boundary left: hard slices
        return [text[i:i + limit] for i in range(0, len(text), limit)]
    parts = _LEVELS[level].split(text)  # piece, separator, piece, separator, …, piece
    chunks: list[str] = []
    current: list[str] = []
    length = lines = 0

    def flush() -> None:
        nonlocal current, length, lines
        if current:
            chunks.append("".join(current))
        current, length, lines = [], 0, 0

    for i in range(0, len(parts), 2):
        piece = parts[i]
        separator = parts[i + 1] if i + 1 < len(parts) else ""
        piece_lines = piece.count("\n")
        if not _fits(len(piece), piece_lines, limit):
            flush()
            chunks.extend(_split(piece, limit, level + 1))
            continue
        if current and not _fits(length + len(piece), lines + piece_lines, limit):
            flush()
        current.append(piece)
        length += len(piece)
        lines += piece_lines
        if separator and _fits(length + len(separator), lines + separator.count("\n"), limit):
            current.append(separator)
            length += len(separator)
            lines += separator.count("\n")
        else:
            flush()
    flush()
    return chunks


def paragraphs(text: str, limit: int = 5000) -> list[str]:
    """Cleaned, escaped reportlab markup for ``text``, in chunks of at most ``limit`` characters.

    The limit counts characters before escaping (``&`` becomes ``&amp;``). Each
    chunk becomes one Paragraph; a newline inside a chunk becomes ``<br/>``.
    Empty or whitespace-only text gives ``[]``.
    """
    limit = max(int(limit), MAX_WORD + 1)
    text = clean(text)
    if not text.strip():
        return []
    text = _BLANK_RUN.sub("\n\n", text)
    if len(text) > MAX_WORD:
        text = _break_long_words(text)
    result = []
    for chunk in _split(text, limit, 0):
        chunk = chunk.strip()
        if chunk:
            result.append(escape(chunk).replace("\n", "<br/>"))
    return result


def inline(text: str) -> str:
    """One short value as markup (for table cells and labelled lines); the caller bounds the length."""
    text = clean(text).strip()
    if len(text) > MAX_WORD:
        text = _break_long_words(text)
    return escape(text).replace("\n", "<br/>")


def one_line(text: str, max_chars: int) -> tuple[str, bool]:
    """Cleaned text on one line (whitespace collapsed), cut to ``max_chars`` with "…".

    Returns the text (plain, not escaped) and whether it was cut. For running
    headers and footers and the PDF metadata, which cannot grow.
    """
    text = _WS.sub(" ", clean(text)).strip()
    if len(text) <= max_chars:
        return text, False
    return text[: max(max_chars - 1, 0)].rstrip() + "…", True
