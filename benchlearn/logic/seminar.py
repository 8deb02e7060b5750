"""Seminar-room helpers for presentation mode, pure: the participants' QR code (made here,
offline, by segno) and the timer's text and countdown element."""

from __future__ import annotations

import html
import json

import segno

MAX_MINUTES = 180  # a timer longer than a seminar day's session is a typo


def qr_image(link: str) -> str:
    """A QR code of `link` as an SVG data URI for an <img> (black on white, with the quiet
    zone the standard asks for), drawn in memory: nothing is fetched. Without width and
    height (a viewBox only), so it fills the box it is put in, as large as the room needs."""
    code = segno.make(link, error="m", micro=False)
    return code.svg_data_uri(omitsize=True, dark="#000", light="#fff", border=4)


def clock(seconds: float) -> str:
    """Whole seconds left as m:ss (never negative)."""
    left = max(0, int(seconds + 0.999))  # 59.2 s left still reads 1:00 -> 0:59 on time
    return f"{left // 60}:{left % 60:02d}"


def countdown_html(seconds_left: float | None, minutes: int, label: str, done: str) -> str:
    """The timer as shown on a slide. Running (`seconds_left` not None), a small script counts
    down in the browser, so the page is not rerun every second; it replaces any earlier
    countdown's interval, as a rerun draws the element anew."""
    total = float(minutes * 60) if seconds_left is None else max(0.0, float(seconds_left))
    text = clock(total)
    box = (
        "<div class='bl-timer' style='font:700 2.4rem/1 system-ui,sans-serif;"
        "font-variant-numeric:tabular-nums;text-align:right' "
        f"aria-label='{html.escape(label, quote=True)}' role='timer'>"
        f"<span class='bl-timer-text'>{text}</span></div>"
    )
    if seconds_left is None:
        return box
    script = (
        "<script>(function(){"
        "if(window.__blTimer){clearInterval(window.__blTimer);}"
        f"const end=Date.now()+{total * 1000:.0f};const done={json.dumps(done)};"
        "function tick(){const nodes=document.querySelectorAll('.bl-timer-text');"
        "const left=Math.max(0,Math.ceil((end-Date.now())/1000));"
        "const text=Math.floor(left/60)+':'+String(left%60).padStart(2,'0');"
        "nodes.forEach(function(n){n.textContent=left?text:text+' · '+done;"
        "n.style.color=left?(left<=60?'#b35900':''):'#b00020';});"
        "if(!left){clearInterval(window.__blTimer);}}"
        "tick();window.__blTimer=setInterval(tick,250);})();</script>"
    )
    return box + script
