#!/usr/bin/env bash
# bench/check_bench.sh (`make bench-check`): `meshprobe check` against `docker-compose config`
# on generated files of 100, 1,000 and 5,000 services, and against dclint (npm) on the compose
# corpus in ../shared/corpus. Writes the check section of bench/RESULTS.md (between
# <!-- check:begin --> and <!-- check:end -->) and raw numbers to bench/check_bench/out/.
#
# Corpus: one meshprobe process per file (as a user runs it), each with a minimal contract
# written to a temp dir; exit 0 or 1 is a check done, 2 a file refused. The corpus is read in
# place, never copied. dclint runs once over all files, and one process per file on a sample
# (a full per-file loop of node start-ups takes ~10 minutes).
# Generated files: hyperfine runs meshprobe and docker-compose in one invocation (the ratio
# comes from one run); a command slower than 5 s is timed once, capped at the timeout (when
# only compose is that slow, meshprobe still gets hyperfine runs of its own).
#
# Environment: MESHPROBE (default build/bin/meshprobe), CORPUS (../shared/corpus),
# CHECK_BENCH_SIZES ("100 1000 5000"), CHECK_BENCH_RUNS (10 hyperfine runs),
# CHECK_BENCH_CORPUS_RUNS (3 corpus loops, median), CHECK_BENCH_TIMEOUT (300 s),
# CHECK_BENCH_DCLINT_RUNS (1: ~100 s each here), CHECK_BENCH_DCLINT_SAMPLE (20 files for the per-file dclint loop; 0 skips it),
# DCLINT (an installed dclint binary; default: npm installs dclint into a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."

given_meshprobe=$(realpath "${MESHPROBE:-build/bin/meshprobe}")
corpus=$(realpath "${CORPUS:-../shared/corpus}")
sizes=${CHECK_BENCH_SIZES:-100 1000 5000}
runs=${CHECK_BENCH_RUNS:-10}
corpus_runs=${CHECK_BENCH_CORPUS_RUNS:-3}
dclint_runs=${CHECK_BENCH_DCLINT_RUNS:-1}
cap=${CHECK_BENCH_TIMEOUT:-300}
dclint_sample=${CHECK_BENCH_DCLINT_SAMPLE:-20}
dclint_version=3.1.0
out=$PWD/bench/check_bench/out
work=$(mktemp -d /tmp/mpcheckbench-XXXXXX)
trap 'rm -rf "$work"' EXIT

[[ -x $given_meshprobe ]] || { echo "no meshprobe at $given_meshprobe (make build, or set MESHPROBE)" >&2; exit 2; }
# A copy, so a rebuild of the shared tree during the run cannot swap the binary under it.
meshprobe=$work/meshprobe
cp "$given_meshprobe" "$meshprobe"
[[ -f $corpus/MANIFEST.tsv ]] || { echo "no corpus at $corpus (set CORPUS)" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out"
facts=$out/facts.tsv # key<TAB>value, read by write_results.py
fact() { printf '%s\t%s\n' "$1" "$2" >>"$facts"; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.4f}')" "$1" "$2"; }
say() { echo "check_bench: $*" >&2; }

fact date "$(date -u '+%Y-%m-%d %H:%M UTC')"
fact cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
fact load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
fact meshprobe_version "$("$meshprobe" --version 2>&1 | head -1) (${given_meshprobe#"$PWD/"}, built $(date -u -r "$given_meshprobe" '+%Y-%m-%d %H:%M UTC'))"
fact compose_version "$(docker-compose version --short 2>&1 | head -1)"
fact hyperfine "$(command -v hyperfine >/dev/null && hyperfine --version || echo none)"
fact timeout "$cap"

# Times one command once, capped, its output to file $1; prints seconds, or "timeout",
# and the exit code after a tab.
time_once() {
  local output=$1 start end rc=0
  shift
  start=$(now)
  timeout "$cap" "$@" >"$output" 2>&1 || rc=$?
  end=$(now)
  if ((rc == 124)); then printf 'timeout\t%s\n' "$rc"; else printf '%s\t%s\n' "$(elapsed "$start" "$end")" "$rc"; fi
}

# --- generated files -------------------------------------------------------------------
for size in $sizes; do
  dir=$work/generated-$size
  python3 bench/generate_stack.py "$dir" --per-tier $((size / 4)) --project "mpcheck$size" >/dev/null
  file=$dir/docker-compose.yaml
  fact "gen${size}_bytes" "$(stat -c %s "$file")"
  check_cmd=("$meshprobe" -q -c "$dir/mesh.yaml" check)
  config_cmd=(docker-compose -f "$file" -p "mpcheck$size" config)
  say "$size services: first runs"
  IFS=$'\t' read -r first_check rc < <(time_once "$out/generated-$size-check.txt" "${check_cmd[@]}")
  fact "gen${size}_check_exit" "$rc"
  IFS=$'\t' read -r first_config rc < <(time_once /dev/null "${config_cmd[@]}")
  fact "gen${size}_config_exit" "$rc"
  fact "gen${size}_check_first" "$first_check"
  fact "gen${size}_config_first" "$first_config"
  fast() { [[ $1 != timeout ]] && python3 -c "import sys; sys.exit(float(sys.argv[1]) >= 5)" "$1"; }
  if command -v hyperfine >/dev/null && fast "$first_check"; then
    # compose joins the same invocation unless it is too slow to repeat.
    commands=(--command-name check "${check_cmd[*]}")
    method="hyperfine, $runs runs after 1 warm-up, median"
    if fast "$first_config"; then
      commands+=(--command-name config "${config_cmd[*]}")
    else
      method="check: $method; config: one timed run (5 s or more), capped at ${cap} s"
    fi
    say "$size services: hyperfine, $runs runs"
    # -i: check exits 1 when it has findings, which is still a check done.
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$out/generated-$size.json" "${commands[@]}" \
      >"$out/generated-$size-hyperfine.txt" 2>&1
    fact "gen${size}_method" "$method"
  else
    fact "gen${size}_method" "one timed run each (a command took 5 s or more, or timed out; exit 124 is the timeout), capped at ${cap} s"
  fi
done

# --- corpus: meshprobe -------------------------------------------------------------------
# One minimal contract per corpus file: the file alone, its .env when it has one, one tier on
# the default network. Findings do not matter; the file must load.
contracts=$work/contracts
mkdir -p "$contracts"
files=()
n=0
while IFS=$'\t' read -r repo _ path _; do
  [[ $repo == repo ]] && continue
  n=$((n + 1))
  file=$corpus/$repo/$path
  files+=("$file")
  {
    printf 'version: 1\ncompose:\n  files: ["%s"]\n' "$file"
    [[ -f $(dirname "$file")/.env ]] && printf '  env_file: "%s"\n' "$(dirname "$file")/.env"
    printf 'tiers:\n  all: {network: default}\n'
  } >"$contracts/$n.yaml"
done <"$corpus/MANIFEST.tsv"
fact corpus_files "$n"

say "corpus: $corpus_runs loops of $n meshprobe processes"
: >"$out/corpus-loops.txt"
for run in $(seq "$corpus_runs"); do
  exits=$out/corpus-exits.tsv
  : >"$exits"
  start=$(now)
  for i in $(seq "$n"); do
    rc=0; "$meshprobe" -q -c "$contracts/$i.yaml" check >/dev/null 2>&1 || rc=$?
    printf '%s\t%s\n' "${files[i - 1]#"$corpus"/}" "$rc" >>"$exits"
  done
  end=$(now)
  elapsed "$start" "$end" >>"$out/corpus-loops.txt"
done

# --- corpus: dclint ----------------------------------------------------------------------
dclint=${DCLINT:-}
if [[ -z $dclint ]]; then
  say "installing dclint@$dclint_version into a temp dir"
  if (cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work/dclint" "dclint@$dclint_version" >"$out/npm-install.log" 2>&1); then
    dclint=$work/dclint/node_modules/.bin/dclint
  fi
fi
if [[ -n $dclint && -x $dclint ]]; then
  fact dclint_version "$("$dclint" --version 2>&1 | head -1) (npm package dclint, installed for the run only)"
  say "corpus: dclint, one process over all $n files"
  : >"$out/dclint-all.txt"
  for run in $(seq "$dclint_runs"); do
    start=$(now); rc=0
    "$dclint" --color false -f json -o "$out/dclint-report.json" "${files[@]}" >/dev/null 2>"$out/dclint-stderr.txt" || rc=$?
    end=$(now)
    elapsed "$start" "$end" >>"$out/dclint-all.txt"
  done
  fact dclint_all_exit "$rc"
  if ((dclint_sample > 0)); then
    say "corpus: dclint, one process per file on the first $dclint_sample files"
    start=$(now)
    for file in "${files[@]:0:dclint_sample}"; do
      "$dclint" --color false "$file" >/dev/null 2>&1 || true
    done
    end=$(now)
    fact dclint_sample_files "$dclint_sample"
    fact dclint_sample_seconds "$(elapsed "$start" "$end")"
    start=$(now)
    for i in $(seq "$dclint_sample"); do
      "$meshprobe" -q -c "$contracts/$i.yaml" check >/dev/null 2>&1 || true
    done
    end=$(now)
    fact meshprobe_sample_seconds "$(elapsed "$start" "$end")"
  fi
else
  fact dclint_version "not installed (npm install failed: see npm-install.log)"
fi

fact load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/check_bench/write_results.py "$out" "$corpus/MANIFEST.tsv" bench/RESULTS.md
say "done: bench/RESULTS.md (check section), raw numbers in $out"
