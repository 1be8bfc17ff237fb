"""The one HTML page style of every report section (summary tables, provenance, examples)."""

import html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #bbb; padding: 3px 8px; text-align: right; }}
td:first-child {{ text-align: left; }}
tr.picked {{ font-weight: bold; }}
mark {{ background: #ffe08a; }}
pre {{ white-space: pre-wrap; }}
</style></head>
<body>
{body}
</body></html>
"""


def html_page(title, body):
    return PAGE.format(title=html.escape(title), body=body)


def table_html(rows, title, note):
    """A standalone HTML page with one table and a note under it; rows whose `picked_by_valid`
    is 'yes' (the iteration validation picked) in bold."""
    header = list(rows[0])
    lines = [f"<h2>{html.escape(title)}</h2>", "<table>",
             "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"]
    for row in rows:
        css = ' class="picked"' if row.get("picked_by_valid") == "yes" else ""
        lines.append(f"<tr{css}>" + "".join(f"<td>{html.escape(row[h])}</td>" for h in header) + "</tr>")
    lines += ["</table>", f"<p>{html.escape(note)}</p>"]
    return html_page(title, "\n".join(lines))
