#!/usr/bin/env bash
# The HTML output in a real browser (headless Chromium): it renders, its script runs without
# errors, every session shows, the theme filter and day tabs follow the URL, hostile titles stay text.
# usage: html_test.sh IGFSCHED REPO_ROOT; exit 77 (skipped) when Chromium is missing and cannot be installed.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$2" && pwd)
ex=$repo/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

find_browser() { command -v chromium || command -v chromium-browser; }
browser=$(find_browser)
if [ -z "$browser" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
	echo "html_test: installing Debian's chromium" >&2
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$tmp/apt.log" 2>&1 ||
		tail -5 "$tmp/apt.log" >&2
	browser=$(find_browser)
fi
if [ -z "$browser" ]; then
	echo "html_test: no chromium found; skipped"
	exit 77
fi
echo "html_test: using $browser ($("$browser" --version 2>/dev/null))"

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

# A root container has no user namespaces for the sandbox and a small /dev/shm.
chrome() {
	timeout 60 "$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
		--user-data-dir="$tmp/profile" "$@" 2>"$tmp/chrome.err"
}

solve() { # PROBLEM OUT.html
	if "$bin" solve "$1" --quiet --solver heuristic --moves 200000 -o "$2" 2>"$tmp/solve.err" && [ -s "$2" ]; then
		pass
	else
		fail "solve $1 -o $2"
		sed 's/^/    ! /' "$tmp/solve.err" | head -10
	fi
}

screenshot() { # PAGE.html: a 1400×1000 PNG with real content
	local png=$tmp/$(basename "$1" .html).png
	rm -f "$png"
	chrome --screenshot="$png" --window-size=1400,1000 "file://$1" >/dev/null
	if python3 - "$png" <<'EOF'; then pass; else fail "screenshot of $1"; sed 's/^/    ! /' "$tmp/chrome.err" | tail -5; fi
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1400, 1000), (w, h)
# A blank page of this size compresses to a few KB; the grid, text and colours do not.
assert len(data) > 30000, "only %d bytes: an empty page?" % len(data)
EOF
}

# dom PAGE.html[#HASH] CHECK PROBLEM: dumps the DOM after the page's script ran and runs
# CHECK (a Python expression over the parsed page, see below) on it.
dom() {
	local url=$1 check=$2 problem=$3
	chrome --dump-dom "file://$url" >"$tmp/dom.html"
	if [ ! -s "$tmp/dom.html" ]; then
		fail "dump-dom of $url: nothing dumped"
		sed 's/^/    ! /' "$tmp/chrome.err" | tail -5
		return
	fi
	if python3 - "$tmp/dom.html" "$problem" "$check" <<'EOF'; then pass; else fail "$url: $check"; fi
import json, sys
from html.parser import HTMLParser

class Page(HTMLParser):
    """The parts of the dumped DOM the checks need."""
    def __init__(self):
        super().__init__()
        self.body, self.blocks, self.days, self.paths, self.options = {}, {}, {}, {}, {}
        self.text = []
        self.block = None   # id of the session block being read
        self.in_title = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "body":
            self.body = a
        elif tag == "div" and "s" in cls:
            self.block = a["id"]
            self.blocks[self.block] = {"class": cls, "themes": (a.get("data-t") or "").split(), "title": ""}
        elif tag == "b" and self.block:
            self.in_title = True
        elif tag == "section" and "day" in cls:
            self.days[int(a["data-day"])] = "hidden" not in a
        elif tag == "section" and "path" in cls:
            self.paths[a["data-i"]] = "hidden" not in a
        elif tag == "option" and "data-i" in a:
            self.options[a["value"]] = a["data-i"]
    def handle_endtag(self, tag):
        if tag == "b":
            self.in_title = False
        elif tag == "div":
            self.block = None
    def handle_data(self, data):
        self.text.append(data)
        if self.in_title:
            self.blocks[self.block]["title"] += data

P = Page()
P.feed(open(sys.argv[1], encoding="utf-8").read())
problem = json.load(open(sys.argv[2], encoding="utf-8"))
sessions = problem["sessions"]
text = "".join(P.text)

def ready():
    """The script finished its set-up and no error reached window.onerror."""
    return P.body.get("data-ready") == "1" and P.body.get("data-errors") == "0" and "data-pwned" not in P.body

def all_titles_shown():
    """Every session: a block with its exact title when scheduled, else a row of the unscheduled list."""
    shown = {int(k[1:]): b["title"] for k, b in P.blocks.items()}
    return all(shown.get(i) == s.get("title", s["id"]) or (i not in shown and s.get("title", s["id"]) in text)
               for i, s in enumerate(sessions)) and len(shown) > 0

def only_theme(tid):
    """Exactly the sessions of theme tid are active, every other one dimmed, its path shown."""
    k = P.options[tid]
    for key, b in P.blocks.items():
        mine = tid in sessions[int(key[1:])].get("themes", [])
        if mine != ("on" in b["class"]) or mine == ("dim" in b["class"]) or mine != (k in b["themes"]):
            return False
    return (P.body.get("data-theme") == k and any("on" in b["class"] for b in P.blocks.values())
            and [i for i, shown in P.paths.items() if shown] == [k])

def only_day(d):
    return [i for i, shown in P.days.items() if shown] == [d]

ok = eval(sys.argv[3])
if not ok:
    print("    body:", {k: v for k, v in P.body.items() if k.startswith("data-")})
sys.exit(0 if ok else 1)
EOF
}

small=$tmp/small.html
solve "$ex/small.json" "$small"
screenshot "$small"
dom "$small" "ready() and all_titles_shown() and only_day(0)" "$ex/small.json"
dom "$small#theme=rights" "ready() and only_theme('rights')" "$ex/small.json"

igf=$tmp/igf-like.html
solve "$ex/igf-like.json" "$igf"
screenshot "$igf"
dom "$igf" "ready() and all_titles_shown() and only_day(0) and 'Day 0' in text and len(P.days) == 5" "$ex/igf-like.json"
dom "$igf#theme=ai" "ready() and only_theme('ai')" "$ex/igf-like.json"
dom "$igf#day=3&theme=env" "ready() and only_theme('env') and only_day(3)" "$ex/igf-like.json"
dom "$igf#day=2" "ready() and only_day(2) and P.body.get('data-theme') == ''" "$ex/igf-like.json"
dom "$igf#theme=%E0%A4" "ready() and only_day(0)" "$ex/igf-like.json" # a malformed escape is ignored

# A hand-made draft with a room clash, through evaluate.
"$bin" evaluate "$ex/small.json" "$repo/tests/data/small-room-clash.schedule.json" -o "$tmp/clash.html" >/dev/null 2>&1
dom "$tmp/clash.html" "ready() and all_titles_shown() and sum('hard' in b['class'] for b in P.blocks.values()) == 2" \
	"$ex/small.json"

# Titles and a meeting name that would run script if they were not escaped.
cat >"$tmp/hostile.json" <<'EOF'
{"meeting": {"name": "</title><script>document.body.setAttribute('data-pwned', 'name')</script>",
             "slots": ["09:00-10:30", "11:00-12:30"]},
 "days": [{"date": "2025-06-23", "label": "Day 1"}],
 "rooms": [{"id": "r1", "name": "<i>Room</i> & co"}, {"id": "r2"}],
 "themes": [{"id": "a\" onmouseover=\"x", "name": "<script>document.body.setAttribute('data-pwned', 'theme')</script>"}],
 "sessions": [
  {"id": "s1", "duration": 90, "themes": ["a\" onmouseover=\"x"], "tags": ["<b>"],
   "title": "<script>document.body.setAttribute('data-pwned', 'title')</script>"},
  {"id": "s2", "duration": 90, "themes": ["a\" onmouseover=\"x"], "tags": ["<b>"],
   "title": "\"><img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">"},
  {"id": "s3", "duration": 60, "title": "Q&A: 'quotes' & <ampersands> — ünïcödé"}]}
EOF
hostile=$tmp/hostile.html
solve "$tmp/hostile.json" "$hostile"
dom "$hostile" "ready() and all_titles_shown() and '<script>' in text" "$tmp/hostile.json"
dom "$hostile#theme=a%22%20onmouseover%3D%22x" "ready() and only_theme('a\" onmouseover=\"x')" "$tmp/hostile.json"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
