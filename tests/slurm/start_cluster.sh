#!/usr/bin/env bash
# Start a real single-node SLURM cluster on this machine, without systemd.
#
#   tests/slurm/start_cluster.sh STATE_DIR      (as root; installs slurm-wlm + munge if missing)
#   tests/slurm/stop_cluster.sh STATE_DIR       stops exactly the daemons started here (by PID)
#
# The configuration goes where every SLURM client looks for it, /etc/slurm/slurm.conf (and
# gres.conf): the executor plugin's job step runs `srun` with every SLURM_* variable
# removed, SLURM_CONF included, so a configuration elsewhere would not be found inside jobs.
# A slurm.conf that this script did not write is never overwritten. Everything else the
# cluster writes (state, logs, PID files) stays in STATE_DIR. Ports: SLURMCTLD_PORT /
# SLURMD_PORT (default 6817 / 6818). munged is shared: an already running one is reused, and
# only a munged started here is recorded for the stop script.
#
# The node advertises GPU_COUNT (default 2) `gpu` generic resources whose device files are
# copies of /dev/null (slurmd drops GPUs without a device file), so that the scheduler
# accepts the profile's GPU requests (`--gpus=1`). No CUDA device exists, so torch inside
# those jobs runs on the CPU, as it must on a machine without a GPU.
#
# Exit status: 0 = cluster up (node idle); 3 = cannot be installed or started (message on
# stderr says why); anything else is a bug in this script.
set -euo pipefail

STATE_DIR=${1:?usage: start_cluster.sh STATE_DIR}
CTLD_PORT=${SLURMCTLD_PORT:-6817}
SLURMD_PORT=${SLURMD_PORT:-6818}
GPU_COUNT=${GPU_COUNT:-2}

CONF_DIR=/etc/slurm
MARKER="# written by tests/slurm/start_cluster.sh"

cannot() { echo "start_cluster.sh: cannot start the SLURM cluster: $*" >&2; exit 3; }

install_packages() {
    command -v slurmctld >/dev/null && command -v slurmd >/dev/null \
        && command -v munged >/dev/null && command -v sbatch >/dev/null && return
    [ "$(id -u)" = 0 ] || cannot "slurm-wlm and munge are not installed and we are not root"
    command -v apt-get >/dev/null || cannot "slurm-wlm and munge are not installed and there is no apt-get"
    echo "installing slurm-wlm and munge with apt-get" >&2
    apt-get update -qq >&2 || cannot "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        slurm-wlm munge >&2 || cannot "apt-get install slurm-wlm munge failed"
}

munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

start_munged() {
    if munge_works; then
        echo "reusing the running munged" >&2
        return
    fi
    if [ ! -s /etc/munge/munge.key ]; then
        mungekey --create --keyfile /etc/munge/munge.key >&2
        chown munge:munge /etc/munge/munge.key
        chmod 600 /etc/munge/munge.key
    fi
    install -d -o munge -g munge -m 755 /run/munge /var/log/munge /var/lib/munge
    runuser -u munge -- munged
    for _ in $(seq 50); do munge_works && break; sleep 0.1; done
    munge_works || cannot "munged did not start (see /var/log/munge/munged.log)"
    cp /run/munge/munged.pid "$STATE_DIR/munged.pid"
}

write_config() {
    local real_memory i
    if [ -e "$CONF_DIR/slurm.conf" ] && ! grep -qxF "$MARKER" "$CONF_DIR/slurm.conf"; then
        cannot "$CONF_DIR/slurm.conf exists and was not written by this script; not replacing a real cluster's configuration"
    fi
    mkdir -p "$CONF_DIR"
    # MB of RAM the node offers; slurmd drains a node whose RealMemory exceeds the real one.
    real_memory=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
    cat >"$CONF_DIR/slurm.conf" <<EOF
$MARKER
# state: $STATE_DIR
ClusterName=ielearn-test
SlurmctldHost=localhost
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$STATE_DIR/state
SlurmdSpoolDir=$STATE_DIR/spool
SlurmctldPidFile=$STATE_DIR/slurmctld.pid
SlurmdPidFile=$STATE_DIR/slurmd.pid
SlurmctldLogFile=$STATE_DIR/slurmctld.log
SlurmdLogFile=$STATE_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# no systemd, no cgroups, no accounting daemon
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# finished jobs stay visible to squeue/scontrol for an hour: the executor plugin polls
# squeue (no sacct without accounting) and the test reads SLURM's own records afterwards
MinJobAge=3600
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
GresTypes=gpu
NodeName=localhost CPUs=$(nproc) RealMemory=$real_memory Gres=gpu:$GPU_COUNT State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
    for i in $(seq 0 $((GPU_COUNT - 1))); do
        rm -f "$STATE_DIR/fake_gpu$i"
        mknod "$STATE_DIR/fake_gpu$i" c 1 3  # the device numbers of /dev/null
    done
    cat >"$CONF_DIR/gres.conf" <<EOF
$MARKER
# GPUs that the scheduler can hand out but CUDA cannot find
AutoDetect=off
NodeName=localhost Name=gpu File=$STATE_DIR/fake_gpu[0-$((GPU_COUNT - 1))]
EOF
}

wait_for_idle_node() {
    local state=""
    for _ in $(seq 100); do
        state=$(sinfo --noheader --nodes=localhost --format=%T 2>/dev/null || true)
        case "$state" in idle*|mixed*|allocated*) return ;; esac
        sleep 0.2
    done
    cannot "node 'localhost' is '$state', not idle; see $STATE_DIR/slurmctld.log and slurmd.log"
}

install_packages
mkdir -p "$STATE_DIR/state" "$STATE_DIR/spool"
STATE_DIR=$(cd "$STATE_DIR" && pwd)
unset SLURM_CONF
start_munged
write_config
slurmctld || cannot "slurmctld failed; see $STATE_DIR/slurmctld.log"
slurmd -N localhost || cannot "slurmd failed; see $STATE_DIR/slurmd.log"
wait_for_idle_node
echo "SLURM cluster up ($CONF_DIR/slurm.conf, state in $STATE_DIR)"
