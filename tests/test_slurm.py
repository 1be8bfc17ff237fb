"""profiles/slurm on a real single-node SLURM cluster that the test starts and stops itself.

The evidence that jobs went through sbatch is SLURM's own: `scontrol show job` (finished jobs
stay listed for MinJobAge = 1 h) and slurmctld's log, not what Snakemake prints. The results
must be those of the local run of the same configuration (the session's `tiny_run`).

The run starts from the local run's preprocessed data: inside a SLURM group job, Snakemake
runs each stage as its own nested Snakemake, one after the other, so the preprocessing
group's 24 stages would cost minutes of start-up alone. The grouping itself is checked on
the two groups that remain (and on all three by test_slurm_profile.py's dry run).
"""

import re
import shlex
import shutil
import subprocess
import sys

import pytest
import torch

import ielearn.nmt.fairseq_plugin  # noqa: F401  (makes fairseq checkpoints loadable)
from conftest import REPO, TINY_CONFIG, run_snakemake, write_config

pytestmark = pytest.mark.slurm

SCRIPTS = REPO / "tests" / "slurm"
# One SLURM cluster per machine (its daemons' fixed ports): every test of this module runs on
# the tiny run's pytest-xdist worker, which one of them needs, so the module's cluster is one.
XDIST_GROUP = "tiny_run"
DAEMONS = ("slurmd.pid", "slurmctld.pid", "munged.pid")
TARGET = "results/tiny/bootstrap_0.bleu"
DATA = "results/tiny/data"
# One SLURM job per Snakemake submission: grouped CPU stages, lone GPU stages. bootstrap_0
# keeps the test short; bootstrap_1 (11 jobs then, with a fine-tune and the enrich group)
# passed the same test (commit history), at about twice the runtime.
EXPECTED_JOBS = sorted(
    ["rule_prepare_input_binarize",
     "rule_train_wildcards_tiny___0_",  # exp, seed_dir, system_dir, k, sweep: all but exp and k empty
     "rule_decode_wildcards_tiny___0",  # valid and test in one job
     "rule_score_detokenize_hypotheses_score"]
)
SAME_AS_LOCAL = [
    TARGET, "results/tiny/iter_0/valid.bleu",
    *[f"results/tiny/iter_0/decode/{split}.{kind}"
      for split in ("valid", "test") for kind in ("hyp", "pos", "words", "txt")],
]


def alive(pid):
    return subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Install (apt) and start slurmctld, slurmd and munged; stop them by PID afterwards."""
    state = tmp_path_factory.mktemp("slurm_state")
    try:
        started = subprocess.run([SCRIPTS / "start_cluster.sh", state], capture_output=True,
                                 text=True, timeout=900)
        pids = [int((state / name).read_text()) for name in DAEMONS if (state / name).exists()]
        if started.returncode == 3:  # the script's "cannot be installed or started here"
            pytest.skip(started.stderr.strip().splitlines()[-1])
        assert started.returncode == 0, started.stdout + started.stderr
        yield state
    finally:
        subprocess.run([SCRIPTS / "stop_cluster.sh", state], check=True, timeout=120)
    assert not [pid for pid in pids if alive(pid)], "a SLURM daemon survived stop_cluster.sh"


def slurm_jobs(workdir):
    """SLURM's record of every job that ran in `workdir`: {job id: {field: value}}."""
    listing = subprocess.run(["scontrol", "show", "job", "--oneliner"], capture_output=True,
                             text=True, check=True).stdout
    jobs = [dict(re.findall(r"(\S+?)=(\S*)", line)) for line in listing.splitlines()]
    return {job["JobId"]: job for job in jobs if job.get("WorkDir") == str(workdir)}


def model_weights(workdir):
    return torch.load(workdir / "results/tiny/iter_0/model/best.pt")["model"]


def test_demo_target_goes_through_sbatch_and_matches_the_local_run(cluster, tiny_run, tmp_path):
    workdir = write_config(tmp_path / "on_slurm", TINY_CONFIG)
    shutil.copytree(tiny_run / DATA, workdir / DATA)  # copy2 keeps mtimes: nothing to redo
    # polling starts after 2 s instead of the profile's 20, to keep the test short
    run_snakemake(workdir, "--profile", REPO / "profiles/slurm",
                  "--slurm-init-seconds-before-status-checks", 2, TARGET)

    jobs = slurm_jobs(workdir)
    assert sorted(job["Comment"] for job in jobs.values()) == EXPECTED_JOBS
    assert {(job["JobState"], job["ExitCode"]) for job in jobs.values()} == {("COMPLETED", "0:0")}
    submitted = re.findall(r"_slurm_rpc_submit_batch_job: JobId=(\d+)",
                           (cluster / "slurmctld.log").read_text())
    assert set(jobs) <= set(submitted)
    for job in jobs.values():  # what the profile asked for, as SLURM granted it
        gpu_rule = job["Comment"].startswith(("rule_train_", "rule_decode_"))
        assert (job.get("TresPerJob") == "gres:gpu:1") == gpu_rule, job["Comment"]
        if job["Comment"].startswith("rule_train_"):
            # CPUs: the rule's one thread, as in the local run (1 and 2 threads train to
            # different weights: 2.7e-4 apart on tiny)
            assert (job["MinMemoryNode"], job["TimeLimit"], job["CPUs/Task"]) == (
                "12000M", "1-00:00:00", "1")
        elif job["Comment"].startswith("rule_decode_"):
            assert (job["MinMemoryNode"], job["TimeLimit"]) == ("8000M", "06:00:00")

    for path in SAME_AS_LOCAL:
        assert (workdir / path).read_bytes() == (tiny_run / path).read_bytes(), path
    local, remote = model_weights(tiny_run), model_weights(workdir)
    assert local.keys() == remote.keys()
    assert all(torch.equal(local[name], remote[name]) for name in local)


# --- a training that SLURM cancels (preemption and the time limit do the same: SIGTERM to
# every process of the job, SIGKILL after KillWait) ----------------------------------------

def submit_training(workdir, args, name):
    """sbatch a job whose Python trains in `workdir` (tests/test_training_killed.py's job) and
    prints whether it resumed; returns the job id."""
    code = ("from ielearn.nmt.train import train_model; "
            f"print('RESUMED', train_model('bin', 'model', 'best.pt', {args!r}), flush=True)")
    submitted = subprocess.run(
        ["sbatch", "--parsable", f"--job-name={name}", f"--chdir={workdir}", f"--output={workdir}/{name}.out",
         "--time=10", "--wrap", shlex.join([sys.executable, "-c", code])],
        capture_output=True, text=True, check=True)
    return submitted.stdout.strip().split(";")[0]


def job_state(job_id):
    shown = subprocess.run(["scontrol", "show", "job", job_id, "--oneliner"], capture_output=True, text=True)
    found = re.search(r"JobState=(\S+)", shown.stdout)
    return found.group(1) if found else "GONE"


def test_a_cancelled_training_leaves_nothing_running_and_its_rerun_resumes(cluster, tmp_path):
    from ielearn.folder_lock import own_folder
    from ielearn.nmt.train import training_args
    from process_table import gone, members, wait_until
    from test_resume_checkpoint import HP, MODEL, prepare

    # ~8 updates an epoch, 30 epochs: running long enough to be cancelled after its first
    # checkpoint, short enough to finish in its rerun
    args = training_args("transformer", MODEL, {**HP, "max_tokens": 20, "max_epoch": 30, "patience": -1}, seed=1)
    workdir = tmp_path / "preempted"
    workdir.mkdir()
    prepare(workdir)
    first = submit_training(workdir, args, "first")
    assert wait_until((workdir / "model/checkpoint_last.pt").exists, 180, step=0.1), job_state(first)
    assert job_state(first) == "RUNNING" and members(naming="fairseq-train", cwd=workdir)
    subprocess.run(["scancel", first], check=True)  # SIGTERM to the job's processes, SIGKILL after KillWait
    assert wait_until(lambda: job_state(first) in ("CANCELLED", "GONE"), 120, step=0.2), job_state(first)
    assert gone(cwd=workdir, timeout=10), members(cwd=workdir)  # fairseq-train and its workers too
    with own_folder(workdir / "model"):
        pass

    rerun = submit_training(workdir, args, "rerun")
    assert wait_until(lambda: job_state(rerun) in ("COMPLETED", "FAILED", "GONE"), 300, step=0.5)
    output = (workdir / "rerun.out").read_text()
    assert job_state(rerun) == "COMPLETED", output[-3000:]
    assert "Loaded checkpoint model/ielearn-resume-from.pt" in output and "RESUMED True" in output
    assert (workdir / "best.pt").exists()
