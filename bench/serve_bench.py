#!/usr/bin/env python3
"""Round-trip times of igfsched serve on examples/igf-like.json: a move's evaluation
(POST /api/judge), the ranked alternatives of one session (POST /api/alternatives), the verdicts
of every cell when a drag starts (POST /api/cells), and the first page load: over HTTP (the page,
its script and style, the problem and the state, on a new connection) and, when Selenium and
Chromium are here, in headless Chromium until the page has drawn the timetable. p50 and p95 over
N requests each (default 200), one after another, from one client on the same machine.

    python3 bench/serve_bench.py [--n 200] [--browser-n 50] [--out bench/results/serve.md] [--screenshot docs/serve.png]

A benchmark, not a test: it asserts nothing; bench/results/serve.md records a run."""
import argparse
import datetime
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from scaling import machine  # noqa: E402  the one description of the machine


def pct(v, p):
    v = sorted(v)
    k = min(len(v) - 1, max(0, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


class Server:
    def __init__(self, binary, problem, schedule, work):
        self.proc = subprocess.Popen([binary, "serve", problem, "--schedule", schedule, "--port", "0", "-q",
                                      "--versions", os.path.join(work, "versions")],
                                     cwd=work, stdout=subprocess.PIPE, text=True)
        m = re.match(r"igfsched serve: http://([^:]+):(\d+)/\?token=([0-9a-f]+)$", self.proc.stdout.readline().strip())
        self.host, self.port, self.token = m.group(1), int(m.group(2)), m.group(3)
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def post(self, path, body, conn=None):
        c = conn or self.conn
        c.request("POST", path, json.dumps(body), {"X-Igfsched-Token": self.token, "Content-Type": "application/json"})
        r = c.getresponse()
        data = r.read()
        assert r.status == 200, (r.status, data[:200])
        return json.loads(data)

    def get(self, path, conn):
        conn.request("GET", path, headers={"X-Igfsched-Token": self.token})
        r = conn.getresponse()
        data = r.read()
        assert r.status == 200, (path, r.status)
        return data

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=30)


def timed(fn, n):
    out = []
    for k in range(n):
        t0 = time.perf_counter()
        fn(k)
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def browser_loads(sv, n, screenshot):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By
    except ImportError:
        return None, "no Selenium for this Python (Debian: python3-selenium, run with /usr/bin/python3)"
    o = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,950"]:
        o.add_argument(a)
    d = webdriver.Chrome(options=o)
    url = "http://%s:%d/?token=%s" % (sv.host, sv.port, sv.token)
    times = []
    try:
        for _ in range(n):
            d.get(url)
            while d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") != "1":
                time.sleep(0.05)
            # The page's own clock from the navigation's start, so the polling costs nothing.
            times.append(float(d.find_element(By.TAG_NAME, "body").get_attribute("data-ready-ms")))
        if screenshot:
            # Mid-drag: a day-1 workshop held over the grid, every cell shaded.
            d.find_element(By.CSS_SELECTOR, '#tabs button[data-day="1"]').click()
            src = d.find_elements(By.CSS_SELECTOR, "#grid .s")[12]
            src.click()
            time.sleep(0.5)
            ActionChains(d).click_and_hold(src).move_by_offset(12, 12).perform()
            end = time.time() + 10
            while not d.find_elements(By.CSS_SELECTOR, "#grid .c.hard") and time.time() < end:
                time.sleep(0.05)
            # Over a cell that costs less, inside the visible part of the grid (no scrolling).
            cell = d.execute_script("""
                var b = document.getElementById('board').getBoundingClientRect(), best = null;
                document.querySelectorAll('#grid .c.less[data-t], #grid .c.more[data-t]').forEach(function (c) {
                    var r = c.getBoundingClientRect();
                    if (!best && r.left > b.left + 60 && r.right < b.right - 200 && r.top > b.top + 40 &&
                        r.bottom < b.bottom - 80) best = c;
                });
                return best;""")
            if cell:
                ActionChains(d).move_to_element(cell).perform()
            time.sleep(0.3)
            d.save_screenshot(screenshot)
            ActionChains(d).release().perform()
    finally:
        d.quit()
    return times, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "igfsched"))
    ap.add_argument("--problem", default=os.path.join(ROOT, "examples", "igf-like.json"))
    ap.add_argument("--browser-n", type=int, default=50, help="page loads in Chromium (each a navigation)")
    ap.add_argument("--out", help="write the results as markdown here")
    ap.add_argument("--screenshot", help="save a screenshot of the page mid-drag here (needs Selenium)")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="serve-bench-")
    sched = os.path.join(work, "start.json")
    subprocess.run([a.bin, "solve", a.problem, "-q", "--seed", "1", "-o", sched], check=True)
    sv = Server(a.bin, a.problem, sched, work)
    try:
        c = http.client.HTTPConnection(sv.host, sv.port, timeout=60)
        prob = json.loads(sv.get("/api/problem", c))
        c.close()
        rnd = random.Random(a.seed)
        ids = [s["id"] for s in prob["sessions"]]
        rooms = [r["id"] for r in prob["rooms"]]
        times = prob["times"]

        def judge(_):
            t = rnd.randrange(len(times))
            sv.post("/api/judge", {"session": rnd.choice(ids), "day": times[t][0],
                                   "start": "%02d:%02d" % divmod(times[t][1], 60), "room": rnd.choice(rooms)})

        # Valid moves too: random cells mostly break a rule, which the evaluation finds early.
        valid = []
        for sid in rnd.sample(ids, 40):
            for alt in sv.post("/api/alternatives", {"session": sid, "top": 5})["alternatives"]:
                valid.append(dict(session=sid, day=alt["to"]["day"], start=alt["to"]["start"], room=alt["to"]["room_id"]))

        def judge_valid(k):
            sv.post("/api/judge", valid[k % len(valid)])

        def edit(k):
            # An edit and its undo, each answered with the state the evaluator recounted in full.
            v = sv.post("/api/move", dict(valid[k % len(valid)], version=edit.version))["version"]
            edit.version = sv.post("/api/undo", {"version": v})["version"]
        edit.version = json.loads(sv.get("/api/state", http.client.HTTPConnection(sv.host, sv.port)))["version"]

        def alternatives(_):
            sv.post("/api/alternatives", {"session": rnd.choice(ids), "top": 10})

        def cells(_):
            sv.post("/api/cells", {"session": rnd.choice(ids)})

        def page(_):
            conn = http.client.HTTPConnection(sv.host, sv.port, timeout=60)
            for path in ["/?token=" + sv.token, "/static/app.js", "/static/app.css", "/api/problem", "/api/state"]:
                sv.get(path, conn)
            conn.close()

        rows = [("move evaluation to a random cell (most break a rule), POST /api/judge (keep-alive)", timed(judge, a.n), 20),
                ("move evaluation of a valid move (one of 5 best alternatives), POST /api/judge", timed(judge_valid, a.n), 20),
                ("ranked alternatives of one session, POST /api/alternatives top 10", timed(alternatives, a.n), 100),
                ("a move made and undone: POST /api/move then /api/undo (two edits)", timed(edit, a.n), None),
                ("verdicts of every cell at drag start, POST /api/cells", timed(cells, a.n), None),
                ("first page load over HTTP: page, script, style, problem, state on a new connection",
                 timed(page, a.n), 1000)]
        bt, why = browser_loads(sv, a.browser_n, a.screenshot)
        if bt:
            rows.append(("first page load in headless Chromium, navigation to the timetable drawn (%d loads)" % len(bt),
                         bt, 1000))
    finally:
        sv.stop()
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    m = machine()
    lines = ["# igfsched serve: round trips on examples/igf-like.json", "",
             "Generated by `python3 bench/serve_bench.py --n %d --browser-n %d` at commit %s on %s (%s, %s logical "
             "CPUs, %s RAM, Linux %s)." % (a.n, a.browser_n, commit, datetime.date.today().isoformat(), m["cpu"], m["nproc"], m["ram"], m["kernel"]),
             "The machine was shared with four other agents' builds and tests during the run: these are times "
             "under load, not on a quiet machine.",
             "%d requests of each kind (page loads in Chromium: as said), one after another from one client on the same machine; sessions and "
             "cells drawn at random (seed %d); the schedule is `igfsched solve`'s (seed 1)." % (a.n, a.seed), "",
             "| request | p50 ms | p95 ms | max ms | target p95 |", "|---|---:|---:|---:|---:|"]
    for name, v, target in rows:
        lines.append("| %s | %.2f | %.2f | %.2f | %s |" % (name, pct(v, 50), pct(v, 95), max(v),
                                                        "≤ %d ms" % target if target else "-"))
    if not bt:
        lines += ["", "The browser load was not measured: %s." % why]
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)


main()
