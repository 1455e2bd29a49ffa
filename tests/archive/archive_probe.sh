#!/usr/bin/env bash
# Regression tests for issue 13 (data loss and silent failures found by a hostile probe),
# through the real binary; each check is named after its bug and prints the name when it fails.
set -u
gyosei=$1
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $1"; cat "$tmp/out" "$tmp/err" 2>/dev/null | head -20; fails=$((fails + 1)); }
run() { "$@" >"$tmp/out" 2>"$tmp/err"; }  # run command...; $? is its exit status
documents() { python3 -c 'import sqlite3, sys; print(sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute("SELECT COUNT(*) FROM documents").fetchone()[0])' "$1"; }

db=$tmp/a.db
mkdir -p "$tmp/docs" && cp corpus/*.txt "$tmp/docs/"
run "$gyosei" import --archive "$db" --quiet "$tmp/docs" || fail "setup import"

# export_output_is_archive: the archive itself, through a symlink, through another path.
ln -s "$db" "$tmp/link.db"
for out in "$db" "$tmp/link.db" "$tmp/docs/../a.db"; do
  run "$gyosei" export --archive "$db" --output "$out"
  [[ $? -eq 2 ]] && grep -q "this is the archive itself" "$tmp/err" || fail "export_output_is_archive ($out)"
  [[ $(documents "$db") == 5 ]] || fail "export_output_is_archive: the archive lost its documents ($out)"
done
# export_keeps_output_on_failure: a missing archive or one that is not a database.
echo keep >"$tmp/kept.csv"
run "$gyosei" export --archive "$tmp/missing.db" --output "$tmp/kept.csv"
[[ $? -eq 1 && $(cat "$tmp/kept.csv") == keep ]] || fail "export_keeps_output_on_failure (missing archive)"
echo "not a database" >"$tmp/junk.db"
run "$gyosei" export --archive "$tmp/junk.db" --output "$tmp/kept.csv"
[[ $? -eq 1 && $(cat "$tmp/kept.csv") == keep ]] || fail "export_keeps_output_on_failure (not a database)"
[[ -z $(find "$tmp" -name '.*gyosei-*') ]] || fail "export_keeps_output_on_failure: temporary file left"
run "$gyosei" export --archive "$db" --output "$tmp/kept.csv"
[[ $? -eq 0 ]] && head -1 "$tmp/kept.csv" | grep -q "^municipality_code," || fail "export replaces the output when it succeeds"

# stdout_write_failure: every command exits 1 when standard output cannot be written.
txt=$(ls "$tmp"/docs/*.txt | head -1)
for cmd in "extract $txt $txt" "normalize $txt" "tables --format json $txt" "dates $txt" "quantities $txt" \
           "search --archive $db 市" "stats --archive $db" "export --archive $db" \
           "import --archive $db --quiet $tmp/docs"; do
  # shellcheck disable=SC2086
  "$gyosei" $cmd >/dev/full 2>"$tmp/err"
  code=$?
  [[ $code -eq 1 ]] && grep -qi "cannot write" "$tmp/err" || fail "stdout_write_failure: gyosei $cmd exited $code"
done

# same_bytes_two_paths, and the counts printed are the rows committed.
mkdir -p "$tmp/twins" && cp "$txt" "$tmp/twins/a.txt" && cp "$txt" "$tmp/twins/b.txt"
run "$gyosei" import --archive "$tmp/twins.db" --quiet "$tmp/twins"
grep -q "^imported 2," "$tmp/out" && [[ $(documents "$tmp/twins.db") == 2 ]] || fail "same_bytes_two_paths"

# full_disk_run_counts: a file-size limit stands in for a full disk; runs.imported must be
# the documents committed, not those stored in the batch that was rolled back.
mkdir -p "$tmp/many"
for i in $(seq 1 12); do for f in corpus/*.txt; do
  { cat "$f"; echo "(copy $i)"; } >"$tmp/many/$i-$(basename "$f")"
done; done
(ulimit -f 3000; trap '' XFSZ; exec "$gyosei" import --archive "$tmp/full.db" --quiet --jobs 2 "$tmp/many") \
  >"$tmp/out" 2>"$tmp/err"
code=$?
python3 - "$tmp/full.db" "$code" <<'EOF' || fail "full_disk_run_counts"
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
status, imported = db.execute("SELECT status, imported FROM runs").fetchone()
committed = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
assert sys.argv[2] == "1" and status == "error", (sys.argv[2], status)
assert 0 < committed < 60 and imported == committed, (imported, committed)
EOF

# search_* flags: an empty answer must not be silent, an impossible one is bad usage.
run "$gyosei" search --archive "$db" --limit 0 市; [[ $? -eq 2 ]] || fail "search_limit_zero"
run "$gyosei" search --archive "$db" --type nope 市
[[ $? -eq 2 ]] && grep -q "department_policy" "$tmp/err" || fail "search_unknown_type"
run "$gyosei" search --archive "$db" --municipality 存在しない村 市
grep -q "not in the municipality code table" "$tmp/err" || fail "search_unknown_municipality"
run "$gyosei" search --archive "$db" --from 2030 --to 2000 市; [[ $? -eq 2 ]] || fail "search_from_after_to"
run "$gyosei" search --archive "$db" "$(printf '市 %.0s' $(seq 1 5000))"
[[ $? -eq 2 ]] && grep -q "at most" "$tmp/err" || fail "search_query_bound (CLI)"
run "$gyosei" import --archive "$db" --jobs 100000 "$tmp/docs"; [[ $? -eq 2 ]] || fail "import_jobs_cap"

# search_plain_escapes: control characters in names and text never reach the terminal raw.
mkdir -p "$tmp/esc"
name=$(printf 'evil\033]0;pwned\007\nname.txt')
printf '警報テスト\033[2J の文書\n' >"$tmp/esc/$name"
run "$gyosei" import --archive "$tmp/esc.db" --quiet "$tmp/esc"
run "$gyosei" search --archive "$tmp/esc.db" 警報
if [[ $? -ne 0 ]] || grep -q $'\033' "$tmp/out" || ! grep -q 'evil\\x1b]0;pwned\\x07\\nname.txt' "$tmp/out"; then
  fail "search_plain_escapes"
fi

# fifo_not_read: extract refuses a FIFO at once instead of blocking forever.
mkfifo "$tmp/pipe.txt"
timeout 20 "$gyosei" extract "$tmp/pipe.txt" >"$tmp/out" 2>"$tmp/err"
code=$?
[[ $code -eq 1 ]] && grep -q "FIFO" "$tmp/err" || fail "fifo_not_read: exit $code"

# huge_input_max_file_size (extract): a file over the limit is refused without being read.
for i in $(seq 1 80); do cat corpus/004_c3cb6c837472769f.txt; done >"$tmp/big.txt"  # > 1 MB
run "$gyosei" extract --max-file-size 1 "$tmp/big.txt" "$txt"
[[ $? -eq 1 ]] && grep -q "larger than the limit of 1 MB (--max-file-size); not read" "$tmp/err" \
  && [[ $(wc -l <"$tmp/out") -eq 1 ]] || fail "huge_input_max_file_size (extract)"
run "$gyosei" extract --max-file-size 0 "$txt"; [[ $? -eq 2 ]] || fail "extract --max-file-size 0"

# non_utf8_file_names: JSON and CSV stay valid UTF-8, two names stay two.
mkdir -p "$tmp/bytes"
cp "$txt" "$tmp/bytes/$(printf 'a\377.txt')" && { cat "$txt"; echo x; } >"$tmp/bytes/$(printf 'a\376.txt')"
run "$gyosei" extract "$tmp/bytes/$(printf 'a\377.txt')"
python3 -c 'import json, sys; p = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))["source"]["path"]; assert p.endswith("a\\xff.txt"), p' \
  "$tmp/out" || fail "non_utf8_file_names (extract)"
run "$gyosei" import --archive "$tmp/bytes.db" --quiet "$tmp/bytes"
run "$gyosei" export --archive "$tmp/bytes.db" --table documents
python3 -c 'import csv, io, sys; rows = list(csv.DictReader(io.StringIO(open(sys.argv[1], "rb").read().decode("utf-8")))); assert len({r["source_path"] for r in rows}) == 2, rows' \
  "$tmp/out" || fail "non_utf8_file_names (export)"

# readonly_archive: after an import the archive reads with sqlite3 -readonly semantics on a
# folder nothing can be written to (no -wal/-shm needed).
[[ ! -e $db-wal && ! -e $db-shm ]] || fail "readonly_archive: -wal/-shm left after the import"
mkdir -p "$tmp/ro" && cp "$db" "$tmp/ro/a.db" && cp "$db" "$tmp/ro/wal.db"
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode = WAL")' "$tmp/ro/wal.db"
# A read-only bind mount in a private mount namespace: needs root (or user namespaces).
if unshare -m --propagation private true 2>/dev/null; then
  unshare -m --propagation private bash -c '
    set -e
    mount --bind "$2" "$2" && mount -o remount,bind,ro "$2"
    "$1" search --archive "$2/a.db" 市 >/dev/null
    "$1" search --archive "$2/wal.db" 市 >/dev/null
    if command -v sqlite3 >/dev/null; then sqlite3 -readonly "$2/a.db" "SELECT COUNT(*) FROM documents" >/dev/null; fi
  ' _ "$gyosei" "$tmp/ro" >"$tmp/out" 2>"$tmp/err" || fail "readonly_archive: reading on a read-only filesystem"
else
  echo "SKIP readonly_archive on a read-only filesystem: cannot make a mount namespace here"
fi

[[ $fails -eq 0 ]] && echo "archive probe: all checks passed"
exit $((fails > 0))
