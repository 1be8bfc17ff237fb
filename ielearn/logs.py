"""Send a stage's output (prints, logging, warnings, child processes) to its log file."""

import contextlib
import logging
import os
import sys
import traceback
from pathlib import Path

from ielearn.errors import UserError

log = logging.getLogger("ielearn")


@contextlib.contextmanager
def to_log(path):
    """Redirect stdout/stderr (file descriptors included, so subprocesses follow) to `path`.

    A UserError is written to the log *and* to the original stderr, so the user sees the
    one-line explanation in the terminal instead of a traceback buried in a log file.
    """
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    saved_out, saved_err = os.dup(1), os.dup(2)
    terminal_err = os.fdopen(os.dup(2), "w")
    with open(path, "a", encoding="utf-8") as log_file:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(log_file.fileno(), 1)
        os.dup2(log_file.fileno(), 2)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        root = logging.getLogger()
        # a console handler an import installed (fairseq calls logging.basicConfig) would write
        # every line into the log a second time: file descriptors 1 and 2 are the log now
        console = [h for h in root.handlers if getattr(h, "stream", None) in (sys.stdout, sys.stderr)]
        for console_handler in console:
            root.removeHandler(console_handler)
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        try:
            yield
        except UserError as error:
            # the explanation is the whole story: no traceback, exit status 1
            print(f"ERROR: {error}", file=sys.stderr, flush=True)
            print(f"ERROR: {error}", file=terminal_err, flush=True)
            raise SystemExit(1) from None
        except Exception:
            traceback.print_exc()  # into the log, where Snakemake points the user
            raise
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            root.removeHandler(handler)
            for console_handler in console:
                root.addHandler(console_handler)
            os.dup2(saved_out, 1)
            os.dup2(saved_err, 2)
            os.close(saved_out)
            os.close(saved_err)
            terminal_err.close()
