#!/usr/bin/env bash
# CTest: every corpus input still extracts and normalizes exactly to its checked-in golden.
# On a difference, prints the diff; regenerate with tools/update-goldens after reading it.
set -uo pipefail
gyosei=$1
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
for input in corpus/*.txt corpus/*.pdf; do
  case $input in *.normalized) continue ;; esac
  for kind in json normalized; do
    golden="$input.$kind"
    got="$out/$(basename "$input").$kind"
    if [[ $kind == json ]]; then
      "$gyosei" extract --pretty "$input" > "$got" 2>/dev/null
    else
      "$gyosei" normalize --locations --structure "$input" > "$got" 2>/dev/null
    fi
    if [[ ! -f $golden ]]; then
      echo "FAIL $golden: missing (run tools/update-goldens)"
      failed=$((failed + 1))
    elif ! diff -u "$golden" "$got" > "$out/diff"; then
      echo "FAIL $golden differs from the output now:"
      head -40 "$out/diff"
      failed=$((failed + 1))
    else
      passed=$((passed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
