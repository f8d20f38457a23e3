#!/usr/bin/env bash
# A real Slurm test of the job-array workflow (docs/cluster.md), for CI on Debian, as root:
#
#   1. install Debian's slurm-wlm and munge (apt-get) when they are missing;
#   2. start munged (key from /dev/urandom when there is none) and a one-node cluster on this machine
#      (slurmctld + slurmd, SlurmUser=root, proctrack/linuxproc, task/none, private ports and state);
#   3. submit experiments/quick.json as a job array of 3 shards plus a merge job that depends on it
#      (afterok) — exactly what scripts/slurm/submit.sh does;
#   4. wait for the merge, then run the same experiment in one process and compare runs.csv (and
#      summary.csv, timeseries.csv) row for row. Any difference → exit 1.
#
# Every wait has a deadline (STARLING_SLURM_TIMEOUT seconds in all, default 600), and the daemons it
# started are stopped on exit, whatever happens. Exit codes: 0 pass, 1 fail, 2 cannot run here.
#
#   sudo scripts/slurm/ci-slurm-test.sh            # KEEP=1 keeps the work folder for inspection
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EXPERIMENT=${EXPERIMENT:-$ROOT/experiments/quick.json}
SHARDS=${SHARDS:-3}
TIMEOUT=${STARLING_SLURM_TIMEOUT:-600}
DEADLINE=$((SECONDS + TIMEOUT))
HOST=$(hostname -s)
NCPU=$(nproc)
PORT_CTLD=${SLURM_TEST_CTLD_PORT:-26817}
PORT_D=${SLURM_TEST_D_PORT:-26818}

log() { printf '[slurm-test %3ds] %s\n' "$SECONDS" "$*"; }
die() { log "FAIL: $*"; exit 1; }
left() { local l=$((DEADLINE - SECONDS)); ((l > 0)) || die "out of time (${TIMEOUT}s)"; echo "$l"; }

if [[ $(id -u) -ne 0 ]]; then
  echo "ci-slurm-test: run as root (it installs packages and starts munged, slurmctld and slurmd)" >&2
  exit 2
fi
command -v node >/dev/null || { echo "ci-slurm-test: node is not on PATH" >&2; exit 2; }

WORK=$(mktemp -d /tmp/starling-slurm.XXXXXX)
chmod 755 "$WORK"
STARTED_MUNGE=0
JOBS=()

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [[ -n ${SLURM_CONF:-} && -f ${SLURM_CONF:-/nonexistent} ]]; then
    for j in "${JOBS[@]}"; do timeout 10 scancel "$j" 2>/dev/null; done
    # Give cancelled steps a moment to end before the daemons go.
    for _ in 1 2 3 4 5; do
      [[ -z $(timeout 5 squeue -h -o %i 2>/dev/null) ]] && break
      sleep 1
    done
  fi
  for d in slurmd slurmctld; do
    if [[ -f $WORK/$d.pid ]]; then
      pid=$(cat "$WORK/$d.pid")
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null
    fi
  done
  if ((STARTED_MUNGE)) && [[ -f $WORK/munged.pid ]]; then
    pid=$(cat "$WORK/munged.pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  if ((rc != 0)); then
    for f in "$WORK"/munged.log "$WORK"/slurmctld.log "$WORK"/slurmd.log "$WORK"/out/logs/*; do
      [[ -f $f ]] && { echo "----- $f (last 30 lines)"; tail -n 30 "$f"; }
    done
  fi
  if [[ ${KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  log "$([[ $rc -eq 0 ]] && echo PASS || echo "exit $rc")"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. Packages.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  log "installing slurm-wlm and munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  timeout "$(left)" apt-get update -qq || die "apt-get update failed"
  timeout "$(left)" apt-get install -y -qq --no-install-recommends slurm-wlm munge >"$WORK/apt.log" 2>&1 || { tail -n 20 "$WORK/apt.log"; die "apt-get install slurm-wlm munge failed"; }
fi
log "$(slurmctld -V 2>/dev/null || echo 'slurmctld ?'), $(munged --version 2>/dev/null | head -1 || echo 'munged ?')"

# 2. Munge: reuse a working munged, else start one (with a key from /dev/urandom if there is none).
if timeout 10 munge -n 2>/dev/null | timeout 10 unmunge >/dev/null 2>&1; then
  log "munged already running: using it"
else
  mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
  if [[ ! -s /etc/munge/munge.key ]]; then
    log "creating /etc/munge/munge.key from /dev/urandom"
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  chmod 700 /etc/munge && chmod 400 /etc/munge/munge.key
  # munged runs as root here (--force), with its log, pid and seed files in the work folder.
  timeout 20 munged --force --log-file="$WORK/munged.log" --pid-file="$WORK/munged.pid" --seed-file="$WORK/munged.seed" || die "munged did not start"
  STARTED_MUNGE=1
  for _ in $(seq 1 40); do
    timeout 5 munge -n 2>/dev/null | timeout 5 unmunge >/dev/null 2>&1 && break
    sleep 0.25
  done
  timeout 10 munge -n | timeout 10 unmunge >/dev/null || die "munge does not work (munge -n | unmunge)"
  log "munged started"
fi

# 3. A one-node cluster with private state, logs and ports.
mkdir -p "$WORK/etc" "$WORK/state" "$WORK/spool" "$WORK/out/logs"
export SLURM_CONF=$WORK/etc/slurm.conf
cat >"$SLURM_CONF" <<CONF
ClusterName=starlingci
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT_CTLD
SlurmdPort=$PORT_D
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MinJobAge=600
KillWait=5
SlurmdTimeout=60
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$NCPU State=UNKNOWN
PartitionName=ci Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
timeout 30 slurmctld -c || die "slurmctld did not start"
timeout 30 slurmd -N "$HOST" || die "slurmd did not start"
state=""
for _ in $(seq 1 120); do
  state=$(timeout 10 sinfo -h -N -n "$HOST" -o %t 2>/dev/null | head -1 || true)
  [[ $state == idle* || $state == mix* ]] && break
  if [[ $state == down* || $state == drain* ]]; then timeout 10 scontrol update nodename="$HOST" state=resume 2>/dev/null || true; fi
  ((SECONDS < DEADLINE)) || die "node $HOST never became idle (state: ${state:-none})"
  sleep 0.5
done
[[ $state == idle* || $state == mix* ]] || die "node $HOST never became idle (state: ${state:-none})"
log "cluster up: node $HOST ($NCPU CPUs) is $state"

# 4. The array and its dependent merge, as scripts/slurm/submit.sh submits them.
cd "$ROOT"
node bin/starling.mjs sweep "$EXPERIMENT" --dry-run >/dev/null || die "the experiment does not validate"
ids=$(timeout 60 scripts/slurm/submit.sh "$EXPERIMENT" "$WORK/out" "$SHARDS" --cpus-per-task=1 --time=00:10:00) || die "submit.sh failed"
read -r ARRAY MERGE <<<"$ids"
JOBS=("$ARRAY" "$MERGE")
log "submitted array job $ARRAY (${SHARDS} tasks) and merge job $MERGE (afterok:$ARRAY)"

mstate=""
while :; do
  mstate=$(timeout 10 scontrol show job "$MERGE" -o 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)
  case $mstate in
    COMPLETED) break ;;
    FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | PREEMPTED)
      timeout 10 scontrol show job "$ARRAY" -o 2>/dev/null | grep -o 'JobId=[0-9]* .*JobState=[A-Z_]*' | sed 's/ .*JobState=/ /' || true
      die "merge job $MERGE ended $mstate" ;;
  esac
  ((SECONDS < DEADLINE)) || die "the jobs did not finish in ${TIMEOUT}s (merge job: ${mstate:-unknown})"
  sleep 1
done
log "merge job $MERGE completed"
astates=$(timeout 10 scontrol show job "$ARRAY" -o 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort | uniq -c | tr -s ' ' | tr '\n' ';' || true)
log "array tasks: ${astates:-(records gone)}"

# 5. The same experiment in one process; compare row for row.
timeout "$(left)" node bin/starling.mjs sweep "$EXPERIMENT" --out "$WORK/single" --workers 2 --quiet || die "single-process sweep failed"
fail=0
for f in runs.csv summary.csv timeseries.csv; do
  a=$WORK/single/$f
  b=$WORK/out/merged/$f
  if [[ ! -f $a && ! -f $b ]]; then continue; fi
  [[ -f $b ]] || { log "missing $b"; fail=1; continue; }
  if cmp -s "$a" "$b"; then
    log "$f: identical ($(($(wc -l <"$a") - 1)) rows)"
  else
    log "$f DIFFERS between one process and the Slurm array:"
    diff "$a" "$b" | head -n 20
    fail=1
  fi
done
[[ -f $WORK/out/merged/report.html ]] || { log "no report.html from the merge job"; fail=1; }
((fail == 0)) || die "Slurm array results differ from the single-process run"
rows=$(($(wc -l <"$WORK/single/runs.csv") - 1))
((rows > 0)) || die "runs.csv has no rows"
log "Slurm array ($SHARDS shards + merge) = one process: $rows runs, row for row"
