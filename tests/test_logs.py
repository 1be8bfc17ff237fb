"""to_log: a stage's output goes to its log once, even where an import has set up console logging."""

import subprocess
import sys

from conftest import REPO


def test_a_console_handler_of_an_import_writes_no_second_copy(tmp_path):
    """fairseq calls logging.basicConfig on import; inside to_log its handler would write each
    line into the log again (stderr is the log there). Afterwards it is back on the console."""
    log = tmp_path / "stage.log"
    code = ("import logging, sys\nlogging.basicConfig(stream=sys.stderr, level=logging.INFO)\n"
            "from ielearn.logs import to_log\n"
            f"with to_log({str(log)!r}):\n    logging.getLogger('stage').info('inside')\n"
            "logging.getLogger('stage').warning('after')\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert log.read_text().count("inside") == 1
    assert "inside" not in run.stderr and "WARNING:stage:after" in run.stderr
