"""A few test sentences for the report: the source with the tokens the baseline attended to
highlighted, the words appended, and the hypotheses of the baseline and the iteration-1 model."""

import html

from ielearn.io import atomic_write, read_lines
from ielearn.html_page import html_page


def attended_positions(source_tokens, enriched_tokens, origins):
    """Source positions of the appended words: the origins of every token of x' beyond x
    (a separator's origin is not an attended word, so it is skipped)."""
    length = len(source_tokens)
    appended = list(zip(enriched_tokens[length:], origins[length:]))
    return [int(origin) for token, origin in appended if source_tokens[int(origin)] == token]


def _shown(token):
    """A BPE token as HTML: the tokenizer's escapes (&apos; &amp; ...) undone, then escaped."""
    return html.escape(html.unescape(token))


def highlight(tokens, positions):
    marked = set(positions)
    return " ".join(f"<mark>{_shown(t)}</mark>" if i in marked else _shown(t)
                    for i, t in enumerate(tokens))


def pick_examples(baseline, enriched, count):
    """Indices of `count` sentences, those where the two hypotheses differ first."""
    differ = [i for i, (b, e) in enumerate(zip(baseline, enriched)) if b != e]
    same = [i for i in range(len(baseline)) if baseline[i] == enriched[i]]
    return (differ + same)[:count]


def example_records(files, count):
    """files: bpe_source, enriched, origin, reference, baseline, hypothesis (paths)."""
    lines = {name: read_lines(path) for name, path in files.items()}
    lengths = {name: len(values) for name, values in lines.items()}
    if len(set(lengths.values())) != 1:
        raise RuntimeError(f"example files differ in line count: {lengths}")
    records = []
    for i in pick_examples(lines["baseline"], lines["hypothesis"], count):
        source = lines["bpe_source"][i].split()
        enriched = lines["enriched"][i].split()
        positions = attended_positions(source, enriched, lines["origin"][i].split())
        records.append({
            "index": i,
            "source": source,
            "positions": positions,
            "words": [source[p] for p in positions],
            "reference": lines["reference"][i],
            "baseline": lines["baseline"][i],
            "hypothesis": lines["hypothesis"][i],
        })
    return records


def examples_html(records):
    parts = []
    for record in records:
        parts.append(
            f"<h3>test sentence {record['index'] + 1}</h3>\n<table>\n"
            f"<tr><td>source (BPE; attended tokens marked)</td>"
            f"<td>{highlight(record['source'], record['positions'])}</td></tr>\n"
            f"<tr><td>appended attention words</td><td>{' '.join(map(_shown, record['words']))}</td></tr>\n"
            f"<tr><td>reference</td><td>{html.escape(record['reference'])}</td></tr>\n"
            f"<tr><td>baseline</td><td>{html.escape(record['baseline'])}</td></tr>\n"
            f"<tr><td>iteration 1 (enriched input)</td><td>{html.escape(record['hypothesis'])}</td></tr>\n"
            "</table>"
        )
    return "\n".join(parts)


def write_examples(files, count, out_path, experiment):
    records = example_records(files, count)
    body = (f"<h2>{html.escape(experiment)}: test examples, baseline against iteration 1</h2>\n"
            "<p>The marked source tokens are the words the baseline attended to while translating "
            "(one per target token); they are appended to the source for iteration 1. Sentences "
            "where the two hypotheses differ come first.</p>\n" + examples_html(records))
    with atomic_write(out_path) as out:
        out.write(html_page(f"{experiment} examples", body))
    return records
