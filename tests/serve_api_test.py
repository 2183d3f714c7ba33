#!/usr/bin/env python3
"""igfsched serve's JSON API against a server started on a free port (docs/SERVE.md): every
endpoint, each bad request (token, Host, Origin, size, validation, stale versions, one
optimisation at a time), concurrent edits, the event stream, save and reload of named versions,
downloads, and Ctrl-C. Standard library only.
    tests/serve_api_test.py IGFSCHED REPO"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BIN, REPO = sys.argv[1], sys.argv[2]
PROBLEM = os.path.join(REPO, "examples", "small.json")
failures = []
saved = []  # the placements of the version saved, as the server held them


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class Server:
    def __init__(self, workdir, *extra):
        self.proc = subprocess.Popen([BIN, "serve", PROBLEM, "--port", "0", "-q", "--versions",
                                      os.path.join(workdir, "versions"), "--seed", "1", *extra],
                                     cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.match(r"igfsched serve: (http://([^/]+))/\?token=([0-9a-f]{32})$", line.strip())
        if not m:
            raise SystemExit("serve printed no address: %r %s" % (line, self.proc.stderr.read()))
        self.base, self.host, self.token = m.group(1), m.group(2), m.group(3)

    def req(self, method, path, body=None, token=True, headers=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        h = dict(headers or {})
        if token is True:
            h["X-Igfsched-Token"] = self.token
        elif token:
            h["X-Igfsched-Token"] = token
        if data is not None:
            h.setdefault("Content-Type", "application/json")
        r = urllib.request.Request(self.base + path, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(r, timeout=30) as resp:
                text = resp.read()
                return resp.status, text, resp.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read(), e.headers

    def json(self, method, path, body=None, **kw):
        status, text, _ = self.req(method, path, body, **kw)
        try:
            return status, json.loads(text)
        except ValueError:
            return status, {"_text": text[:200]}

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


def state(sv):
    status, st = sv.json("GET", "/api/state")
    assert status == 200, st
    return st


def command_line():
    """Bad command lines end at once with a message and exit 2, and nothing listens."""
    for args, msg in [(["--listen", "nonsense"], "give an IPv4 or IPv6 address"),
                      (["--port", "70000"], "from 0 (any free port) to 65535"),
                      (["--schedule", "/nonexistent/s.json"], "s.json"),
                      ([], None)]:
        if not args:
            r = subprocess.run([BIN, "serve"], capture_output=True, text=True, timeout=30)
            check(r.returncode == 2 and "usage: igfsched serve PROBLEM" in r.stderr, "serve without a problem: usage")
            continue
        r = subprocess.run([BIN, "serve", PROBLEM, "-q"] + args, capture_output=True, text=True, timeout=30)
        check(r.returncode == 2 and msg in r.stderr and not r.stdout, "serve %s: exit 2 saying %r (got %d %r)" %
              (" ".join(args), msg, r.returncode, r.stderr[-200:]))


def main():
    command_line()
    work = tempfile.mkdtemp(prefix="serve-api-")
    sv = Server(work, "--moves", "20000")
    try:
        run(sv, work)
    finally:
        rc = sv.stop()
    check(rc == 0, "Ctrl-C stops the server with exit 0 (got %r)" % rc)
    # Nothing saved that was not asked for: only the versions directory in the working directory.
    check(sorted(os.listdir(work)) == ["versions"], "serve wrote only the saved versions: %s" % os.listdir(work))
    restart(work)
    shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("%d failure(s)" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("serve API: all checks passed")


def run(sv, work):
    status, prob = sv.json("GET", "/api/problem")
    check(status == 200 and len(prob["sessions"]) == 10 and len(prob["rooms"]) == 3, "GET /api/problem")
    ids = [s["id"] for s in prob["sessions"]]
    rooms = [r["id"] for r in prob["rooms"]]
    times = prob["times"]
    st = state(sv)
    check(st["version"] >= 1 and st["hard"] == 0 and len(st["placements"]) == 10, "GET /api/state")

    # ---- access ----
    check(sv.req("GET", "/api/state", token=False)[0] == 401, "no token: 401")
    check(sv.req("GET", "/api/state", token="0" * 32)[0] == 403, "wrong token: 403")
    check(sv.req("GET", "/?token=" + "1" * 32, token=False)[0] == 403, "wrong token in the query: 403")
    check(sv.req("GET", "/?token=" + sv.token, token=False)[0] == 200, "the page with the token in the query")
    check(sv.req("GET", "/api/state", headers={"Host": "evil.example:%s" % sv.host.split(":")[1]})[0] == 403,
          "a foreign Host header (DNS rebinding): 403")
    check(sv.req("GET", "/api/state", headers={"Origin": "http://evil.example"})[0] == 403, "a foreign Origin: 403")
    check(sv.req("GET", "/api/state", headers={"Origin": "http://" + sv.host})[0] == 200, "the page's own Origin")
    status, _, hdr = sv.req("GET", "/static/app.js", token=False)
    check(status == 200 and "javascript" in hdr["Content-Type"], "the page's script needs no token")
    status, _, hdr = sv.req("GET", "/")
    csp = hdr.get("Content-Security-Policy", "")
    check(status == 200 and "script-src 'self'" in csp and "default-src 'none'" in csp, "the page's CSP")
    check(sv.req("GET", "/nope")[0] == 404, "unknown path: 404")
    check(sv.req("POST", "/api/state", {})[0] == 405, "wrong method: 405")
    check(sv.req("POST", "/api/judge", raw=b"{" + b" " * (300 * 1024) + b"}")[0] == 413, "a body over the cap: 413")

    # ---- validation ----
    s0 = ids[0]
    v = st["version"]
    bad = [
        ("/api/judge", b"not json", "not JSON"),
        ("/api/judge", b"[1]", "must be a JSON object"),
        ("/api/judge", {"session": "no-such", "day": 0, "start": "09:00", "room": rooms[0]}, "unknown session id"),
        ("/api/judge", {"session": s0, "day": 0, "start": "03:17", "room": rooms[0]}, "outside the grid"),
        ("/api/judge", {"session": s0, "day": 9, "start": "09:00", "room": rooms[0]}, "no such day"),
        ("/api/judge", {"session": s0, "day": 0, "start": "09:00", "room": "attic"}, "unknown room"),
        ("/api/judge", {"session": s0, "day": 0, "start": "9 o'clock", "room": rooms[0]}, "HH:MM"),
        ("/api/judge", {"session": s0, "out": True, "room": rooms[0]}, "give no day"),
        ("/api/judge", {"session": s0, "colour": "red"}, "unknown field"),
        ("/api/move", {"session": s0, "out": True}, "names the version"),
        ("/api/move", {"version": "7", "session": s0, "out": True}, "whole number"),
        ("/api/alternatives", {"session": s0, "top": 0}, "from 1 to 100"),
        ("/api/versions/save", {"name": "../etc/passwd"}, "version name"),
        ("/api/versions/save", {"name": "a/b"}, "version name"),
        ("/api/versions/save", {"name": ".hidden"}, "version name"),
        ("/api/optimise", {"version": v, "seconds": -1}, "seconds"),
        ("/api/optimise/accept", {"version": v}, "either"),
        ("/api/compare", {"a": "current"}, "version name"),
    ]
    for path, body, msg in bad:
        raw = body if isinstance(body, bytes) else None
        status, text, _ = sv.req("POST", path, None if raw else body, raw=raw)
        err = json.loads(text).get("error", "")
        check(status == 400 and msg in err, "%s %r: 400 with %r (got %d %r)" % (path, body, msg, status, err))
    check(sv.req("GET", "/api/download")[0] == 400, "download without a format: 400")
    check(sv.req("GET", "/api/download?format=exe")[0] == 400, "download in an unknown format: 400")
    check(state(sv)["version"] == v, "bad requests change nothing")

    # ---- judging, cells, alternatives ----
    where = st["placements"]
    score0 = st["score"]
    status, alt = sv.json("POST", "/api/alternatives", {"session": s0, "top": 5})
    deltas = [a["delta"] for a in alt["alternatives"]]
    check(status == 200 and deltas == sorted(deltas) and len(deltas) >= 1, "alternatives ranked by the change")
    check(all(a["feasible"] for a in alt["alternatives"]), "alternatives break no hard rule")
    status, cells = sv.json("POST", "/api/cells", {"session": s0})
    check(status == 200 and len(cells["cells"]) == len(times) and all(len(r) == 3 for r in cells["cells"]),
          "cells: one verdict per time and room")
    first = alt["alternatives"][0]["to"]
    check(abs(cells["cells"][first["time"]][first["room"]] - deltas[0]) < 1e-6,
          "a cell's shade is the alternative's change")
    check(any(isinstance(x, str) for row in cells["cells"] for x in row), "cells that break a rule say which")
    # A move onto a session sharing a person or a room: find a clashing cell and judge it.
    hard_cell = next((t, r) for t, row in enumerate(cells["cells"]) for r, x in enumerate(row) if isinstance(x, str))
    tday, tstart = times[hard_cell[0]]
    target = {"session": s0, "day": tday, "start": "%02d:%02d" % divmod(tstart, 60), "room": rooms[hard_cell[1]]}
    status, j = sv.json("POST", "/api/judge", target)
    check(status == 200 and not j["feasible"] and j["broken"] and j["broken"][0]["text"] ==
          cells["cells"][hard_cell[0]][hard_cell[1]], "judge names the rule the cell names")

    # ---- moves, stale versions, undo and redo ----
    status, mv = sv.json("POST", "/api/move", dict(target, version=v))
    check(status == 422 and "force" in mv.get("error", ""), "a move breaking a hard rule is refused (422)")
    status, mv = sv.json("POST", "/api/move", dict(target, version=v - 1 if v > 0 else 99, force=True))
    check(status == 409 and "stale" in mv.get("error", ""), "a stale edit: 409")
    status, mv = sv.json("POST", "/api/move", dict(target, version=v, force=True))
    check(status == 200 and mv["hard"] > 0 and mv["version"] > v, "a forced move is made and marked")
    check(abs(mv["score"] - (score0 + j["delta"])) < 1e-6, "the score after the move is the judged change")
    status, un = sv.json("POST", "/api/undo", {"version": mv["version"]})
    check(status == 200 and un["placements"] == where and abs(un["score"] - score0) < 1e-9 and un["hard"] == 0,
          "undo restores the schedule and its score")
    status, re_ = sv.json("POST", "/api/redo", {"version": un["version"]})
    check(status == 200 and re_["hard"] == mv["hard"] and re_["placements"] == mv["placements"], "redo")
    status, un = sv.json("POST", "/api/undo", {"version": re_["version"]})
    check(status == 200 and un["placements"] == where, "undo after redo")
    # Applying a ranked alternative: the change is the one listed.
    st = state(sv)
    a0 = alt["alternatives"][0]["to"]
    status, mv = sv.json("POST", "/api/move", {"version": st["version"], "session": s0, "day": a0["day"],
                                               "start": a0["start"], "room": a0["room_id"]})
    check(status == 200 and abs(mv["score"] - (st["score"] + deltas[0])) < 1e-6, "apply an alternative")
    status, e = sv.json("POST", "/api/undo", {"version": mv["version"]})
    status, e = sv.json("POST", "/api/undo", {"version": e["version"]})
    check(status == 409 and "nothing to undo" in e.get("error", ""), "nothing to undo: 409")

    # ---- concurrent edits: one wins, the others are stale ----
    st = state(sv)
    results = []

    def edit(k):
        s = ids[1 + k % 9]
        results.append(sv.json("POST", "/api/move", {"version": st["version"], "session": s, "out": True,
                                                     "force": True})[0])
    threads = [threading.Thread(target=edit, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(results.count(200) == 1 and results.count(409) == 7, "concurrent edits on one version: one wins %s" % results)
    status, e = sv.json("POST", "/api/undo", {"version": state(sv)["version"]})
    check(state(sv)["placements"] == where, "undone")

    # ---- the event stream sees an edit ----
    events = []
    url = sv.base + "/api/events?token=" + sv.token

    def listen():
        with urllib.request.urlopen(url, timeout=20) as resp:
            for raw in resp:
                events.append(raw.decode())
                if raw.startswith(b"data:") and "\"version\"" in raw.decode():
                    return
    lt = threading.Thread(target=listen, daemon=True)
    lt.start()
    time.sleep(0.5)
    st = state(sv)
    status, e = sv.json("POST", "/api/pin", {"version": st["version"], "session": s0, "pinned": True})
    lt.join(10)
    check(any(x.startswith("event: state") for x in events) and
          any('"version":%d' % e["version"] in x.replace(" ", "") for x in events), "SSE pushes the edit: %s" % events)
    check(e["pinned"] == [0], "pinned")
    status, mv = sv.json("POST", "/api/move", {"version": e["version"], "session": s0, "out": True})
    check(status == 409 and "pinned" in mv.get("error", ""), "a pinned session is not moved: 409")

    # ---- optimise the rest with s0 pinned ----
    # First make the schedule worse by hand, so there is something to win back.
    st = state(sv)
    worst = None
    for s in ids[1:]:
        status, c = sv.json("POST", "/api/cells", {"session": s})
        for t, row in enumerate(c["cells"]):
            for r, x in enumerate(row):
                if not isinstance(x, str) and x is not None and x > 0 and (worst is None or x > worst[0]):
                    worst = (x, s, t, r)
    check(worst is not None, "some move costs more")
    x, s, t, r = worst
    day, start = times[t]
    status, mv = sv.json("POST", "/api/move", {"version": st["version"], "session": s, "day": day,
                                               "start": "%02d:%02d" % divmod(start, 60), "room": rooms[r]})
    check(status == 200 and mv["score"] > st["score"], "a costly move made")
    before = mv
    status, o = sv.json("POST", "/api/optimise", {"version": before["version"], "seconds": 2, "moves": 10 ** 9})
    check(status == 202 and o["status"] == "running", "optimise starts: 202")
    status, o2 = sv.json("POST", "/api/optimise", {"version": before["version"]})
    check(status == 409 and "one at a time" in o2.get("error", ""), "a second optimisation: 409")
    for _ in range(200):
        status, o = sv.json("GET", "/api/optimise")
        if o["status"] != "running":
            break
        time.sleep(0.1)
    check(o["status"] == "done", "the optimisation ends")
    check(o["score"] < before["score"] - 1e-9, "the optimisation improves the score (%s -> %s)" % (before["score"], o["score"]))
    check(all(m["session"] != s0 for m in o["moves"]), "the pinned session is not among its moves")
    status, acc = sv.json("POST", "/api/optimise/accept", {"version": before["version"] - 1, "all": True})
    check(status == 409, "accepting on a stale version: 409")
    status, acc = sv.json("POST", "/api/optimise/accept", {"version": before["version"], "sessions": ["no-such"]})
    check(status == 400, "accepting an unknown session: 400")
    status, acc = sv.json("POST", "/api/optimise/accept", {"version": before["version"], "all": True})
    check(status == 200 and abs(acc["score"] - o["score"]) < 1e-6 and acc["placements"][0] == before["placements"][0],
          "accepting every move gives its score, the pinned session unmoved")
    # A long run stopped from the page.
    status, o = sv.json("POST", "/api/optimise", {"version": acc["version"], "seconds": 60, "moves": 10 ** 12})
    check(status == 202, "a long optimisation")
    status, o = sv.json("POST", "/api/optimise/stop", {})
    check(status == 202, "stop: 202")
    for _ in range(100):
        status, o = sv.json("GET", "/api/optimise")
        if o["status"] != "running":
            break
        time.sleep(0.1)
    check(o["status"] == "done", "a stopped optimisation ends")
    check(sv.json("POST", "/api/optimise/stop", {})[0] == 409, "stop with nothing running: 409")

    # ---- versions ----
    st = state(sv)
    status, sa = sv.json("POST", "/api/versions/save", {"name": "draft-1"})
    check(status == 200, "save a version")
    path = os.path.join(work, "versions", "draft-1.schedule.json")
    on_disk = json.load(open(path))
    check(set(on_disk) >= {"format", "assignments", "unscheduled", "score"}, "the version is a schedule file")
    check(not [f for f in os.listdir(os.path.join(work, "versions")) if "tmp" in f], "no temporary file left")
    status, vs = sv.json("GET", "/api/versions")
    check(vs["versions"] == ["draft-1"], "list versions")
    status, mv = sv.json("POST", "/api/move", {"version": st["version"], "session": ids[3], "out": True, "force": True})
    status, cmp_ = sv.json("POST", "/api/compare", {"a": "draft-1", "b": "current"})
    check(status == 200 and [c["session"] for c in cmp_["changes"]] == [ids[3]] and
          cmp_["changes"][0]["change"] == "left out", "compare a version with the current schedule")
    check(set(cmp_["notify"]) == {prob["people"][k] for k in prob["sessions"][3]["people"]}, "the people to notify")
    status, op = sv.json("POST", "/api/versions/open", {"version": mv["version"], "name": "draft-1"})
    check(status == 200 and op["placements"] == st["placements"], "open a version")
    check(sv.json("POST", "/api/versions/open", {"version": op["version"], "name": "nope"})[0] == 404,
          "open a missing version: 404")
    saved.append(st["placements"])  # for the restart below

    # ---- downloads ----
    for fmt, kind in [("json", "json"), ("csv", "csv"), ("html", "html"), ("ics", "calendar"), ("frab", "xml"),
                      ("frab-json", "json"), ("text", "plain")]:
        status, body, hdr = sv.req("GET", "/api/download?format=" + fmt)
        check(status == 200 and kind in hdr["Content-Type"] and len(body) > 100 and
              "attachment" in hdr.get("Content-Disposition", ""), "download " + fmt)
    status, body, _ = sv.req("GET", "/api/download?format=json")
    check(len(json.loads(body)["assignments"]) == st["scheduled"], "the JSON download is the schedule")


def restart(work):
    """The saved version, served again, is the same schedule."""
    expect = saved[0]
    sv = Server(work, "--schedule", os.path.join(work, "versions", "draft-1.schedule.json"))
    try:
        check(state(sv)["placements"] == expect, "restarted with the saved version: the same schedule")
    finally:
        sv.stop()


main()
