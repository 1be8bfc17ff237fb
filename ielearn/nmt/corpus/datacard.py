"""A short Markdown data card next to the raw corpus: sizes, lengths and (for gettext) sources."""

import statistics

from ielearn.io import atomic_write


def length_row(name, lines):
    words = [len(line.split()) for line in lines] or [0]
    return (f"| {name} | {len(lines)} | {statistics.mean(words):.1f} | "
            f"{statistics.median(words):g} | {min(words)} | {max(words)} |")


def split_table(corpus, src_lang, tgt_lang):
    """Pairs and words per sentence for every split and side."""
    rows = ["| split.side | pairs | mean words | median | min | max |", "|---|---|---|---|---|---|"]
    for split, (src, tgt) in corpus.items():
        rows.append(length_row(f"{split}.src ({src_lang})", src))
        rows.append(length_row(f"{split}.tgt ({tgt_lang})", tgt))
    return rows


def package_table(counts, split_packages):
    """Messages read, kept and dropped (by reason) per package, and where the kept pairs went."""
    reasons = sorted({reason for package in counts.values() for reason in package} - {"kept"})
    header = ["package", "messages", *reasons, "kept", "train", "valid", "test"]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for package, count in counts.items():
        placed = [split_packages[split].get(package, 0) for split in ("train", "valid", "test")]
        cells = [package, sum(count.values()), *(count.get(r, 0) for r in reasons),
                 count.get("kept", 0), *placed]
        rows.append("| " + " | ".join(map(str, cells)) + " |")
    return rows


def write_datacard(path, title, corpus, src_lang, tgt_lang, notes=(), sections=()):
    """Write the card; `sections` are extra (heading, Markdown lines) pairs."""
    lines = [f"# Data card: {title}", "", *notes, "", "## Splits", "",
             *split_table(corpus, src_lang, tgt_lang)]
    for heading, body in sections:
        lines += ["", f"## {heading}", "", *body]
    with atomic_write(path) as handle:
        handle.write("\n".join(lines) + "\n")
