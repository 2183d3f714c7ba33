#!/usr/bin/env python3
"""igfsched serve's page in a real browser (headless Chromium driven by Selenium): open the page,
drag a session onto a clashing time and see the clash marked and the score change, undo, apply a
suggested placement, pin a session, optimise the rest and see the score improve with the pinned
session unmoved, save a version, restart the server with it and see the same schedule.
Skips (exit 77) with the reason when Chromium, chromedriver or Selenium is missing.
    tests/serve_browser_test.py IGFSCHED REPO"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError:
    # Debian's python3-selenium is for Debian's python3; another python3 first on PATH lacks it.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("serve_browser: skipped: no Selenium for Python (Debian: python3-selenium)")
    sys.exit(77)

BIN, REPO = sys.argv[1], sys.argv[2]
PROBLEM = os.path.join(REPO, "examples", "igf-like.json")
browser = shutil.which("chromium") or shutil.which("chromium-browser")
driver_bin = shutil.which("chromedriver")
if not browser or not driver_bin:
    print("serve_browser: skipped: %s not found (Debian: chromium, chromium-driver)" %
          ("chromium" if not browser else "chromedriver"))
    sys.exit(77)

failures = []


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what, file=sys.stderr)
    if not cond:
        failures.append(what)


class Server:
    def __init__(self, work, schedule, problem=PROBLEM):
        self.proc = subprocess.Popen([BIN, "serve", problem, "--schedule", schedule, "--port", "0", "-q",
                                      "--versions", os.path.join(work, "versions"), "--seed", "1"],
                                     cwd=work, stdout=subprocess.PIPE, text=True)
        m = re.match(r"igfsched serve: (http://[^/]+)/\?token=([0-9a-f]+)$", self.proc.stdout.readline().strip())
        assert m, "serve printed no address"
        self.base, self.token = m.group(1), m.group(2)
        self.url = self.base + "/?token=" + self.token

    def api(self, method, path, body=None):
        r = urllib.request.Request(self.base + path, method=method, headers={
            "X-Igfsched-Token": self.token, "Content-Type": "application/json"},
            data=json.dumps(body).encode() if body is not None else None)
        with urllib.request.urlopen(r, timeout=30) as resp:
            return json.loads(resp.read())

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=20)


last_page_message = []


def wait(what, fn, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        try:
            v = fn()
            if v:
                return v
        except Exception:
            pass
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what + (" (the page says: %r)" % last_page_message[0]()
                                                             if last_page_message else ""))


def page_state(d):
    return {"score": float(d.find_element(By.ID, "score").text.replace(",", "")),
            "hard": int(d.find_element(By.ID, "hard").get_attribute("data-hard")),
            "version": int(d.find_element(By.ID, "version").text)}


def open_page(d, sv):
    d.get(sv.url)
    wait("the page", lambda: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")


def drag(d, src, target):
    """A drag with the pointer, as a person makes it: press, move a little, over the target, release."""
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
    ActionChains(d).click_and_hold(src).move_by_offset(8, 8).perform()
    ActionChains(d).move_to_element(target).release().perform()


def box(d, sid):
    return d.find_element(By.CSS_SELECTOR, '#grid .s[data-sid="%s"]' % sid)


def main():
    work = tempfile.mkdtemp(prefix="serve-browser-")
    start = os.path.join(work, "start.json")
    # A constructive start, without the search: something for the optimisation to improve.
    subprocess.run([BIN, "solve", PROBLEM, "--moves", "0", "--solver", "heuristic", "-q", "-o", start], check=True)
    o = Options()
    o.binary_location = browser
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,1000"]:
        o.add_argument(a)
    d = webdriver.Chrome(service=Service(driver_bin), options=o)
    sv = None
    try:
        escaping(d, work)
        sv = Server(work, start)
        scenario(d, sv, work)
        check(sv.stop() == 0, "Ctrl-C stops the server with exit 0")
        sv = Server(work, os.path.join(work, "versions", "agreed.schedule.json"))
        open_page(d, sv)
        st = sv.api("GET", "/api/state")
        check(st["placements"] == saved_placements[0], "restarted with the saved version: the same schedule")
        check(abs(page_state(d)["score"] - saved_score[0]) < 1e-3, "the page shows the saved version's score")
        errors = d.find_element(By.TAG_NAME, "body").get_attribute("data-errors")
        check(errors == "0", "no script error on the page (%s)" % errors)
    finally:
        d.quit()
        if sv and sv.proc.poll() is None:
            sv.stop()
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("%d failure(s)" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("serve browser: all checks passed")


saved_placements, saved_score = [], []


def escaping(d, work):
    """Every text of the problem reaches the page as text: markup in titles, names and reasons
    shows as written and runs nothing."""
    prob = json.load(open(os.path.join(REPO, "examples", "small.json")))
    evil = '<img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=2</script>'
    prob["sessions"][0]["title"] = "T " + evil
    prob["rooms"][0]["name"] = "R " + evil
    prob["themes"][0]["name"] = "H " + evil
    prob["meeting"]["name"] = "M " + evil
    path = os.path.join(work, "evil.json")
    json.dump(prob, open(path, "w"))
    sched = os.path.join(work, "evil.schedule.json")
    subprocess.run([BIN, "solve", path, "-q", "--moves", "1000", "-o", sched], check=True)
    sv = Server(work, sched, path)
    try:
        open_page(d, sv)
        body = d.find_element(By.TAG_NAME, "body")
        check(body.get_attribute("data-pwned") is None, "no markup of the problem ran")
        check(not d.find_elements(By.CSS_SELECTOR, "img") and len(d.find_elements(By.CSS_SELECTOR, "script")) == 1,
              "no element came from the problem's texts")
        check("T <img src=x" in body.text and "R <img src=x" in body.text, "the texts show as written")
        check(d.title.startswith("M <img"), "the title too")
    finally:
        check(sv.stop() == 0, "Ctrl-C stops the server with exit 0")


def scenario(d, sv, work):
    open_page(d, sv)
    prob = sv.api("GET", "/api/problem")
    st0 = page_state(d)
    check(st0["hard"] == 0, "the page shows the start: score %.3f, no hard violation" % st0["score"])

    # Drag a day-1 session onto a time where it clashes (the server's cells name why).
    state = sv.api("GET", "/api/state")
    d.find_element(By.CSS_SELECTOR, '#tabs button[data-day="1"]').click()
    s, cell, reason = None, None, None
    for i, pl in enumerate(state["placements"]):
        if not pl or prob["times"][pl[0]][0] != 1:
            continue
        cells = sv.api("POST", "/api/cells", {"session": prob["sessions"][i]["id"]})["cells"]
        for t, row in enumerate(cells):
            if prob["times"][t][0] != 1:
                continue
            for r, v in enumerate(row):
                if isinstance(v, str) and "is also in" in v:  # a person's clash
                    s, cell, reason = i, (t, r), v
                    break
            if s is not None:
                break
        if s is not None:
            break
    check(s is not None, "found a session and a time where one of its people is busy")
    sid = prob["sessions"][s]["id"]
    d.find_element(By.ID, "force").click()  # allowed and marked
    src = box(d, sid)
    target = d.find_element(By.CSS_SELECTOR, '#grid .c[data-t="%d"][data-r="%d"]' % cell)
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
    ActionChains(d).click_and_hold(src).move_by_offset(10, 10).perform()
    wait("the cells shaded while dragging", lambda: d.find_elements(By.CSS_SELECTOR, "#grid .c.hard"))
    ActionChains(d).move_to_element(target).perform()
    ghost = d.find_element(By.ID, "ghostv").text
    check(reason in ghost, "while dragging, the cell says who is busy: %r" % ghost)
    check("hard" in target.get_attribute("class"), "the clashing cell is shaded as breaking a hard rule")
    ActionChains(d).release().perform()
    wait("the move", lambda: page_state(d)["version"] > st0["version"])
    st1 = page_state(d)
    check(st1["hard"] > 0, "the clash is counted (%d hard violations)" % st1["hard"])
    check("hard" in box(d, sid).get_attribute("class"), "the moved session is marked")
    check(abs(st1["score"] - st0["score"]) > 1e-9, "the score changed (%.3f -> %.3f)" % (st0["score"], st1["score"]))
    verdict = d.find_element(By.ID, "verdict").text
    check(reason in verdict, "the verdict lists the broken rule")
    d.find_element(By.ID, "force").click()

    # Undo.
    d.find_element(By.ID, "undo").click()
    wait("the undo", lambda: page_state(d)["version"] > st1["version"])
    st2 = page_state(d)
    check(st2["hard"] == 0 and abs(st2["score"] - st0["score"]) < 1e-6, "undo: back to the start's score")

    # Out to the column of sessions not placed, and back in from it.
    home = sv.api("GET", "/api/state")["placements"][s]
    d.find_element(By.ID, "force").click()
    drag(d, box(d, sid), d.find_element(By.ID, "unplaced"))
    wait("the session left out", lambda: d.find_elements(By.CSS_SELECTOR, '#uplist .s[data-sid="%s"]' % sid))
    item = d.find_element(By.CSS_SELECTOR, '#uplist .s[data-sid="%s"]' % sid)
    check("left out in the editor" in item.text, "the column gives the reason: %r" % item.text)
    check(sv.api("GET", "/api/state")["placements"][s] is None, "left out on the server")
    d.find_element(By.ID, "uptext").send_keys("no such words")
    check(not d.find_elements(By.CSS_SELECTOR, '#uplist .s[data-sid="%s"]' % sid), "the text filter hides it")
    d.find_element(By.ID, "uptext").clear()
    d.find_element(By.ID, "uptext").send_keys(prob["sessions"][s]["title"][:12])
    item = wait("the filtered column", lambda: d.find_element(By.CSS_SELECTOR, '#uplist .s[data-sid="%s"]' % sid))
    before_in = page_state(d)
    drag(d, item, d.find_element(By.CSS_SELECTOR, '#grid .c[data-t="%d"][data-r="%d"]' % tuple(home)))
    wait("the session placed again", lambda: page_state(d)["version"] > before_in["version"])
    check(sv.api("GET", "/api/state")["placements"][s] == home, "dragged back in from the column")
    check(abs(page_state(d)["score"] - st2["score"]) < 1e-6, "back at the start's score")
    d.find_element(By.ID, "force").click()
    d.find_element(By.ID, "uptext").clear()
    st2 = page_state(d)

    # Apply a suggested placement from the session's details.
    box(d, sid).click()
    wait("the alternatives", lambda: d.find_element(By.ID, "details").get_attribute("data-session") == sid and
         d.find_elements(By.CSS_SELECTOR, "#alternatives .apply"))
    alt = sv.api("POST", "/api/alternatives", {"session": sid, "top": 8})["alternatives"][0]
    d.find_element(By.CSS_SELECTOR, "#alternatives .apply").click()
    last_page_message[:] = [lambda: d.find_element(By.ID, "message").text]
    wait("the applied alternative", lambda: page_state(d)["version"] > st2["version"])
    st3 = page_state(d)
    check(abs(st3["score"] - (st2["score"] + alt["delta"])) < 1e-3 and st3["hard"] == 0,
          "the suggestion applied: score %+.3f as listed" % alt["delta"])

    # Pin it.
    wait("the details of the moved session", lambda: d.find_element(By.ID, "pin").text == "Pin here")
    d.find_element(By.ID, "pin").click()
    wait("the pin", lambda: "pin" in box(d, sid).get_attribute("class"))
    pinned_at = sv.api("GET", "/api/state")["placements"][s]
    check(sv.api("GET", "/api/state")["pinned"] == [s], "pinned on the server")

    # Optimise the rest.
    before = page_state(d)
    sec = d.find_element(By.ID, "seconds")
    sec.clear()
    sec.send_keys("4")
    d.find_element(By.ID, "optimise").click()
    wait("the optimisation's progress", lambda: "optimising" in d.find_element(By.ID, "progress").text, 10)
    wait("the optimisation's moves", lambda: d.find_element(By.ID, "optresult").is_displayed(), 30)
    moves = d.find_elements(By.CSS_SELECTOR, "#optmoves input[type=checkbox]")
    check(len(moves) > 0, "the optimisation suggests %d moves" % len(moves))
    check(all(m.get_attribute("data-session") != sid for m in moves), "the pinned session is not among them")
    d.find_element(By.ID, "accept").click()
    wait("the accepted moves", lambda: page_state(d)["version"] > before["version"])
    after = page_state(d)
    check(after["score"] < before["score"] - 1e-6 and after["hard"] == 0,
          "optimised: score %.3f -> %.3f" % (before["score"], after["score"]))
    check(sv.api("GET", "/api/state")["placements"][s] == pinned_at, "the pinned session is unmoved")

    # Another person's edit reaches this page unasked (the event stream).
    other = next(i for i, pl in enumerate(sv.api("GET", "/api/state")["placements"])
                 if pl and prob["times"][pl[0]][0] == 1 and i != s)
    v = page_state(d)["version"]
    sv.api("POST", "/api/pin", {"version": v, "session": prob["sessions"][other]["id"], "pinned": True})
    wait("another person's edit", lambda: page_state(d)["version"] > v, 10)
    check("pin" in box(d, prob["sessions"][other]["id"]).get_attribute("class"), "another person's pin is shown")

    # Save a version.
    d.find_element(By.ID, "vname").send_keys("agreed")
    d.find_element(By.ID, "save").click()
    wait("the saved version", lambda: "saved version agreed" in d.find_element(By.ID, "message").text)
    check(os.path.exists(os.path.join(work, "versions", "agreed.schedule.json")), "the version is on disk")
    # Compare the saved version with the current schedule after one more move: that session,
    # and its people to notify.
    wait("the version listed", lambda: "agreed" in [o.text for o in Select(d.find_element(By.ID, "cmpa")).options])
    st = sv.api("GET", "/api/state")
    saved_placements.append(st["placements"])
    saved_score.append(st["score"])
    alt = sv.api("POST", "/api/alternatives", {"session": sid, "top": 1})
    if alt["pinned"]:
        sv.api("POST", "/api/pin", {"version": st["version"], "session": sid, "pinned": False})
    to = alt["alternatives"][0]["to"]
    sv.api("POST", "/api/move", {"version": sv.api("GET", "/api/state")["version"], "session": sid,
                                 "day": to["day"], "start": to["start"], "room": to["room_id"]})
    Select(d.find_element(By.ID, "cmpa")).select_by_value("agreed")
    Select(d.find_element(By.ID, "cmpb")).select_by_value("current")
    d.find_element(By.ID, "compare").click()
    wait("the comparison", lambda: d.find_element(By.ID, "cmpresult").is_displayed())
    text = d.find_element(By.ID, "cmpresult").text
    people = [prob["people"][k] for k in prob["sessions"][s]["people"]]
    check("1 sessions changed" in text and sid in text and all(p in text for p in people),
          "the comparison lists the moved session and its people: %r" % text[:300])
    # Open the saved version again: the move is gone.
    Select(d.find_element(By.ID, "versions")).select_by_value("agreed")
    v = page_state(d)["version"]
    d.find_element(By.ID, "open").click()
    wait("the version opened", lambda: page_state(d)["version"] > v)
    check(sv.api("GET", "/api/state")["placements"] == saved_placements[0], "opening the version restores it")


main()
