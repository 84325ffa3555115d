"""HTML of the package: escaping, figures embedded as PNG, marked article text, and the page template.

Every page or fragment the package writes is made here, by one rule: text that comes from the
articles (or from a file or set name) is escaped, always; markup comes only from this module. The
self-contained page (:func:`notebook_page`, used by ``python -m analysis report`` and ``diff``)
carries no script and loads nothing from the network: figures are embedded (:func:`figure_png`).
"""

from __future__ import annotations

import base64
import html
import io
import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import nbformat

__all__ = ["escape_text", "escape_markdown", "figure_png", "mark_spans", "data_table", "kwic_table", "notebook_page"]


def escape_text(value: object, *, quote: bool = True) -> str:
    """``value`` as HTML text: missing values as an empty string, everything else escaped.

    >>> escape_text("<b>Evil</b> & co"), escape_text(None), escape_text(float("nan"))
    ('&lt;b&gt;Evil&lt;/b&gt; &amp; co', '', '')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value), quote=quote)


def escape_markdown(text: str) -> str:
    r"""``text`` for a Markdown cell, shown literally: every ASCII punctuation mark backslash-escaped.

    A set or file name such as ``[x](javascript:…)`` or ``<img …>`` then renders as text, never as
    a link or markup.

    >>> escape_markdown("[click](javascript:alert(1))")
    '\\[click\\]\\(javascript\\:alert\\(1\\)\\)'
    """
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", str(text))


def figure_png(ax, *, dpi: int = 100) -> str:
    """The figure holding ``ax`` as a base64 PNG, to embed as ``data:image/png;base64,...`` or an ``image/png`` output.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.bar(["K", "U"], [3, 5])
    >>> base64.b64decode(figure_png(ax))[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    buffer = io.BytesIO()
    figure = ax.get_figure() if hasattr(ax, "get_figure") else ax
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def mark_spans(text: str, spans: pd.DataFrame, styles: dict[str, str]) -> str:
    """``text`` escaped, with one ``<mark>`` per stretch covered by the same set of spans (so overlaps nest cleanly).

    ``spans`` has ``start``, ``end``, ``kind`` and ``label``; ``styles`` maps each kind to its inline
    CSS (each kind should set a different property, so overlapping spans show all of them). The
    ``title`` of a mark names what was found there; only the kind ``term`` keeps a background.

    >>> spans = pd.DataFrame({"start": [2], "end": [8], "kind": ["term"], "label": ["term searched: brutal"]})
    >>> mark_spans("A brutal <regime>", spans, {"term": "background:#ffd54f"})
    'A <mark style="background:#ffd54f" title="term searched: brutal">brutal</mark> &lt;regime&gt;'
    """
    if spans.empty:
        return html.escape(text)
    starts = spans["start"].to_numpy(dtype=np.int64).clip(0, len(text))
    ends = spans["end"].to_numpy(dtype=np.int64).clip(0, len(text))
    kinds, labels = spans["kind"].astype(str).to_numpy(), spans["label"].astype(str).to_numpy()
    cuts = np.unique(np.concatenate([[0, len(text)], starts, ends]))
    out = []
    for a, b in zip(cuts[:-1], cuts[1:], strict=True):
        piece = html.escape(text[a:b])
        active = np.flatnonzero((starts <= a) & (ends >= b))
        if not len(active):
            out.append(piece)
            continue
        style = ";".join(styles[k] for k in dict.fromkeys(kinds[active]))
        note = html.escape("; ".join(dict.fromkeys(labels[active])), quote=True)
        background = "" if "term" in kinds[active] else "background:none;"
        out.append(f'<mark style="{background}{style}" title="{note}">{piece}</mark>')
    return "".join(out)


def data_table(columns: list[object], rows: list[list[str]], numeric: list[bool]) -> str:
    """A table of text cells as HTML: every header and cell escaped, numeric columns right-aligned (``td.num``).

    >>> data_table(["term", "n"], [["<b>war</b>", "3"]], [False, True])
    '<div class="table-wrap"><table class="framing-table"><thead><tr><th>term</th><th>n</th></tr></thead><tbody><tr><td>&lt;b&gt;war&lt;/b&gt;</td><td class="num">3</td></tr></tbody></table></div>'
    """
    head = "".join(f"<th>{escape_text(str(c))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f'<td class="num">{escape_text(v)}</td>' if n else f"<td>{escape_text(v)}</td>"
                                    for v, n in zip(row, numeric, strict=True)) + "</tr>" for row in rows)
    return (f'<div class="table-wrap"><table class="framing-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def kwic_table(lines: pd.DataFrame, *, by: str, limit: int) -> str:
    """KWIC lines (``by``, ``published``, ``left``, ``match``, ``right``) as an HTML table: every cell escaped, the match in bold.

    >>> lines = pd.DataFrame({"outlet": ["<X>"], "published": [pd.NaT], "left": ["a"], "match": ["war"], "right": [""]})
    >>> "<b>war</b>" in kwic_table(lines, by="outlet", limit=5), "&lt;X&gt;" in kwic_table(lines, by="outlet", limit=5)
    (True, True)
    """
    days = pd.to_datetime(lines["published"], utc=True).dt.strftime("%Y-%m-%d").fillna("")
    rows = [f"<tr><td>{i + 1}</td><td>{escape_text(g)}</td><td>{escape_text(d)}</td>"
            f'<td style="text-align:right">{escape_text(left)}</td><td><b>{escape_text(m)}</b></td>'
            f"<td>{escape_text(right)}</td></tr>"
            for i, (g, d, left, m, right) in enumerate(zip(
                lines[by].fillna(""), days, lines["left"].fillna(""), lines["match"].fillna(""),
                lines["right"].fillna(""), strict=True))
            if i < limit]
    more = f"<p>First {limit} of {len(lines)} lines.</p>" if len(lines) > limit else f"<p>{len(lines)} lines.</p>"
    return (f'{more}<div style="max-height:24em;overflow:auto"><table style="font-size:90%">'
            f"<thead><tr><th>#</th><th>{escape_text(by)}</th><th>date</th><th>left</th><th>match</th><th>right</th>"
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222;
        overflow-wrap: break-word; }}
.set-title {{ font-size: 2em; font-weight: bold; margin: .2em 0; }}
nav.toc ol {{ columns: 2; font-size: 14px; }}
h1 {{ border-top: 3px solid #4c72b0; padding-top: .6em; margin-top: 2em; }}
.table-wrap, .jp-RenderedHTMLCommon {{ max-width: 100%; overflow-x: auto; }}
table {{ border-collapse: collapse; font-size: 13px; margin: .5em 0 1.5em; max-width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; max-width: 38em;
          white-space: normal; overflow-wrap: anywhere; }}
td.num {{ text-align: right; white-space: nowrap; }}
thead th {{ background: #f3f3f3; }}
img {{ max-width: 100%; height: auto; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; padding: .5em; font-size: 12px; }}
.jp-OutputArea-output pre {{ background: none; }}
</style></head>
<body>
<p class="set-title">{title}</p>
<p><em>Framing Lab report. Every number comes from the article set named in the title; article text is shown as
text, never as markup. Figures are embedded; the page loads nothing from the network.</em></p>
{toc}
{body}
</body></html>
"""


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "section"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def notebook_page(notebook: nbformat.NotebookNode, title: str) -> str:
    """A self-contained page: the set's name as title, a table of contents, code hidden, figures embedded as PNG.

    No script, no network resource. Article text reaches the page only inside outputs that escape it
    (pandas tables, :func:`analysis.display.show_table`, plain text); the page also carries a
    Content-Security-Policy that forbids scripts altogether.

    >>> import nbformat
    >>> page = notebook_page(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Load report")]), "<x>")
    >>> '<a href="#load-report">Load report</a>' in page, "<title>&lt;x&gt;</title>" in page, "<script" in page
    (True, True, False)
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    body, _ = exporter.from_notebook_node(notebook)
    body = re.sub(r"<script\b.*?</script>", "", body, flags=re.S | re.I)  # the template's own helpers
    taken: set[str] = set()
    entries = []

    def anchor(match: re.Match) -> str:
        text = html.unescape(re.sub(r"<[^>]+>|¶", "", match.group(2))).strip()
        slug = _slug(text, taken)
        entries.append(f'<li><a href="#{slug}">{html.escape(text)}</a></li>')
        return f'<h1 id="{slug}"{match.group(1)}>{match.group(2)}</h1>'

    body = re.sub(r"<h1\b(?:\s+id=\"[^\"]*\")?([^>]*)>(.*?)</h1>", anchor, body, flags=re.S)
    toc = f'<nav class="toc"><p><strong>Contents</strong></p><ol>{"".join(entries)}</ol></nav>' if entries else ""
    return PAGE.format(title=html.escape(title), body=body, toc=toc)
