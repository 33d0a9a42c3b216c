#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Sources/ebauth-fuzz) with AddressSanitizer into .build-fuzz
# and runs each for SECONDS (default 300) from its committed seed corpus, Fuzz/corpus/<target>.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]      e.g. scripts/fuzz.sh 60 http-head sigv4
#
# New inputs go to .build-fuzz/corpus/<target> (kept between runs, not committed); findings to
# .build-fuzz/artifacts/<target>/. Exits non-zero on any crash, hang, leak or broken invariant and
# prints the reproducer. Replay one without the fuzzer:  swift run ebauth-fuzz <target> <file>
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-300}"
shift || true
scratch=.build-fuzz
all_targets=(http-head http-chunked aws-chunked sigv4 json11 s3-xml registry-manifest dockerrun compose dockerfile
  ebextensions docker-auth)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

# -DFUZZING drops the replay driver's @main so libFuzzer's main links; -parse-as-library because the
# module then has no entry point of its own. Release: the fuzzer wants speed, ASan keeps it honest.
echo "building ebauth-fuzz (release, -sanitize=fuzzer,address) in $scratch"
build=(swift build -c release --product ebauth-fuzz --scratch-path "$scratch"
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING)
set +e
"${build[@]}" 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\] (Compiling|Write|Emitting|Linking|Applying)'
build_status=${PIPESTATUS[0]}
set -e
[ "$build_status" -eq 0 ] || { echo "fuzz build failed (exit $build_status)" >&2; exit 1; }
binary="$("${build[@]}" --show-bin-path)/ebauth-fuzz"

# Leak checking stays on: a parser that leaks per input is a finding like any other.
# Fuzz/lsan.supp lists the leaks that are not ebauth's (each with its reason).
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:allocator_may_return_null=1}"
# Let ASan, not the Swift runtime's backtracer, report crashes (the two fight over the signal).
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0}"
failed=()
summary=()
for target in "${targets[@]}"; do
  [ -d "Fuzz/corpus/$target" ] || { echo "unknown target $target (no Fuzz/corpus/$target)" >&2; exit 2; }
  mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target"
  log="$scratch/artifacts/$target/fuzz.log"
  echo "--- $target: ${seconds}s"
  status=0
  EBAUTH_FUZZ_TARGET="$target" "$binary" "$scratch/corpus/$target" "Fuzz/corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$scratch/artifacts/$target/" >"$log" 2>&1 || status=$?
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)
  speed=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1 || true)
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  summary+=("$(printf '%-18s %10s runs %7s exec/s  cov %s' "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}")")
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    grep -E 'ERROR: |invariant broken|Fatal error|SUMMARY: ' "$log" | head -5 || true
    artifact=$(grep -Eo "Test unit written to [^ ]+" "$log" | tail -1 | sed 's/Test unit written to //' || true)
    echo "FINDING in $target (exit $status); log: $log"
    [ -n "$artifact" ] && echo "reproduce: EBAUTH_FUZZ_TARGET=$target $binary $artifact   (or: swift run ebauth-fuzz $target $artifact)"
  fi
done

printf '%s\n' '' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "no findings in ${#targets[@]} targets, ${seconds}s each"
