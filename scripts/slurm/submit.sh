#!/usr/bin/env bash
# Submit a Starling sweep to Slurm: a job array of SHARDS tasks (one shard each) and a merge job that
# runs when every task has succeeded (--dependency=afterok).
#
#   scripts/slurm/submit.sh EXPERIMENT OUT SHARDS [extra sbatch options for the array…]
#   scripts/slurm/submit.sh experiments/example.json out/example 8 --cpus-per-task=8 --time=04:00:00
#
# Prints the two job ids ("<array id> <merge id>"). Results: OUT/shard-<k>-of-<SHARDS>/ per task,
# OUT/merged/ (runs.csv, summary.csv, report.html, …) at the end; Slurm logs in OUT/logs/.
set -euo pipefail
if (( $# < 3 )); then
  echo "usage: $0 EXPERIMENT OUT SHARDS [sbatch options for the array…]" >&2
  exit 2
fi
EXPERIMENT=$1
OUT=$2
SHARDS=$3
shift 3
[[ -f $EXPERIMENT ]] || { echo "submit: no experiment file $EXPERIMENT" >&2; exit 2; }
[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || { echo "submit: SHARDS must be a whole number ≥ 1, not $SHARDS" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
case $EXPERIMENT in /*) ;; *) EXPERIMENT=$PWD/$EXPERIMENT ;; esac
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
mkdir -p "$OUT/logs"

# Check the experiment and build the CLI bundle once, before many tasks start at the same moment.
(cd "$ROOT" && node bin/starling.mjs sweep "$EXPERIMENT" --shard "1/$SHARDS" --dry-run >/dev/null) || exit 2

cd "$ROOT"
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" --output="$OUT/logs/shard-%a.out" \
  --export="ALL,EXPERIMENT=$EXPERIMENT,OUT=$OUT,SHARDS=$SHARDS,STARLING_DIR=$ROOT" "$@" "$HERE/sweep-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes --output="$OUT/logs/merge.out" \
  --export="ALL,OUT=$OUT,SHARDS=$SHARDS,STARLING_DIR=$ROOT" "$HERE/merge.sbatch")
merge=${merge%%;*}
echo "$array $merge"
