"""One experiment's provenance at a glance: a row per scored result (seed, system, iteration)
saying whether a training resumed and what machine and packages the chain of trainings and
the scoring ran with; as TSV (results/<exp>/provenance.tsv) and as a report page."""

from ielearn.html_page import table_html
from ielearn.io import atomic_write, read_json
from ielearn.provenance.environment import PACKAGES

MACHINE = ("device", "cpu_capability", "cpu", "threads")
COLUMNS = ("seed", "system", "iteration", "resumed", *MACHINE, "python", *PACKAGES)
UNKNOWN = "unknown"
NOTE = (
    "Each row: the trainings of iterations 0..k that led to the score, and the scoring job. "
    "A cell lists every value they had, separated by ' | '. A score reproduces exactly only "
    "on the same machine and build (device, CPU capability, threads, packages) with the same "
    "seeds; on another CPU or GPU, with other packages, or after a resumed training it "
    "reproduces only within seed noise. Full records: bootstrap_<k>.{bleu,score}.provenance.json "
    "beside each score."
)


def _distinct(values, absent=UNKNOWN):
    return " | ".join(dict.fromkeys(absent if v is None else str(v) for v in values))


def _resumed(trainings):
    resumed = [k for k, t in enumerate(trainings) if t and t["resumed"]]
    if resumed:
        return "yes (iteration " + ", ".join(map(str, resumed)) + ")"
    missing = [k for k, t in enumerate(trainings) if t is None]
    return f"{UNKNOWN} (no record of iteration {', '.join(map(str, missing))})" if missing else "no"


def provenance_row(seed, system, iteration, record):
    trainings = [step["training"] for step in record["iterations"]]
    known = [t for t in trainings if t]
    row = {"seed": seed, "system": system, "iteration": iteration, "resumed": _resumed(trainings)}
    for key in MACHINE:
        row[key] = _distinct([t[key] for t in known] + [None] * (len(trainings) - len(known)))
    for name in ("python", *PACKAGES):
        versions = [t["packages"][name] for t in known] + [record["scored_with"]["packages"][name]]
        row[name] = _distinct(versions, absent="not installed")
    return row


def provenance_rows(entries):
    """entries: [(seed, system, iteration, path of that score's provenance record)]."""
    return [provenance_row(seed, system, iteration, read_json(path)) for seed, system, iteration, path in entries]


def headline(rows):
    """Whether every score of the experiment comes from one machine and build, and if not,
    what differs."""
    differing = {}
    for column in COLUMNS[4:]:
        values = {v for row in rows for v in str(row[column]).split(" | ") if v != UNKNOWN}
        if len(values) > 1:
            differing[column] = " / ".join(sorted(values))
    same = ("All results come from one machine and build" if not differing else
            "The results come from different machines or builds (" +
            "; ".join(f"{column}: {values}" for column, values in differing.items()) +
            "): compare them only within seed noise")
    resumed = sum(row["resumed"] != "no" for row in rows)
    return f"{same}; {resumed} of {len(rows)} involve a resumed training or one without a record."


def write_provenance(entries, tsv_path, html_path, experiment):
    rows = provenance_rows(entries)
    with atomic_write(tsv_path) as out:
        out.write("\t".join(COLUMNS) + "\n")
        out.writelines("\t".join(str(row[c]) for c in COLUMNS) + "\n" for row in rows)
    note = f"{headline(rows)} {NOTE}"
    with atomic_write(html_path) as out:
        out.write(table_html([{c: str(row[c]) for c in COLUMNS} for row in rows],
                             f"{experiment}: provenance of every score", note))
    return rows
