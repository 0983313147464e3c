"""Tracker bodies to plain, readable text: HTML, Markdown (with the HTML GitHub allows in it),
Jira wiki markup and Atlassian Document Format all end up as the text a colleague would read.

The aim is not a faithful rendering but words that read well in a YAML block scalar and that the
inference in `breadline.infer` can match: links keep their words and address, images keep their
alt text, lists keep their bullets, templates' HTML comments disappear.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

MAX_DESCRIPTION = 10_000
"""Characters of a description kept in an item. Longer bodies (pasted logs, stack traces) are
clipped with a note saying so: the line is read from the first sentences, and a backlog file
with a megabyte per item is neither readable nor quick to audit."""

RAW_LIMIT = 5 * MAX_DESCRIPTION
"""Characters of a raw body (Markdown, HTML, wiki markup) converted at all: the text kept is
shorter still, and converting megabytes of markup only to clip it would be slow."""

MAX_ADF_DEPTH = 200
"""ADF nested deeper than this is not walked further (no real document comes near it)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b\ud800-\udfff\ufffe\uffff]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """One newline style, no control characters, no trailing spaces, at most one blank line in a
    row, tabs as spaces: what a YAML block scalar can hold and a person can read."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\t", "    ").replace("\u00a0", " ")
    text = safe(text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n").strip()


def one_line(text: str) -> str:
    """A title or a field value: whitespace collapsed to single spaces."""
    return " ".join(safe(text).split())


def safe(text: str) -> str:
    """Text any output can hold: control characters, byte-order marks and lone surrogates (which
    JSON's `\\ud800` escapes can produce) removed."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def raw_cut(raw: str) -> tuple[str, int | None]:
    """A raw body cut to `RAW_LIMIT` before it is converted, and its length when it was cut."""
    if len(raw) <= RAW_LIMIT:
        return raw, None
    return raw[:RAW_LIMIT], len(raw)


def clip(text: str, limit: int = MAX_DESCRIPTION, total: int | None = None) -> tuple[str, bool]:
    """The text cut at a paragraph, line or word boundary before `limit`, and whether it was cut.
    `total`: the length of the tracker's raw text, when it was cut before conversion."""
    if len(text) <= limit and not total:
        return text, False
    if len(text) <= limit:
        note = f"[… clipped by breadline: the tracker's text is {total:,} characters long]"
        return f"{text.rstrip()}\n\n{note}", True
    cut = text[:limit]
    for boundary in ("\n\n", "\n", " "):
        at = cut.rfind(boundary)
        if at > limit * 0.6:
            cut = cut[:at]
            break
    note = f"[… clipped by breadline: the tracker's text is {total or len(text):,} characters long]"
    return f"{cut.rstrip()}\n\n{note}", True


# -- HTML ---------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "details", "summary", "figure", "figcaption", "form", "fieldset", "address", "dt", "dd",
})
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript", "svg"})


_LONE_LT = re.compile(r"<(?![^<>]*>)")


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.lists: list[list[int]] = []
        """For each open list: [is_ordered, next number]."""
        self.links: list[tuple[str, int]] = []
        self.pre = 0

    def newline(self, count: int = 1) -> None:
        """End the current line, leaving `count` newlines (2: a blank line) before what follows."""
        if not any(part.strip() for part in self.parts):
            return
        tail = "".join(self.parts[-4:]).rstrip(" ")
        have = len(tail) - len(tail.rstrip("\n"))
        if have < count:
            self.parts.append("\n" * (count - have))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("ul", "ol"):
            self.newline(1 if self.lists else 2)
            self.lists.append([tag == "ol", 1])
        elif tag == "li":
            self.newline()
            indent = "  " * max(len(self.lists) - 1, 0)
            if self.lists and self.lists[-1][0]:
                self.parts.append(f"{indent}{self.lists[-1][1]}. ")
                self.lists[-1][1] += 1
            else:
                self.parts.append(f"{indent}- ")
        elif tag == "a":
            self.links.append((attributes.get("href") or "", len(self.parts)))
        elif tag == "img":
            alt = (attributes.get("alt") or "").strip()
            if alt:
                self.parts.append(alt)
        elif tag in ("td", "th"):
            if self.parts and not self.parts[-1].endswith(("\n", "| ")):
                self.parts.append(" | ")
        elif tag == "input" and (attributes.get("type") or "").lower() == "checkbox":
            self.parts.append("[x] " if "checked" in attributes else "[ ] ")
        elif tag in _BLOCK_TAGS:
            if tag == "pre":
                self.pre += 1
            self.newline(2 if tag not in ("tr", "dt", "dd", "summary") else 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr", "input"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.newline(1 if self.lists else 2)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            words = "".join(self.parts[start:]).strip()
            if href.startswith(("http://", "https://", "mailto:")) and href.rstrip("/") != words.rstrip("/"):
                self.parts.append(f" ({href})" if words else href)
        elif tag in _BLOCK_TAGS or tag == "li":
            if tag == "pre":
                self.pre = max(self.pre - 1, 0)
            self.newline(2 if tag not in ("tr", "li", "dt", "dd", "summary") else 1)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
            if self.parts and self.parts[-1].endswith(("\n", " ")):
                data = data.lstrip(" ")
        if data:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The words of an HTML fragment, with paragraphs, line breaks, lists and link targets kept."""
    parser = _HTMLText()
    markup = _LONE_LT.sub("&lt;", markup)  # html.parser rescans from every unclosed "<": quadratic
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is forgiving; belt and braces
        return tidy(re.sub(r"<[^>]*>", " ", markup))
    return tidy("".join(parser.parts))


_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<body|<(?:p|div|h[1-6]|ul|ol|table|section|article|span|br)\b)",
                         re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when a body is an HTML document or fragment rather than Markdown or plain text."""
    return bool(_HTML_START.match(text))


# -- Markdown (GitHub, GitLab, Linear) ----------------------------------------------------

_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_INLINE_TAGS = (
    "a|abbr|b|blockquote|br|code|dd|del|details|div|dl|dt|em|h[1-6]|hr|i|img|input|ins|kbd|li|mark|ol|p|"
    "picture|pre|q|s|samp|small|source|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|var"
)
_TAG = re.compile(rf"</?(?:{_INLINE_TAGS})\b[^<>]*>", re.IGNORECASE)
_IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]*\)){0,2000}(?:[ \t]+\"[^\"\n]{0,300}\")?\)")
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]{1,500})\]\([ \t]*<?([^()\s>]{1,2000}(?:\([^()\s]*\))?)>?(?:[ \t]+\"[^\"\n]{0,300}\")?[ \t]*\)")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^(?P<text>[^\n]+)\n[=-]{3,}[ \t]*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_TASK = re.compile(r"^([ \t]*)[-*+] \[([ xX])\] ", re.MULTILINE)
_BULLET = re.compile(r"^([ \t]*)[*+] ", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)[^\n]*$\n?", re.MULTILINE)


_BLOCK_TAG_NAME = re.compile(r"</?(?:blockquote|dd|details|div|dl|dt|h[1-6]|hr|li|ol|p|pre|summary|table|tbody|tfoot|thead|tr|ul)\b",
                             re.IGNORECASE)


def _tag(match: re.Match[str]) -> str:
    """An HTML tag inside Markdown: block tags end the line, inline ones just go."""
    return "\n" if _BLOCK_TAG_NAME.match(match.group(0)) else ""


def _link(match: re.Match[str]) -> str:
    words, target = match.group(1).strip(), match.group(2)
    if words.rstrip("/") == target.rstrip("/") or not target.startswith(("http://", "https://", "mailto:")):
        return words
    return f"{words} ({target})"


def markdown_to_text(text: str) -> str:
    """Markdown as plain text: headings without their hashes, emphasis and code fences dropped,
    links as "words (address)", images as their alt text, HTML comments and tags removed, task
    lists as "[ ]"/"[x]" bullets. Lists and paragraphs keep their shape."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HTML_COMMENT.sub("", text)
    if looks_like_html(text):
        return html_to_text(text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = _TAG.sub(_tag, text)
    text = _FENCE.sub("", text)
    text = _IMAGE.sub(lambda m: m.group(1).strip(), text)
    text = _LINK.sub(_link, text)
    text = _HEADING.sub(lambda m: m.group(1), text)
    text = _SETEXT.sub(lambda m: m.group("text"), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = _TASK.sub(lambda m: f"{m.group(1)}- [{m.group(2).lower()}] ", text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}- ", text)
    return tidy(_unescape(text))


def _unescape(text: str) -> str:
    import html

    return html.unescape(text) if "&" in text else text


# -- Jira wiki markup (Jira CSV exports, REST API v2) -------------------------------------

_WIKI_BLOCK = re.compile(r"\{(?:code|noformat|quote|panel|color|anchor|expand)(?::[^}]*)?\}", re.IGNORECASE)
_WIKI_HEADING = re.compile(r"^[ \t]*h[1-6]\.[ \t]*", re.MULTILINE)
_WIKI_LINK = re.compile(r"\[(?:([^|\[\]\n]{1,300})\|)?([^|\[\]\n]{1,500}?)(?:\|[^\[\]\n]{0,300})?\]")
_WIKI_IMAGE = re.compile(r"!([^!\s|][^!\n|]*?)(?:\|[^!\n]*)?!")
_WIKI_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_WIKI_BULLET = re.compile(r"^\s*([*#-]+)\s+", re.MULTILINE)
_WIKI_TABLE = re.compile(r"\|\|")
_MENTION = re.compile(r"\[~(accountid:)?([^\[\]\n]{1,200})\]")
_WIKI_MONOSPACE = re.compile(r"\{\{([^{}\n]{0,2000})\}\}")
_WIKI_EFFECTS = tuple(re.compile(rf"(?<![\w{mark}]){mark}(?=\S)([^{plain}\n]{{1,2000}}?)(?<=\S){mark}(?![\w{mark}])")
                      for mark, plain in (("_", "_"), (r"\+", "+"), ("-", "-"), (r"\^", "^"), ("~", "~")))
_WIKI_CITATION = re.compile(r"\?\?(?=\S)([^?\n]{1,2000}?)(?<=\S)\?\?")
_WIKI_ICON = re.compile(r"(?<!\w)\((?:/|x|!|\?|i|y|n|on|off|\*[rgby]?|flag|flagoff|\+|-)\)(?!\w)")
_WIKI_QUOTE = re.compile(r"^[ \t]*bq\.[ \t]*", re.MULTILINE)
_WIKI_BREAK = re.compile(r"\\\\")


def wiki_to_text(text: str) -> str:
    """Jira wiki markup as plain text: `h2.` headings, `*bold*`, `_italic_`, `{{monospace}}`,
    `+underline+`, `-strike-`, `^sup^`, `~sub~`, `??citation??`, `bq.` quotes, `(/)` icons,
    `{code}` and `{panel}` fences, `[words|address]` links, `!image.png!` embeds and `* ` / `# `
    list markers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        return html_to_text(text)
    text = _MENTION.sub(lambda m: "@someone" if m.group(1) else "@" + m.group(2), text)
    text = _WIKI_MONOSPACE.sub(lambda m: m.group(1), text)
    text = _WIKI_BLOCK.sub("", text)
    text = _WIKI_QUOTE.sub("> ", text)
    text = _WIKI_BREAK.sub("\n", text)
    text = _WIKI_ICON.sub("", text)
    text = _WIKI_HEADING.sub("\n", text)  # a blank line before each heading (tidy drops extra ones)
    text = _WIKI_IMAGE.sub("", text)

    def link(match: re.Match[str]) -> str:
        words, target = match.group(1), match.group(2).strip().lstrip("^")
        if words and target.startswith(("http://", "https://", "mailto:")):
            return f"{words.strip()} ({target})"
        return (words or target).strip()

    text = _WIKI_LINK.sub(link, text)
    text = _WIKI_BOLD.sub(lambda m: m.group(1), text)
    for effect in _WIKI_EFFECTS:
        text = effect.sub(lambda m: m.group(1), text)
    text = _WIKI_CITATION.sub(lambda m: m.group(1), text)

    text = _wiki_lists(text)
    text = _WIKI_TABLE.sub("|", text)
    return tidy(text)


def _wiki_lists(text: str) -> str:
    """`* a` / `** b` / `# c` list lines as indented bullets, numbered lists counted."""
    lines = []
    counters: list[int] = []
    for line in text.split("\n"):
        marker = _WIKI_BULLET.match(line)
        if not marker:
            counters = []
            lines.append(line)
            continue
        marks = marker.group(1)
        depth = len(marks) - 1
        del counters[depth + 1:]
        while len(counters) <= depth:
            counters.append(0)
        if marks.endswith("#"):
            counters[depth] += 1
            lead = f"{counters[depth]}. "
        else:
            lead = "- "
        lines.append("  " * depth + lead + line[marker.end():])
    return "\n".join(lines)


# -- Atlassian Document Format (Jira REST API v3) -----------------------------------------

_ADF_BLOCKS = frozenset({"paragraph", "heading", "blockquote", "codeBlock", "panel", "rule", "table",
                         "mediaSingle", "mediaGroup", "expand", "nestedExpand", "decisionList", "taskList",
                         "bulletList", "orderedList", "layoutSection", "layoutColumn", "blockCard"})


def _nodes(node: Any, key: str = "content") -> list[Any]:
    """A node's children (or marks): a list, or none at all when the document says otherwise."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def _attrs(node: Any) -> dict[str, Any]:
    value = node.get("attrs") if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def adf_to_text(document: Any) -> str:
    """An Atlassian Document Format document (Jira's rich text since REST API v3) as plain text."""
    lines: list[str] = []
    _adf_block(document, lines, 0, "")
    return tidy("\n".join(lines))


def _adf_block(node: Any, out: list[str], depth: int, indent: str) -> None:
    if depth > MAX_ADF_DEPTH or not isinstance(node, dict):
        if isinstance(node, str):
            out.append(indent + node)
        return
    kind = node.get("type")
    content = node.get("content") if isinstance(node.get("content"), list) else []
    attrs = node.get("attrs") if isinstance(node.get("attrs"), dict) else {}
    if kind in ("bulletList", "orderedList", "taskList", "decisionList"):
        number = attrs.get("order", 1) if isinstance(attrs.get("order"), int) else 1
        for child in content:
            if kind == "orderedList":
                marker = f"{number}. "
                number += 1
            elif kind == "taskList":
                state = _attrs(child).get("state")
                marker = "- [x] " if state == "DONE" else "- [ ] "
            else:
                marker = "- "
            _adf_list_item(child, out, depth + 1, indent, marker)
        out.append("")
        return
    if kind == "table":
        for row in content:
            cells = _nodes(row)
            texts = [" ".join(_adf_inline_all(cell, depth + 2)).strip() for cell in cells]
            out.append(indent + " | ".join(texts))
        out.append("")
        return
    if kind == "rule":
        out.append(indent + "---")
        out.append("")
        return
    if kind == "codeBlock":
        out.extend(indent + line for line in "".join(_adf_inline(content, depth + 1)).split("\n"))
        out.append("")
        return
    if kind in ("doc", "blockquote", "panel", "expand", "nestedExpand", "layoutSection", "layoutColumn",
                "listItem", "mediaSingle", "mediaGroup", "bodiedExtension"):
        if kind in ("expand", "nestedExpand") and attrs.get("title"):
            out.append(indent + str(attrs["title"]))
        prefix = indent + ("> " if kind == "blockquote" else "")
        for child in content:
            _adf_block(child, out, depth + 1, prefix)
        return
    if kind == "blockCard":
        if attrs.get("url"):
            out.append(indent + str(attrs["url"]))
            out.append("")
        return
    text = "".join(_adf_inline([node] if kind not in _ADF_BLOCKS else content, depth + 1))
    if text.strip():
        out.extend(indent + line for line in text.split("\n"))
        out.append("")


def _adf_list_item(item: Any, out: list[str], depth: int, indent: str, marker: str) -> None:
    if not isinstance(item, dict):
        return
    children = item.get("content") if isinstance(item.get("content"), list) else []
    first = True
    for child in children:
        if isinstance(child, dict) and child.get("type") in ("bulletList", "orderedList", "taskList"):
            _adf_block(child, out, depth + 1, indent + "  ")
            if out and out[-1] == "":
                out.pop()
            continue
        if isinstance(child, dict) and child.get("type") in ("paragraph", "heading", "taskItem", "decisionItem"):
            text = "".join(_adf_inline(_nodes(child), depth + 1)).strip()
        elif isinstance(child, dict) and child.get("type") == "text":
            text = "".join(_adf_inline([child], depth + 1)).strip()
        else:
            nested: list[str] = []
            _adf_block(child, nested, depth + 1, "")
            text = "\n".join(line for line in nested if line).strip()
        if not text:
            continue
        lead = marker if first else " " * len(marker)
        lines = text.split("\n")
        out.append(indent + lead + lines[0])
        out.extend(indent + " " * len(marker) + line for line in lines[1:])
        first = False
    if item.get("type") in ("taskItem", "decisionItem") and first:
        text = "".join(_adf_inline(children, depth + 1)).strip()
        if text:
            out.append(indent + marker + text)


def _adf_inline_all(node: Any, depth: int) -> list[str]:
    """Every inline text under a node (table cells hold paragraphs)."""
    if depth > MAX_ADF_DEPTH or not isinstance(node, dict):
        return []
    if node.get("type") in ("paragraph", "heading"):
        return ["".join(_adf_inline(_nodes(node), depth + 1))]
    found: list[str] = []
    for child in _nodes(node):
        found += _adf_inline_all(child, depth + 1)
    return found


def _adf_inline(nodes: Any, depth: int) -> list[str]:
    parts: list[str] = []
    if depth > MAX_ADF_DEPTH or not isinstance(nodes, list):
        return parts
    for node in nodes:
        if not isinstance(node, dict):
            continue
        kind = node.get("type")
        attrs = node.get("attrs") if isinstance(node.get("attrs"), dict) else {}
        if kind == "text":
            text = str(node.get("text") or "")
            href = next((_attrs(mark).get("href") for mark in _nodes(node, "marks")
                         if isinstance(mark, dict) and mark.get("type") == "link"), None)
            if href and str(href).rstrip("/") != text.strip().rstrip("/"):
                text = f"{text} ({href})"
            parts.append(text)
        elif kind == "hardBreak":
            parts.append("\n")
        elif kind == "mention":
            name = str(attrs.get("text") or "someone")
            parts.append(name if name.startswith("@") else "@" + name)
        elif kind == "emoji":
            parts.append(str(attrs.get("text") or attrs.get("shortName") or ""))
        elif kind in ("inlineCard", "embedCard"):
            parts.append(str(attrs.get("url") or ""))
        elif kind == "status":
            parts.append(str(attrs.get("text") or ""))
        elif kind == "date":
            parts.append(_adf_date(attrs.get("timestamp")))
        elif kind == "media":
            alt = attrs.get("alt")
            if alt:
                parts.append(str(alt))
        elif isinstance(node.get("content"), list):
            parts += _adf_inline(node["content"], depth + 1)
    return parts


def _adf_date(timestamp: Any) -> str:
    try:
        return dt.datetime.fromtimestamp(int(timestamp) / 1000, tz=dt.timezone.utc).date().isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return str(timestamp or "")


def is_adf(value: Any) -> bool:
    return isinstance(value, dict) and value.get("type") == "doc"


def markup_to_text(raw: str) -> str:
    """A description cell as plain text: read as HTML when it looks like HTML (Azure DevOps, some
    CSV exports), else as Markdown."""
    return html_to_text(raw) if looks_like_html(raw) else markdown_to_text(raw)
