"""The one HTML page style of every report section (summary tables, examples)."""

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
