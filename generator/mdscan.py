"""A small, linear scanner over Markdown source.

It finds what the other stages must treat with care: code (fenced and inline), headings, links,
raw HTML, URLs and block markers (admonition and tab titles). It does not render Markdown; it
only reports spans, so that the linker can leave them alone and the validator can check them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from markdown.extensions.toc import slugify as _toc_slugify

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(?P<text>.*?)[ \t#]*$")
BLOCK_MARKER = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===\+?|\[\^[^\]]+\]:|\*\[[^\]]+\]:|\[[^\]]+\]:\s)")
HEADING_ID = re.compile(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$")

#: A link or image destination: no spaces, parentheses only in balanced pairs, as CommonMark
#: has it (``https://en.wikipedia.org/wiki/Warp_(x)``).
LINK_DEST = r"(?:[^()\s]|\([^()\s]*\))*"

# Inline spans that must never be touched. Order matters: code first, then links, then HTML.
INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?P=ticks))"
    r"|(?P<image>!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?P<image_url>" + LINK_DEST + r")(?:\s+\"[^\"]*\")?\))"
    r"|(?P<link>\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?P<url>" + LINK_DEST + r")(?:\s+\"[^\"]*\")?\))"
    r"|(?P<reflink>\[(?:[^\[\]]|\[[^\[\]]*\])*\]\[[^\]]*\])"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<autolink><(?:https?|mailto|ftp):[^>\n]+>)"  # also Slack's <url|text>
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<bareurl>(?:https?|ftp)://[^\s)<>\]]+)"
    r"|(?P<attrs>\{[:#.][^}\n]*\})",
    re.DOTALL,
)
#: Where an inline span can start. Searching for these first lets the regex engine skip
#: plain text quickly instead of trying every alternative of INLINE at every character.
TRIGGER = re.compile(r"[`!\[<{]|(?<![\w/])(?:https?|ftp)://")
#: The same places, found faster: a bare URL is found by its "://" (rare in prose), not by
#: trying its scheme at every "h" and "f"; :func:`_next_trigger` then checks the scheme.
_TRIGGER_FAST = re.compile(r"[`!\[<{]|://")
_SCHEMES = ("https", "http", "ftp")


@dataclass(frozen=True)
class Link:
    url: str
    start: int  # offset in the text
    line: int  # 0-based line in the text


@dataclass(frozen=True)
class HtmlTag:
    source: str
    start: int
    line: int


@dataclass(frozen=True)
class Heading:
    text: str
    id: str
    line: int


@dataclass(frozen=True)
class Scan:
    """Where things are in a Markdown text. Offsets index into the scanned text."""

    protected: list[tuple[int, int]]  # sorted, non-overlapping [start, end) spans
    links: list[Link]
    html: list[HtmlTag]
    headings: list[Heading]

    def is_protected(self, start: int, end: int) -> bool:
        """True if ``[start, end)`` overlaps a protected span."""
        i = bisect_right(self.protected, (start, float("inf"))) - 1
        if i >= 0 and self.protected[i][1] > start:
            return True
        return i + 1 < len(self.protected) and self.protected[i + 1][0] < end


@lru_cache(maxsize=4096)
def heading_slug(text: str) -> str:
    """The anchor id Python-Markdown's ``toc`` extension gives a heading with this text."""
    plain = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    plain = re.sub(r"`([^`]*)`", r"\1", plain)
    plain = re.sub(r"<[^>]+>", "", plain)
    plain = re.sub(r"[*_]{1,3}([^*_]+)[*_]{1,3}", r"\1", plain)
    return _toc_slugify(plain, "-")


#: The first character (after indentation) of every line FENCE_OPEN, HEADING or BLOCK_MARKER
#: can match.
_BLOCK_FIRST = "`~#!?=[*"


def closes_fence(line: str, fence: tuple[str, int]) -> bool:
    """Whether ``line`` closes a code block opened by ``fence`` ((fence chars, length)): the same
    character, at least as many of them, and nothing else on the line."""
    stripped = line.strip()
    return stripped.startswith(fence[0][0] * fence[1]) and not stripped.strip(fence[0][0])


def scan(text: str) -> Scan:
    """Scan ``text`` once, line by line, and report its protected spans, links, HTML, headings."""
    protected: list[tuple[int, int]] = []
    links: list[Link] = []
    html: list[HtmlTag] = []
    headings: list[Heading] = []
    used_ids: dict[str, int] = {}
    pos = 0
    fence: tuple[str, int] | None = None  # (fence chars, length)
    lines = text.split("\n")
    inline_buffer: list[tuple[int, int, int]] = []  # (start offset, line index, end offset)
    for n, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        if fence is not None:
            protected.append((start, end + 1))
            if closes_fence(line, fence):
                fence = None
            continue
        first = line.lstrip(" \t")[:1]
        if not first or first not in _BLOCK_FIRST:  # plain text: no fence, heading or marker
            inline_buffer.append((start, n, end))
            continue
        m = FENCE_OPEN.match(line) if first in "`~" else None
        if m:
            fence = (m.group("fence"), len(m.group("fence")))
            protected.append((start, end + 1))
            continue
        h = HEADING.match(line) if first == "#" else None
        if h:
            protected.append((start, end + 1))
            raw = h.group("text")
            explicit = HEADING_ID.search(raw)
            if explicit:
                hid = explicit.group("id")
                raw = raw[: explicit.start()].strip()
            else:
                base = heading_slug(raw)
                count = used_ids.get(base, 0)
                hid = base if count == 0 else f"{base}_{count}"
                used_ids[base] = count + 1
            headings.append(Heading(raw, hid, n))
            _scan_inline(text, start, end, n, [], links, html)  # links in headings count too
            continue
        if BLOCK_MARKER.match(line):
            protected.append((start, end + 1))
            _scan_inline(text, start, end, n, [], links, html)
            continue
        inline_buffer.append((start, n, end))
    # Inline spans may cross line breaks within a paragraph, so scan paragraphs, not lines.
    for para_start, para_line, para_end in _paragraphs(inline_buffer):
        _scan_inline(text, para_start, para_end, para_line, protected, links, html)
    protected.sort()
    return Scan(protected, links, html, headings)


def _paragraphs(rows: list[tuple[int, int, int]]):
    """Group consecutive non-blank lines into paragraphs: (start, first line, end)."""
    cur: list[int] | None = None
    for start, n, end in rows:
        if cur is not None and start == cur[2] + 1 and end > start:
            cur[2] = end
            continue
        if cur is not None:
            yield tuple(cur)
        cur = [start, n, end] if end > start else None
    if cur is not None:
        yield tuple(cur)


def _next_trigger(text: str, pos: int, end: int) -> int:
    """Where TRIGGER.search(text, pos, end) would match, or -1."""
    while True:
        t = _TRIGGER_FAST.search(text, pos, end)
        if t is None:
            return -1
        i = t.start()
        if text[i] != ":":
            return i
        for scheme in _SCHEMES:  # a URL: its scheme ends at the ":"
            begin = i - len(scheme)
            if begin >= pos and text.startswith(scheme, begin):
                if begin == 0 or not (text[begin - 1].isalnum() or text[begin - 1] in "_/"):
                    return begin  # not inside a word or a path: (?<![\w/])
                break
        pos = i + 1


def _scan_inline(text, start, end, first_line, protected, links, html) -> None:
    line_starts: list[int] | None = None
    pos = start
    while True:
        at = _next_trigger(text, pos, end)
        if at < 0:
            break
        m = INLINE.match(text, at, end)
        if m is None:
            pos = at + 1
            continue
        pos = m.end()
        protected.append((m.start(), m.end()))
        kind = m.lastgroup
        if kind in ("link", "image", "html", "autolink", "bareurl"):
            if line_starts is None:
                line_starts = [start]
                nl = text.find("\n", start, end)
                while nl >= 0:
                    line_starts.append(nl + 1)
                    nl = text.find("\n", nl + 1, end)
            line = first_line + bisect_right(line_starts, m.start()) - 1
            if kind == "link":
                links.append(Link(m.group("url"), m.start(), line))
            elif kind == "image":
                links.append(Link(m.group("image_url"), m.start(), line))
            elif kind == "html":
                html.append(HtmlTag(m.group("html"), m.start(), line))
            elif kind == "autolink":
                links.append(Link(m.group("autolink")[1:-1], m.start(), line))
