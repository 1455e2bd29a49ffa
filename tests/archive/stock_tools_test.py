#!/usr/bin/env python3
"""Issue 17: an archive made by `gyosei import` searched with stock tools, the Debian `sqlite3`
shell and `sqlite-utils search`, each loading the extension build/gyosei_fts.so, finds the
same passages as `gyosei search` for 1-, 2- and 3+-character queries. Also: an archive made
before the FTS declaration changed is re-declared by the next import and then found by
`sqlite-utils search A.db passages`.

    tests/archive/stock_tools_test.py build/gyosei build/gyosei_fts.so   (from the repo root)

Exits 77 (CTest SKIP_RETURN_CODE) when sqlite3 or sqlite-utils is not installed (tools/setup
installs both).
"""

import collections
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

GYOSEI, EXTENSION = (os.path.abspath(a) for a in sys.argv[1:3])
EXT_NO_SUFFIX = EXTENSION[: -len(".so")]  # what .load takes
TIMEOUT = 60
# The query as typed in gyosei, and as a stock client writes it: a lone character is found
# everywhere only as a prefix query (the tokenizer indexes bigrams).
QUERIES = [("働き方改革", "働き方改革"), ("広報", "広報"), ("市", "市*")]

for tool in ("sqlite3", "sqlite-utils"):
    if shutil.which(tool) is None:
        print(f"SKIP: {tool} is not installed (tools/setup installs it)")
        sys.exit(77)


def run(*cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    if p.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)}: exit {p.returncode}\n{p.stderr}")
    return p.stdout


def gyosei_hits(db, query):
    out = run(GYOSEI, "search", "--archive", db, "--json", "--limit", "10000", query)
    return collections.Counter(
        (h["document_id"], h["page"], h["line"]) for h in map(json.loads, out.splitlines())
    )


def sqlite3_hits(db, match):
    sql = ("SELECT p.document_id, IFNULL(p.page, 'null'), p.line FROM passages_fts "
           "JOIN passages p ON p.id = passages_fts.rowid WHERE passages_fts MATCH "
           "'" + match.replace("'", "''") + "';")
    out = run("sqlite3", "-batch", "-separator", "\t", db, "-cmd", f".load {EXT_NO_SUFFIX}", sql)
    hits = collections.Counter()
    for line in out.splitlines():
        doc, page, ln = line.split("\t")
        hits[(int(doc), None if page == "null" else int(page), int(ln))] += 1
    return hits


def sqlite_utils_hits(db, match):
    out = run("sqlite-utils", "search", db, "passages", match, "--load-extension", EXTENSION,
              "-c", "document_id", "-c", "page", "-c", "line", "--nl")
    return collections.Counter(
        (r["document_id"], r["page"], r["line"]) for r in map(json.loads, out.splitlines())
    )


def main():
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        docs = os.path.join(tmp, "docs")
        os.mkdir(docs)
        for f in glob.glob("corpus/*.txt"):
            shutil.copy(f, docs)
        db = os.path.join(tmp, "a.db")
        run(GYOSEI, "import", "--archive", db, "--quiet", "--jobs", "2", docs)
        for query, match in QUERIES:
            want = gyosei_hits(db, query)
            if not want:
                print(f"FAIL: gyosei search {query}: no hits in the corpus texts")
                fails += 1
            for tool, hits in (("sqlite3", sqlite3_hits(db, match)),
                               ("sqlite-utils search", sqlite_utils_hits(db, match))):
                if hits != want:
                    print(f"FAIL: {tool} {match!r}: {sum(hits.values())} hits, gyosei search "
                          f"{sum(want.values())}; differ at {sorted((hits - want) + (want - hits))[:5]}")
                    fails += 1
                else:
                    print(f"ok: {tool} {match!r}: the same {sum(hits.values())} hits as gyosei search")

        # An archive from before: passages_fts declared with content='passages'.
        run("sqlite3", db, "-cmd", f".load {EXT_NO_SUFFIX}",
            "DROP TABLE passages_fts; CREATE VIRTUAL TABLE passages_fts USING fts5(text, "
            "content='passages', content_rowid='id', tokenize='gyosei_cjk'); "
            "INSERT INTO passages_fts(passages_fts) VALUES('rebuild');")
        p = subprocess.run(["sqlite-utils", "search", db, "passages", "広報", "--load-extension",
                            EXTENSION], capture_output=True, text=True, timeout=TIMEOUT)
        if p.returncode == 0:
            print("FAIL: the old declaration was expected to hide the index from sqlite-utils")
            fails += 1
        run(GYOSEI, "import", "--archive", db, "--quiet", docs)
        declared = run("sqlite3", db, "SELECT sql FROM sqlite_master WHERE name = 'passages_fts'")
        if 'content="passages"' not in declared:
            print(f"FAIL: import did not re-declare passages_fts: {declared}")
            fails += 1
        if sqlite_utils_hits(db, "広報") != gyosei_hits(db, "広報"):
            print("FAIL: after the re-declaration, sqlite-utils and gyosei search differ")
            fails += 1
    if fails:
        sys.exit(1)
    print("stock tools: all checks passed")


main()
