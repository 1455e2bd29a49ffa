#!/usr/bin/env python3
"""Issue 17: `gyosei serve` in a real browser. Imports the corpus texts plus fixtures made here
(a metric over three fiscal years for two municipalities; a document whose goal title is
hostile: <script>, an <img onerror>, quotes, ../../), starts `gyosei serve --port 0`, and:

* loads each page in headless Chromium (--dump-dom after the scripts ran) and checks its
  content: search hits with goal and page/line, the document's goal tree and targets, the
  indicator list, the chart drawn by Chart.js served from the app itself (offline);
* checks the hostile text is shown as text and inert: no script but the app's own, no on*
  attribute, the page title untouched;
* checks the JSON endpoints, the security headers, that source files come only from the paths
  the archive records (ids that do not exist, ../ in the URL: 404), and that the archive's
  bytes are unchanged (read-only);
* takes screenshots (search, document, comparison chart) into SCREENSHOT_DIR;
* runs a short bounded load test (tools/bench-serve) and requires no errors.

    tests/serve/serve_browser_test.py build/gyosei SCREENSHOT_DIR     (from the repo root)

Exits 77 (CTest SKIP_RETURN_CODE) when chromium is not installed (tools/setup installs it).
"""

import concurrent.futures
import glob
import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

GYOSEI = os.path.abspath(sys.argv[1])
SHOTS = os.path.abspath(sys.argv[2])
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    print("SKIP: chromium is not installed (tools/setup installs it)")
    sys.exit(77)

METRIC = "年次有給休暇の平均取得日数"
SERIES = {"011002": [10, 12, 14], "401307": [9, 11, 15]}  # municipality code -> FY2021..2023
HOSTILE_TITLE = ("<script>document.title='PWNED'</script>\"働き方\"改革と"
                 "<img src=x onerror=\"document.title='PWNED2'\"> ../../etc/passwd")
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


def make_fixtures(tmp):
    docs = os.path.join(tmp, "docs")
    os.makedirs(docs)
    for name in sorted(os.listdir("corpus")):
        if name.endswith(".txt"):
            shutil.copy(os.path.join("corpus", name), docs)
    shutil.copy(sorted(glob.glob("corpus/*.pdf"))[0], docs)  # one PDF: links to #page=N
    # The markup reader decodes entities: the archive gets the raw characters.
    escaped = HOSTILE_TITLE.replace("<", "&lt;").replace(">", "&gt;")
    with open(os.path.join(docs, "hostile \"'<b>.txt"), "w", encoding="utf-8") as f:
        f.write(f"# 令和3年度 総務部 部局運営方針\n\n## 部局目標1 {escaped}\n\n"
                "【現状と課題】 時間外勤務の縮減が進んでいない。\n\n"
                "【目標数値】 ・時間外勤務時間 120時間以下\n")
    rows = ["path,municipality,fiscal_year,document_type"]
    for code, values in SERIES.items():
        for year, value in zip((2021, 2022, 2023), values):
            name = f"series-{code}-{year}.txt"
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                f.write(f"# {year}年度 総務部 部局運営方針\n\n## 部局目標1 働きやすい職場環境づくり\n\n"
                        f"【目標数値】 ・{METRIC} {value}日以上\n")
            rows.append(f"{name},{code},{year},department_policy")
    with open(os.path.join(tmp, "manifest.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    return docs


class Dom(html.parser.HTMLParser):
    """What the inertness checks need from a page: scripts, on* attributes, text, title."""

    def __init__(self, text):
        super().__init__()
        self.scripts, self.handlers, self.text, self.title, self._in_title = [], [], [], "", False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data


def chromium(tmp, url, *mode):
    profile = tempfile.mkdtemp(dir=tmp)  # one profile per run: runs go in parallel
    p = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                        f"--user-data-dir={profile}", "--virtual-time-budget=3000",
                        "--window-size=1100,800", *mode, url],
                       capture_output=True, text=True, timeout=60)
    return p.stdout


def http(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def main():
    tmp = tempfile.mkdtemp(prefix="gyosei-serve-")
    server = None
    try:
        docs = make_fixtures(tmp)
        db = os.path.join(tmp, "a.db")
        subprocess.run([GYOSEI, "import", "--archive", db, "--quiet", "--manifest",
                        os.path.join(tmp, "manifest.csv"), docs], check=True, timeout=60)
        before = hashlib.sha256(open(db, "rb").read()).hexdigest()
        server = subprocess.Popen([GYOSEI, "serve", "--archive", db, "--port", "0"],
                                  stdout=subprocess.PIPE, text=True)
        first = server.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        check(m is not None, f"serve listens on 127.0.0.1 by default ({first.strip()})")
        if not m:
            return
        base = f"http://127.0.0.1:{m.group(1)}"
        q = urllib.parse.quote

        # JSON endpoints, headers, read-only source serving.
        status, headers, body = http(base, "/api/search?q=" + q("働き方改革"))
        hits = json.loads(body)["hits"]
        check(status == 200 and hits and all(h["document_id"] and h["line"] for h in hits),
              f"/api/search 働き方改革: {len(hits)} hits with document and line")
        check("script-src 'self'" in headers.get("Content-Security-Policy", "")
              and headers.get("X-Content-Type-Options") == "nosniff", "security headers")
        status, _, body = http(base, "/api/indicators?metric=" + q(METRIC))
        series = json.loads(body)
        got = sorted((t["municipality_code"], t["fiscal_year"], t["value"]) for t in series["targets"])
        want = sorted((c, 2021 + i, v) for c, vs in SERIES.items() for i, v in enumerate(vs))
        check(got == want, f"/api/indicators?metric=…: targets by fiscal year {got}")
        hostile = next(h for h in json.loads(http(base, "/api/search?q=passwd")[2])["hits"])
        doc_id = hostile["document_id"]
        status, _, body = http(base, f"/api/documents/{doc_id}")
        document = json.loads(body)
        check(document["goals"][0]["title"] == HOSTILE_TITLE and document["indicators"] == [],
              "/api/documents/ID: the hostile title as stored, indicators [] (no such table yet)")
        status, headers, body = http(base, f"/documents/{doc_id}/source")
        check(status == 200 and headers["Content-Type"].startswith("text/plain"),
              "a text source is served as text/plain (an HTML source cannot run in the app)")
        pdf_hit = next((h for h in json.loads(http(base, "/api/search?q=" + q("市") + "&limit=500")[2])["hits"]
                        if h["source_path"].endswith(".pdf") and h["page"]), None)
        check(pdf_hit is not None, "a PDF hit has a page")
        if pdf_hit:
            status, headers, body = http(base, f"/documents/{pdf_hit['document_id']}/source")
            check(status == 200 and headers["Content-Type"] == "application/pdf"
                  and body.startswith(b"%PDF"), "a PDF source is served as application/pdf")
            page = http(base, "/?q=" + q("市") + "&limit=500")[2].decode()
            check(f"/documents/{pdf_hit['document_id']}/source#page={pdf_hit['page']}" in page,
                  "the search page links the PDF hit to its page (#page=N)")
        for path in ("/documents/999999/source", "/documents/1/../../../etc/passwd",
                     "/static/..%2F..%2F..%2Fetc%2Fpasswd", "/documents/%2E%2E%2Fetc/source"):
            status, _, body = http(base, path)
            check(status == 404 and b"root:" not in body, f"{path}: 404")

        # Pages in the browser, in parallel (two cores): DOM after the scripts ran, screenshots.
        chart_url = base + "/chart?metric=" + q(METRIC)
        pages = {
            "search": base + "/?q=" + q("働き方改革"),
            "hostile-search": base + "/?q=passwd",
            "hostile-document": f"{base}/documents/{doc_id}",
            "document": f"{base}/documents/{hits[0]['document_id']}",
            "indicators": base + "/indicators",
            "compare": chart_url,
            "chart": chart_url + "&municipality=011002",
        }
        os.makedirs(SHOTS, exist_ok=True)
        shots = {"search": "serve-search.png", "document": "serve-document.png",
                 "compare": "serve-chart.png"}
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            doms = {k: pool.submit(chromium, tmp, u, "--dump-dom") for k, u in pages.items()}
            for k, name in shots.items():
                pool.submit(chromium, tmp, pages[k], "--screenshot=" + os.path.join(SHOTS, name))
            doms = {k: f.result() for k, f in doms.items()}

        check("<mark>働き方改革</mark>" in doms["search"] and 'class="goal"' in doms["search"]
              and re.search(r'class="src"[^>]*>(p\.\d+:\d+|line \d+)<', doms["search"]),
              "search page: hits marked, with goal and page/line")
        check("<ul class=\"goals\">" in doms["document"] and "<table class=\"targets\">" in doms["document"]
              and "/source" in doms["document"], "document page: goal tree, targets, source link")
        check(METRIC in doms["indicators"], "indicators page lists the metric")
        for k, n in (("compare", 2), ("chart", 1)):
            check(f'data-drawn="{n}"' in doms[k], f"{k} page: Chart.js (served locally) drew {n} series")
        for k in ("hostile-search", "hostile-document"):
            dom = Dom(doms[k])
            text = "".join(dom.text)
            check(all(s and s.startswith("/static/") for s in dom.scripts) and not dom.handlers
                  and "PWNED" not in dom.title, f"{k}: hostile text inert (scripts {dom.scripts})")
            check("<script>document.title='PWNED'</script>" in text and "../../etc/passwd" in text,
                  f"{k}: hostile text shown as text")
        for name in shots.values():
            path = os.path.join(SHOTS, name)
            ok = os.path.exists(path) and open(path, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
            check(ok and os.path.getsize(path) > 10000, f"screenshot {path}")

        # A short bounded load test (the figures in bench/results.md come from a longer run).
        out = subprocess.run([sys.executable, "tools/bench-serve", base, "--requests", "300",
                              "--threads", "4"], capture_output=True, text=True, timeout=60)
        print(out.stdout.strip())
        check(out.returncode == 0 and "errors 0" in out.stdout, "load test: no errors")
        check(hashlib.sha256(open(db, "rb").read()).hexdigest() == before,
              "the archive's bytes are unchanged (read-only)")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        sys.exit(1)
    print("serve: all checks passed")


main()
