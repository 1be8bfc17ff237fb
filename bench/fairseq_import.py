"""What the ~4 s of a model job's fairseq import are: fresh interpreters importing torch,
then what fairseq pulls in beside it, then fairseq, then the modules of the decode, binarize
and faithfulness jobs; median wall and CPU seconds of --repeats runs each (on a loaded
machine the CPU figure is the one to read: an idle core's wall time).

fairseq/__init__.py imports every task, criterion and model module (fairseq.tasks and
fairseq.criterions import each file of their directory), so any `from fairseq.x import y`
pays for all of them; two of them (tasks/audio_classification.py,
criterions/sentence_prediction.py) import sklearn, which imports scipy.stats and pandas.

    .venv/bin/python bench/fairseq_import.py [--repeats 5]
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from job_overhead import startup_seconds  # noqa: E402

STEPS = [
    ("bare interpreter", "pass"),
    ("torch", "import torch"),
    ("torch + sklearn (with scipy.stats, pandas)", "import torch, sklearn, scipy.stats, pandas"),
    ("fairseq", "import fairseq"),
    ("ielearn.nmt.decode (decode, decode_train)", "import ielearn.nmt.decode"),
    ("ielearn.nmt.binarize (binarize)", "import ielearn.nmt.binarize"),
    ("ielearn.nmt.faithfulness_scoring (faithfulness)", "import ielearn.nmt.faithfulness_scoring"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, code in STEPS:
        wall, cpu = startup_seconds(code, options.repeats)
        print(f"{name:50} {wall:6.2f} s wall {cpu:6.2f} s CPU")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
