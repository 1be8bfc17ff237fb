#!/usr/bin/env bash
# Stop the cluster that start_cluster.sh started in STATE_DIR: cancel its jobs, then end
# slurmd, slurmctld and (only if start_cluster.sh started it) munged, each by its PID file,
# and remove the /etc/slurm configuration that start_cluster.sh wrote for this STATE_DIR.
#
#   tests/slurm/stop_cluster.sh STATE_DIR
set -uo pipefail

STATE_DIR=$(cd "${1:?usage: stop_cluster.sh STATE_DIR}" && pwd) || exit 1
CONF=/etc/slurm/slurm.conf
unset SLURM_CONF

stop_pid_file() {
    local file=$STATE_DIR/$1 pid
    [ -s "$file" ] || return 0
    pid=$(cat "$file")
    if kill -TERM "$pid" 2>/dev/null; then
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null && echo "$1: $pid did not stop on TERM, killed" >&2
    fi
    rm -f "$file"
}

ours() { grep -qxF "# state: $STATE_DIR" "$CONF" 2>/dev/null; }

if [ -s "$STATE_DIR/slurmctld.pid" ] && ours; then
    # running jobs would outlive slurmd (their slurmstepd is a separate process)
    jobs=$(squeue --noheader --states=PENDING,RUNNING --format=%i 2>/dev/null)
    if [ -n "$jobs" ]; then
        scancel $jobs 2>/dev/null
        for _ in $(seq 50); do
            [ -z "$(squeue --noheader --states=RUNNING,COMPLETING --format=%i 2>/dev/null)" ] && break
            sleep 0.2
        done
    fi
fi
stop_pid_file slurmd.pid
stop_pid_file slurmctld.pid
stop_pid_file munged.pid
if ours; then
    rm -f "$CONF" /etc/slurm/gres.conf
fi
