"""Hostile user text: what benchlearn.logic.usertext makes of it.

Every case is a text someone could type into a network, a saved view, a deck or a practice
(names, notes, descriptions, summaries, links). Each is passed through the three variants
(`markdown` for notes and descriptions, `inline` for titles and cells, `plain` for select
boxes, chart labels and downloads), and the output is read by `inspect`, which knows only
CommonMark, GFM and Streamlit's markdown extensions, not how the module works. Outcomes:
- "handled": the safe output has no image, no raw HTML, no link other than http, https or
  mailto, every link shows its target, no Streamlit directive or LaTeX, no control or bidi
  character, and the one-line variants are one line;
- "harmful": any of that fails, or the module raised (the page would crash).
Runs without Streamlit: `python -m tests.hostile.usertext`.
"""

from __future__ import annotations

import re
import string
import unicodedata
from urllib.parse import unquote

from benchlearn.logic import usertext

TRACKER = "https://tracker.example/p.gif"
LONG = 6000

CASES: list[tuple[str, str]] = [
    # --- images in markdown ---------------------------------------------------------------
    ("inline image", f"Sanāksme ![pikselis]({TRACKER}) notiks"),
    ("image with title", f'![a]({TRACKER} "virsraksts")'),
    ("image, angle-bracket target", f"![a](<{TRACKER}>)"),
    ("image, blanks around target", f"![a](  {TRACKER}  )"),
    ("image, newline before target", f"![a](\n{TRACKER})"),
    ("image, empty alt", f"![]({TRACKER})"),
    ("reference image", f"![a][r]\n\n[r]: {TRACKER}"),
    ("reference image, collapsed", f"![r][]\n\n[r]: {TRACKER}"),
    ("reference image, shortcut", f"![R]\n\n[r]: {TRACKER}"),
    ("reference image, target on next line", f"![a][r]\n\n[r]:\n  {TRACKER}"),
    ("reference image, titled definition", f"![a][r]\n\n[r]: <{TRACKER}> 'x'"),
    ("image inside a link", f"[![a]({TRACKER})](https://example.lv)"),
    ("image inside emphasis", f"**![a]({TRACKER})** un _![b]({TRACKER})_"),
    ("image in a list item", f"- viens\n- ![a]({TRACKER})\n  - ![b]({TRACKER})"),
    ("image in a table cell", f"| a | b |\n|---|---|\n| ![x]({TRACKER}) | 2 |"),
    ("image in a heading", f"# ![x]({TRACKER})\nteksts"),
    ("image in a quote", f"> citāts\n> ![x]({TRACKER})"),
    ("image in a code fence", f"```\n![x]({TRACKER})\n```"),
    ("image in a code span", f"`![x]({TRACKER})`"),
    ("image after an escaped backslash", f"\\\\![x]({TRACKER})"),
    ("image with an entity for !", f"&#33;[x]({TRACKER})"),
    ("image, fullwidth punctuation", f"！［x］（{TRACKER}）"),
    ("image, data URI", "![x](data:image/gif;base64,R0lGODlhAQABAAAAACw=)"),
    ("image, SVG data URI", "![x](data:image/svg+xml;utf8,<svg onload=alert(1)>)"),
    ("image, percent-encoded scheme", "![x](%68ttps://tracker.example/p.gif)"),
    ("image, uppercase scheme", "![x](HTTPS://TRACKER.EXAMPLE/P.GIF)"),
    ("nested images", "![" * 40 + "x" + f"]({TRACKER})" * 40),
    # --- raw HTML ----------------------------------------------------------------------------
    ("html img", f'<img src="{TRACKER}">'),
    ("html IMG, attributes on new lines", f"<IMG\nSRC='{TRACKER}'\nwidth=1>"),
    ("html img srcset", f'<img srcset="{TRACKER} 1x">'),
    ("html picture", f'<picture><source srcset="{TRACKER}"><img src=x></picture>'),
    ("html svg image", f'<svg><image href="{TRACKER}"/></svg>'),
    ("html svg use", f'<svg><use xlink:href="{TRACKER}#a"/></svg>'),
    ("css url() in style", f"<style>body{{background:url({TRACKER})}}</style>"),
    ("css url() in attribute", f"<div style=\"background-image:url('{TRACKER}')\">x</div>"),
    ("css @import", f"<style>@import '{TRACKER}';</style>"),
    ("stylesheet link", f'<link rel="stylesheet" href="{TRACKER}">'),
    ("iframe", f'<iframe src="{TRACKER}"></iframe>'),
    ("object and embed", f'<object data="{TRACKER}"></object><embed src="{TRACKER}">'),
    ("video poster", f'<video poster="{TRACKER}"></video><audio src="{TRACKER}"></audio>'),
    ("input image", f'<input type="image" src="{TRACKER}">'),
    ("script", "<script>new Image().src='https://tracker.example/p'</script>"),
    ("event handler", '<b onmouseover="fetch(`https://tracker.example`)">x</b>'),
    ("meta refresh", f'<meta http-equiv="refresh" content="0;url={TRACKER}">'),
    ("base href", '<base href="https://tracker.example/">'),
    ("html comment around an image", f"<!-- ![x]({TRACKER}) -->teksts<!-- <img src=x> -->"),
    ("multi-line html comment", f"<!--\n<img src='{TRACKER}'>\n-->"),
    ("cdata", f"<![CDATA[<img src='{TRACKER}'>]]>"),
    ("html made of entities", f"&lt;img src={TRACKER}&gt; &#60;img src=x&#62; &#x3C;b&#x3E;"),
    ("double-encoded entity", "&amp;lt;img src=x&amp;gt;"),
    ("html in link text", "[<img src=https://tracker.example/p.gif>](https://example.lv)"),
    ("html anchor with javascript", '<a href="javascript:alert(1)">x</a>'),
    # --- links -------------------------------------------------------------------------------
    ("javascript link", "[noklikšķini](javascript:alert(1))"),
    ("javascript, mixed case", "[x](JaVaScRiPt:alert(1))"),
    ("javascript, entity for a letter", "[x](&#106;avascript:alert(1))"),
    ("javascript, hex entity", "[x](&#x6A;avascript&#x3A;alert(1))"),
    ("javascript, tab entity", "[x](java&#x09;script:alert(1))"),
    ("javascript, newline in angle target", "[x](<java\nscript:alert(1)>)"),
    ("javascript, space in angle target", "[x](<java script:alert(1)>)"),
    ("javascript, leading blanks", "[x](   javascript:alert(1))"),
    ("javascript, zero-width space", "[x](java\u200bscript:alert(1))"),
    ("javascript, backslash escapes", "[x](java\\script\\:alert(1))"),
    ("javascript, Cyrillic a", "[x](jаvascript:alert(1))"),
    ("javascript, fullwidth colon", "[x](javascript：alert(1))"),
    ("javascript autolink", "<javascript:alert(1)>"),
    ("javascript reference link", "[x][r]\n\n[r]: javascript:alert(1)"),
    ("vbscript link", "[x](vbscript:msgbox(1))"),
    ("data link", "[x](data:text/html;base64,PHNjcmlwdD4=)"),
    ("file link", "[x](file:///etc/passwd)"),
    ("protocol-relative link", "[x](//tracker.example/p)"),
    ("backslashes for slashes", "[x](https:\\\\tracker.example) [y](https:/tracker.example)"),
    ("credentials in the link", "[banka](https://www.banka.lv@tracker.example/)"),
    ("lookalike host", "[apple](https://аpple.com/login)"),
    ("fullwidth host", "[x](https://ｅｘａｍｐｌｅ．ｃｏｍ/)"),
    ("bidi override in label", "[\u202egnp.exe](https://example.lv)"),
    ("bidi override from an entity", "&#x202E;fdp.exe [x](https://example.lv/&#x202E;)"),
    ("closing parenthesis injection", f"[a](https://example.lv/)![b]({TRACKER})"),
    ("quote injection in target", '[a](https://example.lv/"onmouseover="alert(1))'),
    ("parentheses in target", "[wiki](https://lv.wikipedia.org/wiki/Rīga_(pilsēta))"),
    ("link with title", '[x](https://example.lv "virsraksts")'),
    ("angle-bracket autolink", "<https://example.lv/a?b=1&c=2>"),
    ("email autolink and mailto", "<info@example.lv> [raksti](mailto:info@example.lv?subject=x)"),
    ("bare URLs", "Skat. https://example.lv/a_(b). un www.example.lv, info@example.lv"),
    ("nested links", "[a [b](https://b.example)](https://a.example)"),
    ("link label with newline", "[pirmā\nrinda](https://example.lv)"),
    ("link around a data image", "[![x](data:image/png;base64,AAAA)](https://example.lv)"),
    # --- Streamlit markdown extensions and LaTeX ---------------------------------------------
    ("colour directive", ":red[sarkans] :blue-background[zils] :rainbow[x]"),
    ("badge and small", ":violet-badge[birka] :small[mazs]"),
    ("icon and emoji", ":material/home: :smile:"),
    ("latex inline", "$x^2$ un $$\\int_0^1 x\\,dx$$"),
    ("latex href", "$\\href{https://tracker.example}{x}$"),
    ("latex includegraphics", "$$\\includegraphics{https://tracker.example/p.png}$$"),
    ("directive with an image", f":red[![x]({TRACKER})]"),
    # --- blocks, escapes, characters ---------------------------------------------------------
    ("headings, rules and fences", "# H1\n======\n***\n~~~\n---\n* * *\n    kods"),
    ("lists that look like rules", "* \n- - -\n1) x\n+ y\n* * *x"),
    ("setext heading", "Virsraksts\n==========\nteksts"),
    ("table with html", "| a | <b>b</b> |\n|:-|-:|\n| `x` | \\| |"),
    ("escaped markdown stays text", "\\[x\\](https://example.lv) \\![y\\](z)"),
    ("control characters", "a\x00b\x07c\x1bd\x7fe\x85f\x9bg"),
    ("lone surrogate", "teksts \ud800 beigas"),
    ("unicode line separators", "a\u2028![x](https://tracker.example/p.gif)\u2029b"),
    ("many brackets", "[" * LONG + "x" + "](https://example.lv)"),
    ("many link openers", "[a](" * (LONG // 4)),
    ("many backticks", "` " * LONG),
    ("empty", ""),
]


# --- the independent reader ----------------------------------------------------------------

PUNCT = set(string.punctuation)
ENTITY = re.compile(r"&(?:lt|gt|amp|#33);")
ALLOWED_TARGETS = ("http://", "https://", "mailto:")
TARGET = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%\\]+")
RULE_OR_FENCE = re.compile(r"^(?:([*_])(?:[ \t]*\1){2,}[ \t]*$|~{3,}|[*+\-][ \t]|[*+\-]$)")
TABLE_RULE = re.compile(r"^\|(?: :?---:? \|)+$")
PREFIX = re.compile(r"^ *(?:- |\d{1,9}\. |> ?)?")


def _unescape(text: str) -> str:
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&#33;", "!")
    return text.replace("&amp;", "&")


def _escape(text: str) -> str:
    return "".join(
        {"<": "&lt;", ">": "&gt;", "&": "&amp;", "!": "&#33;"}.get(c, "\\" + c if c in PUNCT else c)
        for c in text
    )


def _scan(body: str, problems: list[str], in_label: bool = False) -> None:
    """One line of output: only escaped punctuation, entities, emphasis and our links."""
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            if i + 1 < len(body) and body[i + 1] in PUNCT:
                i += 2
                continue
            problems.append(f"stray backslash at {i}")
        elif c == "&":
            found = ENTITY.match(body, i)
            if found:
                i = found.end()
                continue
            problems.append(f"bare & at {i} (an entity could form)")
        elif c == "[" and not in_label:
            i = _link(body, i, problems)
            continue
        elif c in PUNCT and c not in "*_~":
            what = {"!": "image", "<": "raw HTML", ":": "directive", "$": "LaTeX"}.get(c, "syntax")
            problems.append(f"unescaped {c!r} at {i} ({what})")
        i += 1


def _link(body: str, i: int, problems: list[str]) -> int:
    """[label](target) as the module writes links; returns the index after it."""
    j = i + 1
    while j < len(body) and body[j] != "]":
        j += 2 if body[j] == "\\" else 1
    if j >= len(body) or not body.startswith("(", j + 1):
        problems.append(f"unescaped '[' at {i} (not a link)")
        return i + 1
    label = body[i + 1 : j]
    _scan(label, problems, in_label=True)
    end = body.find(")", j + 2)
    target = body[j + 2 : end] if end > 0 else ""
    if end < 0 or not TARGET.fullmatch(target):
        problems.append(f"link target {target[:60]!r} is not a plain URL")
        return len(body)
    url = target.replace("\\&", "&")
    if not url.lower().startswith(ALLOWED_TARGETS):
        problems.append(f"link to {url[:60]!r}")
    if "\\" in url or (url.startswith("http") and "@" in url.split("/")[2]):
        problems.append(f"link target {url[:60]!r} hides its host")
    shown = _unescape(label)
    after = body[end + 1 :]
    visible = shown in (url, unquote(url), url.removeprefix("mailto:"), url.removeprefix("http://"))
    if not visible and not after.startswith(" " + _escape(f"({url})")):
        problems.append(f"link {shown[:40]!r} does not show its target {url[:60]!r}")
    return end + 1


def _characters(text: str, problems: list[str]) -> None:
    for ch in text:
        if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cs"):
            problems.append(f"control character U+{ord(ch):04X}")
        elif unicodedata.bidirectional(ch) in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI"):
            problems.append(f"bidi control U+{ord(ch):04X}")


def inspect(md: str, one_line: bool = False) -> list[str]:
    """What is unsafe in markdown output (empty: nothing)."""
    problems: list[str] = []
    _characters(md, problems)
    if one_line and "\n" in md:
        problems.append("line break in one-line output")
    if "![" in md or "<" in md or re.search(r"src\s*=", md, re.IGNORECASE):
        problems.append("image or HTML text")
    for line in md.split("\n"):
        if one_line:
            body = line
        elif line == "---" or TABLE_RULE.match(line) or line == ">":
            continue
        elif line.startswith("| ") and line.endswith(" |"):
            for cell in re.split(r"(?<!\\) \| ", line[2:-2]):
                _scan(cell, problems)
            continue
        else:
            body = line[PREFIX.match(line).end() :]
        if RULE_OR_FENCE.match(body) or body.startswith("    "):
            problems.append(f"line {body[:30]!r} starts a block")
        _scan(body, problems)
    return problems


def inspect_plain(text: str) -> list[str]:
    problems: list[str] = []
    _characters(text, problems)
    if "\n" in text:
        problems.append("line break in plain text")
    return problems


def run_all() -> list[tuple[str, str, str]]:
    """(case, outcome, detail) for every case in CASES."""
    results = []
    for name, text in CASES:
        try:
            problems = [f"markdown: {p}" for p in inspect(usertext.markdown(text))]
            problems += [f"inline: {p}" for p in inspect(usertext.inline(text), one_line=True)]
            problems += [f"plain: {p}" for p in inspect_plain(usertext.plain(text))]
        except Exception as exc:  # a crash on a page is harmful too
            problems = [f"{type(exc).__name__}: {exc}"]
        outcome = "harmful" if problems else "handled"
        results.append((name, outcome, "; ".join(problems[:3]) or "safe"))
    return results


if __name__ == "__main__":
    for case, outcome, detail in run_all():
        print(f"{outcome:8} {case}: {detail}")
