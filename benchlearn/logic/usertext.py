"""Text that people typed (network names, notes, descriptions, practice summaries, links)
made safe to show through Streamlit's markdown. Pure Python, no Streamlit.

Streamlit renders markdown, and a reader's browser fetches whatever an image in it names, so
a note with `![](https://tracker/p.gif)` would tell a third party who reads it and when. Here
user text is never passed on as written: it is read as markdown, and only what is safe is
written back out, everything else as literal text:
- every ASCII punctuation character of the text is escaped (`\\[`, `\\:`, `\\$` ...), `<`, `>`,
  `&` and `!` become `&lt;`, `&gt;`, `&amp;`, `&#33;`, so no HTML, image, reference
  definition, Streamlit directive (`:red[...]`, `:material/...:`), LaTeX or table can come
  out of it (the output never contains "![" or "<");
- images (inline, reference-style, inside links) become their alt text and their target, as
  a link;
- links are kept only for http, https and mailto targets, rebuilt (host in IDNA/punycode,
  everything else percent-encoded) and shown with their target: `[text](https://x)` reads
  "text (https://x)"; any other target (javascript:, data:, file:, vbscript:, relative,
  protocol-relative, with user credentials) stays text. (Streamlit's GFM links bare
  http(s)://, www. and e-mail addresses in text by itself: to what the text shows, and only
  with those schemes.)
- control characters and invisible format characters (bidi overrides, zero-width spaces; the
  joiners of emoji kept) are dropped, also when they come from an entity such as `&#x202E;`.

`markdown` keeps paragraphs, line breaks, lists, quotes, emphasis and simple tables (headings
become bold lines, code becomes plain lines); `inline` is one line for titles, names and table
cells (no block structure, no line break, no emphasis); `plain` is what a reader sees, for
places that do not render markdown (select boxes, chart labels, downloads); `escape` shows any
text literally; `link` makes one link from a label and a URL the program holds. Link parsing
is bounded (SCAN_BUDGET), so no text can make a page slow.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

SCHEMES = ("http", "https", "mailto")
PUNCTUATION = frozenset(string.punctuation)
# as entities: no HTML can start, and "![" never appears, not even as "\\![" before a link
ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "!": "&#33;"}
EMPHASIS = frozenset("*_~")
_RUN = re.compile(r"^(?:([*_])(?:[ \t]*\1){2,}[ \t]*$|~{3,})")  # a rule or a fence
MAX_LABEL = 1000  # longest link text read as one (bounds the work on "[[[[...")
MAX_TARGET = 2000  # longest link target read as one
SCAN_BUDGET = 200_000  # characters looked at for links per text, beyond one pass
MAX_DEPTH = 4  # images inside link texts inside image alt texts ...
SHOWN_URL = 160  # longest rejected target shown as text (a data: URI can be huge)
KEEP_FORMAT = {"\u200c", "\u200d", "\u00ad"}  # ZWNJ, ZWJ (emoji, scripts), soft hyphen
LINE_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"})


# --- characters ----------------------------------------------------------------------------


def _keep(ch: str) -> bool:
    if ch == "\n":
        return True
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs"):
        return False
    if category == "Cf":  # bidi overrides, zero-width spaces, BOM, invisible operators
        return ch in KEEP_FORMAT or 0xE0020 <= ord(ch) <= 0xE007F  # emoji tag sequences
    return True


def clean(text: object) -> str:
    """The text as a string: NFC, line breaks as \\n, tabs as spaces, no control or format
    characters (bidi overrides, zero-width spaces) that could hide or reorder what is shown."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text).replace("\r\n", "\n"))
    value = value.translate(LINE_BREAKS).replace("\t", " ")
    return "".join(ch for ch in value if _keep(ch))


def escape(text: object) -> str:
    """`text` shown literally by markdown, on one line (no markup of any kind survives)."""
    out = []
    for ch in clean(text).replace("\n", " "):
        if ch in ENTITIES:
            out.append(ENTITIES[ch])
        elif ch in PUNCTUATION:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _escape_free(text: str) -> str:
    """Running text of the block variant: like `escape`, but * _ ~ are left for emphasis and
    strike-through (they can only format; line starts are handled by `_line_start`)."""
    out = []
    for ch in text:
        if ch in ENTITIES:
            out.append(ENTITIES[ch])
        elif ch in PUNCTUATION and ch not in EMPHASIS:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


# --- URLs ----------------------------------------------------------------------------------

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_HOST = re.compile(
    r"^[a-z0-9](?:[a-z0-9\-_]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-_]*[a-z0-9])?)*\.?$"
)
_IPV6 = re.compile(r"^\[[0-9a-f:.]+\]$")
_MAILBOX = re.compile(r"^[^@\s/\\?#]+@[^@\s/\\?#]+$")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_URL_SAFE = "/?#@!$&'*+,;=:%-._~"


def _encode(rest: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", rest), safe=_URL_SAFE)


def _host(netloc: str) -> str | None:
    """host[:port] in ASCII (IDNA), or None when it is not a plain host name or address."""
    if not netloc or any(c in netloc for c in "@\\%<>\"'`{}|^[] ") and not _IPV6.match(netloc):
        return None
    host, port = netloc, ""
    if not host.startswith("["):
        host, _, port = netloc.partition(":")
    elif "]:" in host:
        host, _, port = host.rpartition(":")
    if port and not (port.isascii() and port.isdigit() and int(port) < 65536):
        return None
    host = host.lower()
    if _IPV6.match(host):
        return host + (f":{port}" if port else "")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    if not ascii_host or not _HOST.match(ascii_host):
        return None
    return ascii_host + (f":{port}" if port else "")


def safe_url(raw: object, relative: bool = False) -> str | None:
    """The URL rebuilt for a link, or None when it must not be one. Allowed: http(s) with a
    host and no credentials, mailto with an address; with `relative`, also "./path?query"
    (what the app itself builds). Entities and backslash escapes must be resolved already."""
    # as a browser reads it: outer blanks and controls stripped, tabs and newlines dropped
    url = clean(raw).strip(" \n\x00")
    url = re.sub(r"[\n\t]", "", url)
    if relative and url.startswith("./") and not url.startswith(".//"):
        return "./" + _encode(url[2:])
    found = _SCHEME.match(url)
    if not found:
        return None
    scheme, rest = found.group(1).lower(), url[found.end() :]
    if scheme == "mailto":
        address, _, query = rest.partition("?")
        if not _MAILBOX.match(address) or not address.isprintable():
            return None
        return "mailto:" + _encode(address) + (f"?{_encode(query)}" if query else "")
    if scheme not in ("http", "https") or not rest.startswith("//"):
        return None
    try:
        parts = urlsplit(scheme + ":" + rest)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    host = _host(parts.netloc)
    if host is None:
        return None
    tail = rest[2 + len(parts.netloc) :]
    return f"{scheme}://{host}{_encode(tail)}"


# --- inline parsing ------------------------------------------------------------------------


@dataclass
class Text:
    value: str


@dataclass
class Break:
    hard: bool = False


@dataclass
class Link:
    label: str  # what the author wrote as the text (plain)
    target: str  # the destination as written (escapes and entities resolved)
    image: bool = False


Node = Text | Break | Link


@dataclass
class _Refs:
    """Reference definitions of one text, and how much scanning for links is still allowed
    (so "[[[[..." or "[a](" repeated cannot make a page slow)."""

    targets: dict[str, str] = field(default_factory=dict)
    budget: int = SCAN_BUDGET

    def spend(self, chars: int) -> bool:
        self.budget -= chars
        return self.budget > 0

    def get(self, label: str) -> str | None:
        return self.targets.get(_label_key(label))


def _label_key(label: str) -> str:
    return " ".join(label.split()).casefold()


_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*)>")
_EMAIL_AUTOLINK = re.compile(
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
)
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>]+", re.IGNORECASE)
_BARE_EMAIL = re.compile(r"[A-Za-z0-9._+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_TRAILING = "?!.,:*_~'\";"


def _unescape(raw: str) -> str:
    """Backslash escapes and entities resolved, as markdown does in a link target."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", raw))


def _code_end(s: str, i: int) -> tuple[int, int] | None:
    """For a backtick run at i: (end of the run, end of the matching closing run) or None."""
    run = i
    while run < len(s) and s[run] == "`":
        run += 1
    size, j = run - i, run
    while True:
        j = s.find("`" * size, j)
        if j < 0:
            return None
        k = j + size
        if (k >= len(s) or s[k] != "`") and (j == 0 or s[j - 1] != "`"):
            return run, k
        while k < len(s) and s[k] == "`":
            k += 1
        j = k


def _bracket(s: str, i: int, refs: _Refs) -> tuple[str, int] | None:
    """The label of a [...] starting at i (nested brackets balanced) and the index after ]."""
    depth, j, stop = 0, i, min(len(s), i + MAX_LABEL)
    while j < stop:
        c = s[j]
        if c == "\\" and j + 1 < len(s):
            j += 2
            continue
        if c == "`" and (code := _code_end(s, j)) and code[1] <= stop:
            j = code[1]
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return (s[i + 1 : j], j + 1) if refs.spend(j - i) else None
        j += 1
    refs.spend(j - i)
    return None


def _skip_blank(s: str, j: int) -> int:
    newline = False
    while j < len(s) and s[j] in " \n":
        if s[j] == "\n":
            if newline:
                break
            newline = True
        j += 1
    return j


def _destination(s: str, k: int, refs: _Refs) -> tuple[str, int] | None:
    """An inline destination "(target "title")" at k (s[k] == "("): (target, index after)."""
    j = _skip_blank(s, k + 1)
    stop = min(len(s), j + MAX_TARGET)
    if j < len(s) and s[j] == "<":
        end = j + 1
        while end < stop and s[end] not in "<>\n":
            end += 2 if s[end] == "\\" else 1
        if not refs.spend(end - j) or end >= stop or s[end] != ">":
            return None
        target, j = s[j + 1 : end], end + 1
    else:
        start, depth = j, 0
        while j < stop:
            c = s[j]
            if c == "\\" and j + 1 < len(s):
                j += 2
                continue
            if c in " \n" or ord(c) < 0x20:
                break
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        target = s[start:j]
    j = _skip_blank(s, j)
    if not refs.spend(j - k):
        return None
    if j < len(s) and s[j] in "\"'(":
        close = ")" if s[j] == "(" else s[j]
        j, stop = j + 1, min(len(s), j + MAX_TARGET)
        while j < stop and s[j] != close:
            j += 2 if s[j] == "\\" else 1
        if not refs.spend(j - k) or j >= stop:
            return None
        j = _skip_blank(s, j + 1)
    if j >= len(s) or s[j] != ")":
        return None
    return _unescape(target), j + 1


def _link_at(s: str, i: int, refs: _Refs) -> tuple[str, str, int] | None:
    """A link or image body at i (s[i] == "["): (label, target, index after) or None."""
    found = _bracket(s, i, refs) if refs.budget > 0 else None
    if found is None:
        return None
    label, j = found
    if j < len(s) and s[j] == "(" and (dest := _destination(s, j, refs)):
        return label, dest[0], dest[1]
    if j < len(s) and s[j] == "[" and (second := _bracket(s, j, refs)):
        key = second[0] or label
        if (target := refs.get(key)) is not None:
            return label, target, second[1]
    if (target := refs.get(label)) is not None:
        return label, target, j
    return None


def _flatten(nodes: list[Node]) -> str:
    """The readable text of nodes (for link labels and image alt texts)."""
    parts = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, Break):
            parts.append(" ")
        else:
            parts.append(node.label or node.target)
    return "".join(parts)


def _parse_inline(s: str, refs: _Refs, links: bool = True, depth: int = 0) -> list[Node]:
    """Markdown inline syntax of `s` as nodes: text (entities resolved), breaks, links."""
    nodes: list[Node] = []
    buffer: list[str] = []  # raw text still to be entity-decoded

    def flush() -> None:
        if buffer:
            nodes.append(Text(html.unescape("".join(buffer))))
            buffer.clear()

    def literal(text: str) -> None:  # already decoded (escaped characters, code)
        flush()
        nodes.append(Text(text))

    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in PUNCTUATION:
            literal(s[i + 1])
            i += 2
        elif c == "\\" and i + 1 < len(s) and s[i + 1] == "\n":
            flush()
            nodes.append(Break(hard=True))
            i += 2
        elif c == "\n":
            hard = len(buffer) >= 2 and buffer[-1] == " " and buffer[-2] == " "
            while buffer and buffer[-1] == " ":
                buffer.pop()
            flush()
            nodes.append(Break(hard=hard))
            i += 1
        elif c == "`":
            code = _code_end(s, i)
            if code is None:
                run = i
                while run < len(s) and s[run] == "`":
                    run += 1
                literal(s[i:run])
                i = run
                continue
            inner = s[code[0] : code[1] - (code[0] - i)].replace("\n", " ")
            if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
                inner = inner[1:-1]
            literal(inner)
            i = code[1]
        elif (
            c == "!"
            and s.startswith("[", i + 1)
            and depth < MAX_DEPTH
            and (found := _link_at(s, i + 1, refs))
        ):
            flush()
            alt = _flatten(_parse_inline(found[0], refs, links=False, depth=depth + 1))
            nodes.append(Link(alt, found[1], image=True))
            i = found[2]
        elif c == "[" and links and (found := _link_at(s, i, refs)):
            flush()
            label = _flatten(_parse_inline(found[0], refs, links=False, depth=depth + 1))
            nodes.append(Link(label, found[1]))
            i = found[2]
        elif c == "<" and (auto := _AUTOLINK.match(s, i) or _EMAIL_AUTOLINK.match(s, i)):
            flush()
            target = auto.group(1)
            is_email = auto.re is _EMAIL_AUTOLINK
            nodes.append(Link(target, f"mailto:{target}" if is_email else target))
            i = auto.end()
        elif links and (bare := _bare(s, i)):
            flush()
            nodes.append(bare[0])
            i = bare[1]
        else:
            buffer.append(c)
            i += 1
    flush()
    return nodes


def _bare(s: str, i: int) -> tuple[Link, int] | None:
    """A bare http(s)://, www. or e-mail address at i (as GFM links them)."""
    if i > 0 and (s[i - 1].isalnum() or s[i - 1] in "/:.@-_+"):
        return None
    found = _BARE_URL.match(s, i)
    if found:
        text = found.group(0)
        while text and (
            text[-1] in _TRAILING or (text[-1] == ")" and text.count(")") > text.count("("))
        ):
            text = text[:-1]
        if len(text) <= 4 or (text.lower().startswith("www.") and "." not in text[4:]):
            return None
        target = text if "://" in text else f"http://{text}"
        return Link(text, target), i + len(text)
    found = _BARE_EMAIL.match(s, i)
    if found:
        text = found.group(0).rstrip(".-_")
        return Link(text, f"mailto:{text}"), i + len(text)
    return None


# --- writing markdown back -----------------------------------------------------------------


def _same(label: str, url: str) -> bool:
    """True when the label already shows the (rebuilt) target: a bare or autolinked address."""
    label = label.strip()
    return (
        not label or label in (url, unquote(url)) or url in (f"mailto:{label}", f"http://{label}")
    )


def _shown_target(target: str) -> str:
    shown = " ".join(clean(target).split())
    return shown if len(shown) <= SHOWN_URL else shown[: SHOWN_URL - 1] + "…"


def _link_markdown(node: Link) -> str:
    url = safe_url(node.target)
    label = " ".join(clean(node.label).split())
    if url is None:  # not a link: its words and its target, as text
        shown = _shown_target(node.target)
        return escape(f"{label} ({shown})" if label and label != shown else shown)
    if _same(label, url):
        return f"[{escape(label or url)}]({url.replace('&', chr(92) + '&')})"
    return f"[{escape(label)}]({url.replace('&', chr(92) + '&')}) {escape(f'({url})')}"


def _nodes_markdown(nodes: list[Node], one_line: bool) -> list[str]:
    """Markdown lines of inline nodes (one line when `one_line`)."""
    lines: list[list[str]] = [[]]
    hard: list[bool] = []  # per line but the last: ends in a hard line break
    for node in nodes:
        if isinstance(node, Text):
            text = clean(node.value).replace("\n", " ")
            lines[-1].append(escape(text) if one_line else _escape_free(text))
        elif isinstance(node, Break):
            if one_line:
                lines[-1].append(" ")
            else:
                hard.append(node.hard)
                lines.append([])
        else:
            lines[-1].append(_link_markdown(node))
    out = [_line_start("".join(parts).strip(" ")) for parts in lines]
    if one_line:
        return [" ".join(" ".join(out).split())]
    return [line + ("  " if n < len(hard) and hard[n] else "") for n, line in enumerate(out)]


def _line_start(line: str) -> str:
    """A line never begins with a list item, a rule or a fence made of * _ ~ (emphasis
    there is kept: "*word*", "**bold**")."""
    if line and line[0] in EMPHASIS and (len(line) == 1 or line[1] in " \t" or _RUN.match(line)):
        return "\\" + line
    return line


def _plain(nodes: list[Node]) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, Break):
            parts.append(" ")
        else:
            url = safe_url(node.target)
            label = " ".join(clean(node.label).split())
            shown = url or _shown_target(node.target)
            same = _same(label, url) if url else label == shown
            parts.append(label if same and label else shown if not label else f"{label} ({shown})")
    return " ".join(clean("".join(parts)).split())


def inline(text: object) -> str:
    """One line of safe markdown for a title, a name or a table cell: no block structure,
    no line break; links (http, https, mailto) keep working and show their target."""
    return _nodes_markdown(_parse_inline(clean(text).strip(), _Refs()), one_line=True)[0]


def plain(text: object) -> str:
    """What a reader sees of the text, as plain text (one line), for places that do not
    render markdown: select boxes, chart legends and tooltips, downloads."""
    return _plain(_parse_inline(clean(text).strip(), _Refs()))


def link(label: object, url: object, relative: bool = False) -> str:
    """Markdown for a link the program holds (a practice's document, a view's address):
    `[label](url)` when the URL is safe (with `relative`, "./..." too), followed by the
    target unless the label shows it already; else both as text."""
    target = safe_url(url, relative=relative)
    if target is None:
        return escape(f"{clean(label)} ({_shown_target(str(url or ''))})")
    written = f"[{escape(label)}]({target.replace('&', chr(92) + '&')})"
    if target in clean(label) or unquote(target) in clean(label):
        return written
    return f"{written} {escape(f'({target})')}"


# --- blocks --------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)")
_QUOTE = re.compile(r"^ {0,3}>[ ]?(.*)$")
_REF_DEF = re.compile(
    r"^ {0,3}\[((?:[^\[\]\\]|\\.){1,999})\]:[ \t]*(?:\n[ \t]*)?(<[^<>\n]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$"
)
_TABLE_RULE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _cells(line: str) -> list[str]:
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    cells, current, i = [], [], 0
    while i < len(row):
        if row[i] == "\\" and i + 1 < len(row):
            current.append(row[i : i + 2])
            i += 2
            continue
        if row[i] == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(row[i])
        i += 1
    cells.append("".join(current).strip())
    return cells


def _definitions(lines: list[str]) -> tuple[list[str], _Refs]:
    """Reference definitions ([r]: url) taken out of the text (outside code fences)."""
    refs, kept, fence = _Refs(), [], None
    i = 0
    while i < len(lines):
        line = lines[i]
        opener = _FENCE.match(line)
        if fence is None and opener:
            fence = opener.group(1)
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)):
            fence = None
        elif fence is None:
            both = line + "\n" + lines[i + 1] if i + 1 < len(lines) else line
            for candidate, used in ((line, 1), (both, 2)):
                found = _REF_DEF.match(candidate)
                if found:
                    target = found.group(2)
                    target = target[1:-1] if target.startswith("<") else target
                    refs.targets.setdefault(
                        _label_key(_unescape(found.group(1))), _unescape(target)
                    )
                    i += used
                    break
            else:
                kept.append(line)
                i += 1
            continue
        kept.append(line)
        i += 1
    return kept, refs


class _Writer:
    """Reads lines block by block and writes safe markdown blocks."""

    def __init__(self, lines: list[str], refs: _Refs) -> None:
        self.lines, self.refs, self.i = lines, refs, 0
        self.blocks: list[str] = []

    def para(self, text: str, prefix: str = "", first: str | None = None) -> str:
        lines = _nodes_markdown(_parse_inline(text, self.refs), one_line=False)
        lines = [x for x in lines if x.strip()] or [""]
        lead = prefix if first is None else first
        return "\n".join((lead if n == 0 else prefix) + x for n, x in enumerate(lines))

    def run(self) -> str:
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not line.strip():
                self.i += 1
            elif fence := _FENCE.match(line):
                self.code(fence.group(1))
            elif heading := _HEADING.match(line):
                self.i += 1
                text = inline(heading.group(2))
                if text:
                    self.blocks.append(f"**{text}**")
            elif _RULE.match(line):
                self.i += 1
                self.blocks.append("---")
            elif _ITEM.match(line) and (_ITEM.match(line).group(3) or "").strip():
                self.items()
            elif _QUOTE.match(line):
                self.quote()
            elif (
                "|" in line
                and self.i + 1 < len(self.lines)
                and _TABLE_RULE.match(self.lines[self.i + 1])
                and len(_cells(line)) == len(_cells(self.lines[self.i + 1]))
            ):
                self.table()
            else:
                self.paragraph()
        return "\n\n".join(b for b in self.blocks if b.strip())

    def _starts_block(self, line: str) -> bool:
        item = _ITEM.match(line)
        return bool(
            not line.strip()
            or _FENCE.match(line)
            or _HEADING.match(line)
            or _RULE.match(line)
            or _QUOTE.match(line)
            or (item and (item.group(3) or "").strip())
        )

    def paragraph(self) -> None:
        text = [self.lines[self.i]]
        self.i += 1
        while self.i < len(self.lines) and not self._starts_block(self.lines[self.i]):
            text.append(self.lines[self.i])
            self.i += 1
        self.blocks.append(self.para("\n".join(x.lstrip() for x in text)))

    def code(self, fence: str) -> None:
        self.i += 1
        rows = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                break
            rows.append(escape(line.strip()) or "\u00a0")
        if rows:
            self.blocks.append("  \n".join(rows))

    def items(self) -> None:
        out: list[str] = []
        stack: list[tuple[int, int]] = []  # (source indent, width of the written marker)
        while self.i < len(self.lines):
            found = _ITEM.match(self.lines[self.i])
            if not found or not (found.group(3) or "").strip():
                break
            indent = len(found.group(1))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            marker = found.group(2)
            written = f"{int(marker[:-1])}." if marker[0].isdigit() else "-"
            pad = " " * sum(width for _, width in stack)
            text = [found.group(3)]
            self.i += 1
            while (
                self.i < len(self.lines)
                and not self._starts_block(self.lines[self.i])
                and not _ITEM.match(self.lines[self.i])
            ):
                text.append(self.lines[self.i].lstrip())
                self.i += 1
            width = len(written) + 1
            out.append(self.para("\n".join(text), pad + " " * width, pad + written + " "))
            stack.append((indent, width))
            while self.i < len(self.lines) and not self.lines[self.i].strip():
                nxt = self.i + 1
                if nxt < len(self.lines) and _ITEM.match(self.lines[nxt]):
                    self.i = nxt
                else:
                    break
        self.blocks.append("\n".join(out))

    def quote(self) -> None:
        inner = []
        while self.i < len(self.lines) and (found := _QUOTE.match(self.lines[self.i])):
            inner.append(found.group(1))
            self.i += 1
        paragraphs = "\n".join(inner).split("\n\n")
        written = [self.para(p.strip(), "> ") for p in paragraphs if p.strip()]
        self.blocks.append("\n>\n".join(written))

    def table(self) -> None:
        head = _cells(self.lines[self.i])
        rule = _cells(self.lines[self.i + 1])
        self.i += 2
        rows = []
        while self.i < len(self.lines) and "|" in self.lines[self.i]:
            if not self.lines[self.i].strip():
                break
            rows.append(_cells(self.lines[self.i]))
            self.i += 1
        width = len(head)
        aligns = []
        for cell in (rule + ["-"] * width)[:width]:
            left, right = cell.startswith(":"), cell.endswith(":")
            aligns.append(f"{':' if left else ''}---{':' if right else ''}")

        def row(cells: list[str]) -> str:
            cells = (cells + [""] * width)[:width]
            return "| " + " | ".join(inline(c) or "\u00a0" for c in cells) + " |"

        self.blocks.append(
            "\n".join([row(head), "| " + " | ".join(aligns) + " |", *map(row, rows)])
        )


def markdown(text: object) -> str:
    """Safe markdown for a note, description or summary: paragraphs, line breaks, lists,
    quotes, emphasis, tables and links (http, https, mailto, with their target shown) are
    kept; images, HTML and everything else are shown as text or not at all."""
    lines, refs = _definitions(clean(text).split("\n"))
    return _Writer(lines, refs).run()
