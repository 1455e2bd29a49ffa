#!/usr/bin/env python3
"""`gyosei extract` on every bad input of tests/malformed/ and on cases made here at run time
(a 50 MB single-line text, a directory loop, an unreadable file, a path with spaces and
Japanese, a named pipe (refused), a file slower than --timeout, bad usage). For each case: the exact exit code, key phrases of stderr (which must
name the file), the warnings carried in the stdout JSON, and that every JSON object printed
validates against schema/output-v1.schema.json. Each run is bounded (TIMEOUT seconds).

    tests/cli/malformed_test.py path/to/gyosei        (run from the repo root; CTest does)

Every file in tests/malformed/ must have a case below: a new bad input without an expectation
fails this test. GYOSEI_CLI_BIG_MB sets the size of the single-line text (default 50; the
sanitizer build uses less, see tools/test-sanitize).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import jsonschema

GYOSEI = os.path.abspath(sys.argv[1])
TIMEOUT = 60
M = "tests/malformed/"
BIG_MB = int(os.environ.get("GYOSEI_CLI_BIG_MB", "50"))
VALUE_FLAGS = {"--pdf-password", "--fiscal-year", "--municipality", "--rules", "--timeout", "--threads"}

schema = json.load(open("schema/output-v1.schema.json", encoding="utf-8"))
validator = jsonschema.validators.validator_for(schema)(schema)

failures = []
ran = 0


def fail(name, why, result=None):
    msg = f"FAIL {name}: {why}"
    if result is not None:
        msg += f"\n  exit {result.returncode}\n  stderr: {result.stderr[-2000:]!r}"
    failures.append(msg)
    print(msg, file=sys.stderr)


def run(args, stdin=None):
    start = time.monotonic()
    r = subprocess.run([GYOSEI, "extract", *args], input=stdin, capture_output=True,
                       timeout=TIMEOUT, text=True, encoding="utf-8", errors="replace")
    r.seconds = time.monotonic() - start
    return r


def check(name, args, code, stderr=(), warnings=(), outputs=None, stdin=None, json_check=None):
    """Runs `gyosei extract ARGS`; stderr must hold every phrase in `stderr`; `warnings` are
    (code, phrase) pairs one of the printed objects' warnings must have; `outputs` is how many
    JSON objects stdout must hold (default: one per file argument when code is 0, none when it
    is 1 with one file); json_check(objects) may assert more."""
    global ran
    ran += 1
    try:
        r = run(args, stdin)
    except subprocess.TimeoutExpired:
        fail(name, f"no answer within {TIMEOUT} s (hang?)")
        return None
    print(f"{name}: exit {r.returncode} in {r.seconds:.2f}s")
    if r.returncode != code:
        fail(name, f"exit {r.returncode}, expected {code}", r)
    for phrase in stderr:
        if phrase not in r.stderr:
            fail(name, f"stderr lacks {phrase!r}", r)
    if "Sanitizer" in r.stderr or "runtime error" in r.stderr:
        fail(name, "sanitizer report", r)
    objects = []
    for line in r.stdout.splitlines():
        try:
            objects.append(json.loads(line))
        except json.JSONDecodeError as e:
            fail(name, f"stdout line is not JSON ({e}): {line[:200]!r}")
    if outputs is None:
        files = [a for i, a in enumerate(args)
                 if not a.startswith("--") and (i == 0 or args[i - 1] not in VALUE_FLAGS)]
        outputs = len(files) if code == 0 else 0
    if len(objects) != outputs:
        fail(name, f"{len(objects)} JSON objects on stdout, expected {outputs}", r)
    # The schema check of the 50 MB text's output (a million date mentions) would take longer
    # than everything else here; its shape is the same as the small ones'.
    for obj in objects if len(r.stdout) < (1 << 20) else []:
        for e in validator.iter_errors(obj):
            fail(name, f"output does not validate: {list(e.absolute_path)}: {e.message[:200]}")
    for wcode, phrase in warnings:
        if not any(w["code"] == wcode and phrase in w["message"]
                   for o in objects for w in o.get("warnings", [])):
            fail(name, f"no warning {wcode} with {phrase!r} in the JSON", r)
        if phrase not in r.stderr:
            fail(name, f"warning {phrase!r} not on stderr", r)
    if json_check is not None and objects:
        try:
            json_check(objects)
        except AssertionError as e:
            fail(name, f"JSON check: {e}", r)
    return r


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


# --- tests/malformed/: every file.
covered = set()


def malformed(file, *args, **kw):
    covered.add(file)
    check(file + (" " + " ".join(args) if args else ""), [*args, M + file], **kw)


def named(file, reason):
    """stderr phrases of a failed file: 'gyosei: PATH: REASON'."""
    return ("gyosei: " + M + file + ": " + reason,)


malformed("empty.pdf", code=1, stderr=named("empty.pdf", "the file is empty (0 bytes)"))
malformed("random-bytes.pdf", code=1,
          stderr=named("random-bytes.pdf", "not a PDF: the file has no %PDF header"))
malformed("xlsx-renamed.pdf", code=1,
          stderr=named("xlsx-renamed.pdf", "not a PDF or text file: it is a zip archive") +
          ("export it to PDF or text first",))
malformed("ole-renamed.pdf", code=1,
          stderr=named("ole-renamed.pdf", "not a PDF or text file: it is an old Office file"))
for cut in ("truncated-header.pdf", "truncated-half.pdf", "truncated-tail.pdf"):
    malformed(cut, code=1, stderr=named(cut, "damaged PDF that poppler cannot open"))
malformed("broken-xref.pdf", code=0, json_check=lambda o: (
    expect(o[0]["source"]["pages"] == 3, "3 pages"),
    expect(o[0]["department"] == "総務企画部", "department 総務企画部 (text read)")))
malformed("encrypted-user-password.pdf", code=1,
          stderr=named("encrypted-user-password.pdf",
                       "the PDF is encrypted and needs a password (--pdf-password)"))
check("encrypted, wrong password", ["--pdf-password", "wrong", M + "encrypted-user-password.pdf"],
      code=1, stderr=named("encrypted-user-password.pdf",
                           "the password given does not open this encrypted PDF"))
check("encrypted, user password", ["--pdf-password", "user", M + "encrypted-user-password.pdf"],
      code=0, json_check=lambda o: expect(any(d["text"] == "令和6年度" for d in o[0]["dates"]),
                                          "令和6年度 read from the decrypted page"))
malformed("image-only.pdf", code=0,
          warnings=[("page_without_text", M + "image-only.pdf p.1: no text layer"),
                    ("document_without_text", "no page has a text layer")],
          json_check=lambda o: expect(o[0]["goals"] == [], "nothing extracted"))
# Needs poppler-data (Adobe-Japan1 CMaps): without it poppler drops the text silently.
malformed("no-tounicode-cid.pdf", code=0, json_check=lambda o: expect(
    [d["date"] for d in o[0]["dates"]] == ["2022-04-01"], "令和4年4月1日 read (poppler-data)"))
malformed("no-tounicode-embedded.pdf", code=0,
          warnings=[("page_garbled_text", M + "no-tounicode-embedded.pdf p.1: the text layer is garbled")],
          stderr=("OCR the page instead",))
malformed("unknown-operator.pdf", code=0,
          warnings=[("poppler", M + "unknown-operator.pdf p.1: poppler: error (357): Unknown operator 'foo'")])
malformed("unknown-operator-40-pages.pdf", code=0,
          warnings=[("poppler", M + "unknown-operator-40-pages.pdf p.15: poppler: error: Unknown operator 'bar'"),
                    ("poppler", M + "unknown-operator-40-pages.pdf: 50 more poppler messages not shown")])
malformed("hyphen-at-line-end.pdf", code=0,
          json_check=lambda o: expect(o[0]["warnings"] == [], "no warnings"))
malformed("名前 に 空白.pdf", code=0,
          json_check=lambda o: expect(o[0]["source"]["path"] == M + "名前 に 空白.pdf", "path kept"))
malformed("invalid-utf8.txt", code=0,
          warnings=[("invalid_bytes", M + "invalid-utf8.txt: 5 byte sequence(s) are not valid UTF-8")],
          json_check=lambda o: expect(o[0]["source"]["encoding"] == "UTF-8", "read as UTF-8"))
malformed("invalid-sjis.txt", code=0,
          warnings=[("invalid_bytes", M + "invalid-sjis.txt: 5 byte sequence(s) are not valid Shift_JIS")],
          json_check=lambda o: (
              expect(o[0]["source"]["encoding"] == "Shift_JIS", "read as Shift_JIS"),
              expect(o[0]["department"] == "総務部", "text around the bad bytes read")))

missing = sorted(set(os.listdir(M)) - covered - {"README.md"})
if missing:
    fail("tests/malformed", f"files without a case here: {missing}")

# --- Cases made at run time.
tmp = tempfile.mkdtemp(prefix="gyosei-cli-")
try:
    good = "corpus/003_2a7c210278e47f29.txt"

    # A 50 MB text on one line: must finish, bounded, with its targets found.
    big = os.path.join(tmp, "big.txt")
    unit = "令和4年4月1日現在の職員数を318人とします。研修受講率を90%以上に向上させます。"
    with open(big, "w", encoding="utf-8") as f:
        n = BIG_MB * 1024 * 1024 // len(unit.encode())
        f.write("令和3年度 総務部の運営方針 " + unit * n)
    r = check(f"{BIG_MB} MB single-line text", [big], code=0, json_check=lambda o: expect(
        o[0]["source"]["encoding"] == "UTF-8", "read"))

    # A directory is not a document; through a symlink loop too.
    loop = os.path.join(tmp, "loop")
    os.mkdir(loop)
    os.symlink(".", os.path.join(loop, "self"))
    shutil.copy(good, os.path.join(loop, "doc.txt"))
    check("a directory", [loop], code=1, stderr=("gyosei: " + loop + ": is a directory",))
    check("a directory loop", [os.path.join(loop, "self", "self")], code=1,
          stderr=("gyosei: " + os.path.join(loop, "self", "self") + ": is a directory",))
    check("a file through the loop", [os.path.join(loop, "self", "self", "doc.txt")], code=0)
    dangling = os.path.join(tmp, "dangling.pdf")
    os.symlink(os.path.join(tmp, "nowhere.pdf"), dangling)
    check("a dangling symlink", [dangling], code=1,
          stderr=("gyosei: " + dangling + ": cannot open (No such file or directory)",))
    check("a missing file", [os.path.join(tmp, "missing.pdf")], code=1,
          stderr=("gyosei: " + os.path.join(tmp, "missing.pdf") + ": cannot open (No such file or directory)",))

    # Unreadable: root reads a mode-000 file anyway, so this case needs a normal user.
    locked = os.path.join(tmp, "locked.pdf")
    shutil.copy(M + "名前 に 空白.pdf", locked)
    os.chmod(locked, 0)
    if os.geteuid() == 0:
        print("SKIP a file without read permission: running as root, which can read it anyway")
    else:
        check("a file without read permission", [locked], code=1,
              stderr=("gyosei: " + locked + ": cannot read (Permission denied)",))

    # Spaces and Japanese in directory and file names.
    jdir = os.path.join(tmp, "市 の 文書")
    os.mkdir(jdir)
    jpath = os.path.join(jdir, "令和3年度 方針 (最終).txt")
    shutil.copy(good, jpath)
    check("spaces and Japanese in the path", [jpath], code=0,
          json_check=lambda o: expect(o[0]["source"]["path"] == jpath, "path kept"))

    # A mix: the good files are still printed, in order; the bad one is named; exit 1.
    check("good and bad files", [good, M + "empty.pdf", jpath, M + "xlsx-renamed.pdf"], code=1,
          outputs=2, stderr=named("empty.pdf", "the file is empty") + named("xlsx-renamed.pdf", "not a PDF or text file: it is a zip archive"),
          json_check=lambda o: expect([x["source"]["path"] for x in o] == [good, jpath], "good ones printed"))

    # A named pipe nobody writes to would block the reader forever (issue 13, fifo_not_read):
    # it is refused at once, and the next file is still extracted.
    fifo = os.path.join(tmp, "stuck.txt")
    os.mkfifo(fifo)
    r = check("fifo_not_read", [fifo, good], code=1, outputs=1,
              stderr=("gyosei: " + fifo + ": a FIFO (named pipe), not a document file; not read",),
              json_check=lambda o: expect(o[0]["source"]["path"] == good, "the next file printed"))
    if r is not None and r.seconds > 20:
        fail("fifo_not_read", f"took {r.seconds:.1f} s")

    # --timeout: the worker reading a file that takes longer (the big text) is killed when the
    # time is up and the next file is still extracted.
    r = check("--timeout on a file that takes too long", ["--timeout", "1", big, good], code=1,
              outputs=1, stderr=("gyosei: " + big + ": took longer than 1 s; skipped",),
              json_check=lambda o: expect(o[0]["source"]["path"] == good, "the next file printed"))
    if r is not None and r.seconds > 20:
        fail("--timeout on a file that takes too long", f"took {r.seconds:.1f} s with --timeout 1")
    plain = run([good])
    for flags in (["--timeout", "30"], ["--timeout", "30", "--pretty"]):
        isolated = run(flags + [good])
        same = json.loads(isolated.stdout) == json.loads(plain.stdout) and isolated.stderr == plain.stderr
        print(f"{' '.join(flags)}: same output as without: {same}")
        if isolated.returncode != 0 or not same:
            fail(" ".join(flags), "output differs from the same file without --timeout", isolated)
    check("--timeout 0", ["--timeout", "0", good], code=2, stderr=("--timeout needs a number of seconds",))
    # extract_timeout_takes_every_option (issue 14): the worker gets the password, the fallback
    # fiscal year and standard input's bytes, so the output is the same as without --timeout.
    enc = M + "encrypted-user-password.pdf"
    for name, args, stdin in (
            ("--pdf-password", ["--pdf-password", "user", enc], None),
            ("--fiscal-year", ["--fiscal-year", "2021", good], None),
            ("standard input", ["--fiscal-year", "2021", "-"], open(good, encoding="utf-8", errors="replace").read())):
        plain = run(args, stdin=stdin)
        isolated = run(["--timeout", "30"] + args, stdin=stdin)
        same = (isolated.returncode, isolated.stdout, isolated.stderr) == (plain.returncode, plain.stdout, plain.stderr)
        print(f"--timeout with {name}: same output as without: {same}")
        if isolated.returncode != 0 or not same:
            fail(f"--timeout with {name}", "output differs from the same run without --timeout", isolated)
    check("--timeout, wrong password", ["--timeout", "5", "--pdf-password", "wrong", enc], code=1,
          stderr=named("encrypted-user-password.pdf", "the password given does not open this encrypted PDF"))

    # --threads: pages of one PDF on several threads; the output does not depend on it.
    many = M + "unknown-operator-40-pages.pdf"
    outs = [run(["--threads", n, many]) for n in ("1", "2", "5")]
    if any(o.returncode != 0 or (o.stdout, o.stderr) != (outs[0].stdout, outs[0].stderr) for o in outs):
        fail("--threads 1/2/5", "output differs with the number of threads", outs[-1])
    check("--threads 0", ["--threads", "0", good], code=2, stderr=("--threads needs a number from 1 to 64",))
    check("--threads x", ["--threads", "x", good], code=2, stderr=("--threads needs a number from 1 to 64",))

    # Standard input.
    check("text on stdin", ["-"], code=0, stdin=open(good, encoding="utf-8").read())
    check("empty stdin", ["-"], code=1, stdin="", stderr=("gyosei: <stdin>: the file is empty",))
finally:
    for root, dirs, files in os.walk(tmp):
        for f in files:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                os.chmod(p, 0o644)
    shutil.rmtree(tmp)

# --- Bad usage: exit 2, nothing on stdout.
check("no arguments", [], code=2, stderr=("usage: gyosei extract",))
check("unknown flag", ["--bogus", good], code=2, stderr=("unknown flag --bogus", "usage: gyosei extract"))
check("flag without its value", [good, "--fiscal-year"], code=2, stderr=("--fiscal-year needs a value",))
check("bad fiscal year", ["--fiscal-year", "R3", good], code=2, stderr=("--fiscal-year needs a 4-digit year",))
check("ambiguous municipality", ["--municipality", "府中市", good], code=2,
      stderr=("府中市 is ambiguous", "東京都府中市 (132063)", "広島県府中市 (342084)"))
check("unknown municipality", ["--municipality", "存在しない市", good], code=2,
      stderr=("--municipality",))
check("missing rules directory", ["--rules", "/nonexistent-rules", good], code=1,
      stderr=("/nonexistent-rules",))

print(f"{ran} cases, {len(failures)} failures")
sys.exit(1 if failures else 0)
