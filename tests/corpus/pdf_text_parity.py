#!/usr/bin/env python3
"""CTest: the PDF renderings of each seed read like its text version.

    tests/corpus/pdf_text_parity.py BUILD/gyosei

For every corpus/NAME.txt with a NAME.pdf (and NAME.cid.pdf): the normalized text is the same
modulo layout whitespace (character sequences at least 95% alike: the PDF shows markdown bullets
as ・ and may order a table's cells differently), and extraction gives the same goals (number,
title, owner, SDGs, policy refs, rating), the same targets (value, unit, comparison, maintain,
due, baseline) and the same metadata.
"""
import difflib
import glob
import json
import os
import subprocess
import sys

# Known differences, each with the reason. Keep this list short and explained.
KNOWN = {
    # 003: goal (2)'s label cell 「実現したい成果」 is split by the page break into 「実現したい」
    # (p.1) and 「成果」 (p.2); the PDF reader starts a new table on the new page.
    ("003_2a7c210278e47f29.pdf", "goal 2 title"),
}

gyosei = sys.argv[1]
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def run(*args):
    return subprocess.run([gyosei, *args], capture_output=True, text=True, check=True).stdout


def squeeze(text):
    return "".join(text.split())


def goal_view(g):
    rating = g["rating"]["label"] if g["rating"] else None
    return {"number": g["number"], "title": squeeze(g["title"]), "owner": g["owner"], "sdgs": g["sdgs"],
            "policy_refs": g["policy_refs"], "rating": rating,
            "targets": [(t["value"], t["unit"], t["comparison"], t["maintain"], t["due"],
                         t["baseline"] and (t["baseline"]["value"], t["baseline"]["unit"],
                                            t["baseline"]["date"], t["baseline"]["fiscal_year"]))
                        for t in g["targets"]]}


passed = failed = 0
for text_path in sorted(glob.glob("corpus/*.txt")):
    if text_path.endswith(".normalized"):
        continue
    base = text_path[:-4]
    text_json = json.loads(run("extract", text_path))
    text_norm = squeeze(run("normalize", text_path))
    for pdf_path in (base + ".pdf", base + ".cid.pdf"):
        if not os.path.exists(pdf_path):
            continue
        name = os.path.basename(pdf_path)
        problems = []
        ratio = difflib.SequenceMatcher(None, text_norm, squeeze(run("normalize", pdf_path)), autojunk=False).ratio()
        if ratio < 0.95:
            problems.append(f"normalized text only {ratio:.3f} alike")
        pdf_json = json.loads(run("extract", pdf_path))
        for key in ("municipality", "department", "author", "document_type", "fiscal_year", "period"):
            if text_json[key] != pdf_json[key]:
                problems.append(f"{key}: text {text_json[key]!r} pdf {pdf_json[key]!r}")
        tg, pg = text_json["goals"], pdf_json["goals"]
        if len(tg) != len(pg):
            problems.append(f"{len(tg)} goals from text, {len(pg)} from PDF")
        for i, (a, b) in enumerate(zip(tg, pg), 1):
            va, vb = goal_view(a), goal_view(b)
            for field in va:
                if va[field] != vb[field] and (name, f"goal {i} {field}") not in KNOWN:
                    problems.append(f"goal {i} {field}: text {va[field]!r} pdf {vb[field]!r}")
        if problems:
            failed += 1
            print(f"FAIL {pdf_path} vs {text_path}:")
            for p in problems:
                print("   ", p)
        else:
            passed += 1
            print(f"ok   {pdf_path} ({ratio:.3f} alike, {len(pg)} goals)")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
