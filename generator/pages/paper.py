"""What every printed page carries: the data version and build date in the footer, and the page number."""

from __future__ import annotations

from ..published.export import stamp_text

STAMP_CSS_PATH = "assets/print-stamp.css"


def css_string(text: str) -> str:
    """Text as a CSS string literal: quotes, backslashes and line ends escaped, nothing else read as CSS."""
    out = []
    for ch in text:
        if ch in '"\\' or ch < " " or ch == "\x7f" or ch in "<>":
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def stamp_css(data_version: str, built: str) -> str:
    """The print footer of every page (A4): the stamp at the bottom left, 第 N 页 at the bottom right."""
    stamp = css_string(stamp_text(data_version, built))
    return (
        "/* Generated at build time: every printed page says which data it shows and when it was built. */\n"
        "@page {\n"
        "  size: A4;\n"
        "  margin: 15mm 14mm 18mm;\n"
        f"  @bottom-left {{ content: {stamp}; font-size: 9pt; color: #444; }}\n"
        '  @bottom-right { content: "第 " counter(page) " 页，共 " counter(pages) " 页";'
        " font-size: 9pt; color: #444; }\n"
        "}\n"
    )
