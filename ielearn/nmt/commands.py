"""Run fairseq's command-line tools as child processes, always with ielearn's plugin."""

import logging
import os
import shutil
import sys
from importlib.util import find_spec
from pathlib import Path

from ielearn.child_process import run_child

log = logging.getLogger(__name__)

# located without importing it: importing the plugin imports fairseq (seconds per rule parse)
PLUGIN_DIR = str(Path(find_spec("ielearn.nmt.fairseq_plugin").origin).resolve().parent)
SIDES = ("src", "tgt")


def fairseq_tool(name):
    """Path of a fairseq console script installed beside the running Python."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def run_fairseq(tool, args, threads=1, pass_fds=()):
    """Run `tool` (e.g. fairseq-train) with `args`; its output goes to our stdout/stderr (the log).

    The plugin is passed to every command: fairseq fails with an unhelpful IndexError when a
    checkpoint names a model or task it has not imported. It runs through run_child, so it
    dies with the job (ielearn/child_process.py); pass_fds: descriptors it keeps (a folder lock).
    """
    command = [fairseq_tool(tool), *map(str, args), "--user-dir", PLUGIN_DIR]
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    log.info("running: %s", " ".join(command))
    sys.stdout.flush()
    sys.stderr.flush()
    run_child(command, env=env, pass_fds=pass_fds)
