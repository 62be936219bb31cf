#!/usr/bin/env bash
# Fuzzes the contract and compose loaders, and include/extends across files, with libFuzzer:
# builds fuzz/ with clang, runs the fuzzers at once for FUZZ_SECONDS each, keeps crashers in bench/out/fuzz-crashes/,
# writes bench/out/fuzz-<target>.log and the "Fuzzing" section of bench/RESULTS.md.
# Not part of CI. Usage: bench/fuzz.sh   (FUZZ_SECONDS=600 FUZZ_MAX_LEN=4096 by default;
# FUZZ_NOTE=text adds a paragraph to the section)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-600}
max_len=${FUZZ_MAX_LEN:-4096}
build=${FUZZ_BUILD_DIR:-$root/build-fuzz-clang}
out=$root/bench/out
corpus_source=${FUZZ_CORPUS:-$root/../shared/corpus}
targets=(contract compose include)

# libFuzzer's runtime comes with this package on Debian 12.
if ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  sudo_if_needed=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo_if_needed apt-get install -y libclang-rt-14-dev
fi

CXX=${CXX:-clang++} cmake -S "$root/fuzz" -B "$build" -G Ninja >/dev/null
cmake --build "$build"

work=$(mktemp -d /tmp/meshprobe-fuzz-run-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/fuzz-crashes"

# Seeds: the project's fixtures, plus small compose files from the shared corpus, copied at
# run time so nothing of the corpus ends up in the project.
seed_inputs() {
  local target=$1 dir=$2
  mkdir -p "$dir"
  if [ "$target" = contract ]; then
    find "$root/fixtures" -name mesh.yaml
  elif [ "$target" = include ]; then
    # Several compose files in one input, split at "%%" lines (fuzz/loader_inputs.h).
    find "$root/fuzz/seeds/include" -type f
  else
    find "$root/fixtures" -name '*.yaml' ! -name mesh.yaml
    if [ -d "$corpus_source" ]; then
      find "$corpus_source" -type f \( -name 'docker-compose*.y*ml' -o -name 'compose*.y*ml' \) \
        -size -"${max_len}"c | sort | head -n 40
    fi
  fi | while read -r file; do
    cp "$file" "$dir/$(echo "$file" | md5sum | cut -c1-16).yaml"
  done
}

# A crash stops libFuzzer; start it again on the grown corpus until the time is used up,
# so every target gets its full FUZZ_SECONDS.
fuzz_target() {
  local target=$1 corpus=$work/$1/corpus log=$out/fuzz-$1.log
  local started=$SECONDS run=0
  seed_inputs "$target" "$work/$target/seeds"
  mkdir -p "$corpus" "$work/$target/artifacts"
  : > "$log"
  while (( SECONDS - started < seconds )); do
    run=$((run + 1))
    echo "=== run $run ($(date -u +%T))" >> "$log"
    "$build/${target}_fuzzer" "$corpus" "$work/$target/seeds" \
      -max_total_time=$((seconds - (SECONDS - started))) -max_len="$max_len" -timeout=20 \
      -print_final_stats=1 -artifact_prefix="$work/$target/artifacts/" >> "$log" 2>&1 || true
  done
  rm -rf "$out/fuzz-crashes/$target"
  cp -r "$work/$target/artifacts" "$out/fuzz-crashes/$target"
  # The final corpus, for picking regression inputs (tests/unit/fuzz_regressions/data/).
  rm -rf "$out/fuzz-corpus-$target"
  cp -r "$corpus" "$out/fuzz-corpus-$target"
}

for target in "${targets[@]}"; do fuzz_target "$target" & done
wait

date_utc=$(date -u '+%Y-%m-%d %H:%M UTC')
section=$work/section.md
{
  echo '## Fuzzing'
  echo
  echo "Written by \`bench/fuzz.sh\` on $date_utc: libFuzzer (clang++ -fsanitize=fuzzer,address,undefined), both targets at once on $(nproc) cores, -max_len=$max_len. Anything but InputError from a loader counts as a crash. Logs: \`bench/out/fuzz-<target>.log\`."
  echo
  echo '| target | seconds | runs | executions | coverage (cov) | features (ft) | corpus | crashes |'
  echo '|---|---|---|---|---|---|---|---|'
  for target in "${targets[@]}"; do
    log=$out/fuzz-$target.log
    runs=$(grep -c '^=== run' "$log")
    # A run that ends in a crash prints no final stats: count up to its last status line.
    execs=$(awk '/^=== run/ {sum += last; last = 0}
                 /^#[0-9]+[[:space:]]/ {last = substr($1, 2)}
                 /^stat::number_of_executed_units/ {last = $NF}
                 END {print sum + last}' "$log")
    final=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -n 1 || true)
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$final")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$final")
    corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9A-Za-z]+).*/\1/p' <<<"$final")
    crashes=$(find "$out/fuzz-crashes/$target" -type f | wc -l)
    echo "| $target | $seconds | $runs | $execs | ${cov:-?} | ${ft:-?} | ${corp:-?} | $crashes |"
    echo "$target: seconds=$seconds runs=$runs executions=$execs cov=${cov:-?} ft=${ft:-?} corpus=${corp:-?} crashes=$crashes" >> "$log"
  done
  if [ -n "${FUZZ_NOTE:-}" ]; then echo; echo "$FUZZ_NOTE"; fi
} > "$section"

python3 "$root/bench/results_md.py" fuzz "$root/bench/RESULTS.md" < "$section"
cat "$section"
