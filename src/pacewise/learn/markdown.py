"""A tiny, safe Markdown-to-HTML renderer for the lesson subset.

Supported: ``#`` headings (shifted so a lesson's ``##`` sits under the page's ``<h1>``),
paragraphs, ``-``/``*`` bullet lists, ``1.`` numbered lists, ``**bold**`` and ``*italic*`` /
``_italic_``. Everything else, HTML and links included, is escaped and shown as text: the
output can never carry markup that was not in this list. Framework-free; the template filter
marks the result safe.
"""

from __future__ import annotations

import re
from html import escape

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+(.*)$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")


def inline(text: str) -> str:
    """Escape ``text``, then turn bold and italic markers into tags."""
    out = escape(text, quote=True)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC_STAR.sub(r"<em>\1</em>", out)
    return _ITALIC_UNDERSCORE.sub(r"<em>\1</em>", out)


def render(text: str, *, heading_offset: int = 0) -> str:
    """HTML for ``text``. ``heading_offset`` shifts heading levels (capped at ``<h6>``)."""
    html: list[str] = []
    paragraph: list[str] = []
    list_tag: str | None = None

    def close_paragraph() -> None:
        if paragraph:
            html.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal list_tag
        if list_tag:
            html.append(f"</{list_tag}>")
            list_tag = None

    for raw in text.splitlines():
        line = raw.strip()
        heading = _HEADING.match(line)
        item = _BULLET.match(raw) or _NUMBERED.match(raw)
        if not line:
            close_paragraph()
            close_list()
        elif heading:
            close_paragraph()
            close_list()
            level = min(6, len(heading.group(1)) + heading_offset)
            html.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
        elif item:
            close_paragraph()
            tag = "ul" if _BULLET.match(raw) else "ol"
            if list_tag != tag:
                close_list()
                html.append(f"<{tag}>")
                list_tag = tag
            html.append(f"<li>{inline(item.group(1).strip())}</li>")
        elif list_tag and raw[:1].isspace():
            # A continuation line of the list item above.
            html[-1] = html[-1][: -len("</li>")] + " " + inline(line) + "</li>"
        else:
            close_list()
            paragraph.append(line)
    close_paragraph()
    close_list()
    return "\n".join(html)
