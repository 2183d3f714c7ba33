#!/usr/bin/env python3
"""Regenerates examples/igf-like.json and examples/dc-joint.json.

Run from the repository root:  python3 examples/make_examples.py

Python 3 standard library only. Deterministic: every random choice comes from
random.Random(2023), seeded afresh for each file, and nothing depends on hash order, so
the same data gives byte-identical output. Public facts come from the copies of the IGF
2023 data in examples/data/ (see examples/README.md for which parts are facts and which
are invented). Prints a summary per file: sessions per type and demand against room time.
"""

import json
import math
import os
import random
import re
import sys
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
SEED = 2023

# ----------------------------------------------------------------------------- facts

THEMES = [  # slug, name: the eight IGF 2023 sub-themes (2023-venue.json)
    ("ai", "AI & Emerging Technologies"),
    ("frag", "Avoiding Internet Fragmentation"),
    ("cyber", "Cybersecurity, Cybercrime & Online Safety"),
    ("data", "Data Governance & Trust"),
    ("divides", "Digital Divides & Inclusion"),
    ("gov", "Global Digital Governance & Cooperation"),
    ("rights", "Human Rights & Freedoms"),
    ("env", "Sustainability & Environment"),
]
THEME_SLUG = {name: slug for slug, name in THEMES}

# Theme weights for generated sessions: the counts of the 2023 session records per theme.
THEME_WEIGHTS = {"cyber": 25, "ai": 22, "divides": 19, "gov": 17, "data": 12, "rights": 12, "frag": 10, "env": 5}

# Invented: how alike some distinct sub-themes are (soft similarity clashes).
THEME_SIMILARITY = [("ai", "data", 0.3), ("frag", "gov", 0.3), ("cyber", "rights", 0.2), ("divides", "env", 0.1)]

# DCs left out: DC-Jobs (status unknown), DC-PUB (likely inactive), DCCOS (superseded by
# DC-Children), DTC (first confirmed in 2024). That leaves 29 coalitions for 2023.
DC_EXCLUDE = ("DC-Jobs", "DC-PUB", "DCCOS", "DTC")

# Invented: the sub-theme closest to each coalition's topics.
DC_THEME = {
    "DCAD": "divides", "DC-BAS": "ai", "DC-Blockchain": "ai", "DC-Children": "cyber", "DC3": "divides",
    "DC-CIV": "frag", "DC-DAIG": "data", "DC-DT": "data", "DC-DDHT": "data", "DC-DFI": "divides",
    "DC-DH": "data", "DC-Digital Economy": "gov", "DC-DNSI": "cyber", "DCE": "env", "DC-G4P": "divides",
    "DC-Gender": "rights", "DC-Connecting the Unconnected": "divides", "DC-IoT": "cyber",
    "DC-Interplanetary": "gov", "IRPC": "rights", "IS3C": "cyber", "DCNN": "frag", "DCPR": "rights",
    "DC-PAL": "divides", "DC-SIG": "gov", "DC-SIDS": "divides", "DC-Sustainability": "rights",
    "YCIG": "gov", "DC-OER": "divides", "DTC": "divides", "DC-Jobs": "divides", "DC-PUB": "rights",
    "DCCOS": "cyber",
}

# Record type (2023-sessions.json) -> session type of the problem format.
TYPE_MAP = {
    "Workshop": "workshop", "Open Forum": "open_forum", "Day 0 Event": "day0", "Town Hall": "town_hall",
    "Networking Session": "networking", "Main Session": "main", "High-Level Session": "high_level",
    "DC Session": "dc_session", "Lightning Talk": "lightning", "Policy Network": "pn",
    "Launch & Award": "launch_award", "Youth Summit": "day0", "Parliamentary Track": "parliamentary",
    "Newcomers": "newcomers", "Side Event": "side_event", "BPF": "bpf", "NRI Main Session": "nri",
    "Taking Stock": "taking_stock",
}

# ----------------------------------------------------------------------------- invented vocabulary

FIRST = ["Aiko", "Amina", "Ana", "Arjun", "Bao", "Beatriz", "Chen", "Chiara", "Daniel", "Dina", "Emeka",
         "Elena", "Farah", "Felipe", "Grace", "Hana", "Hiroshi", "Ines", "Ivan", "Jamal", "Jana", "Joon",
         "Kofi", "Lea", "Leila", "Lucas", "Mai", "Marco", "Maria", "Mehmet", "Nadia", "Nikhil", "Noor",
         "Olga", "Omar", "Paula", "Priya", "Rafael", "Rania", "Sami", "Sara", "Sipho", "Sofia", "Takeshi",
         "Tamar", "Tomas", "Valeria", "Wei", "Yasmin", "Yuki", "Zainab", "Zoltan"]
LAST = ["Abdi", "Adeyemi", "Alvarez", "Banerjee", "Becker", "Costa", "Dlamini", "Dubois", "Eriksen",
        "Fernandes", "Fujita", "Garcia", "Haddad", "Hansen", "Ibrahim", "Ito", "Jensen", "Kamau", "Kim",
        "Kowalski", "Kumar", "Lim", "Lopez", "Mbeki", "Mendes", "Moreau", "Nakamura", "Nguyen", "Novak",
        "Okafor", "Osei", "Park", "Petrov", "Quispe", "Rahman", "Rossi", "Sato", "Schmidt", "Silva",
        "Singh", "Suzuki", "Tan", "Torres", "Usman", "Varga", "Wang", "Watanabe", "Yilmaz", "Zhang"]

# Remote participants: (offset from UTC in October 2023, local hours available).
REMOTE = [("-04:00", "07:00-23:00"), ("-03:00", "07:00-22:00"), ("+01:00", "07:00-22:00"),
          ("+02:00", "07:00-22:00"), ("+03:00", "07:00-21:00"), ("+05:30", "07:00-22:00"),
          ("+08:00", "08:00-20:00"), ("+11:00", "08:00-20:00")]

SUBJECTS = {
    "ai": [("Generative AI and elections", ["generative AI", "elections"]),
           ("AI standards and global governance", ["AI governance", "standards"]),
           ("Algorithmic accountability in public services", ["AI governance", "public sector"]),
           ("AI and the future of work", ["AI governance", "future of work"]),
           ("Open-source AI models", ["open source", "AI governance"]),
           ("AI in education", ["education", "generative AI"]),
           ("Governing the metaverse", ["metaverse"]),
           ("Quantum technologies and the Internet", ["quantum", "emerging tech"]),
           ("AI for local languages", ["multilingualism", "AI governance"]),
           ("Deepfakes and synthetic media", ["generative AI", "disinformation"]),
           ("AI risk assessment frameworks", ["AI governance", "risk"])],
    "frag": [("Keeping the Internet unfragmented", ["fragmentation"]),
             ("Digital sovereignty and interoperability", ["digital sovereignty", "interoperability"]),
             ("Network disruptions and the global Internet", ["internet shutdowns", "fragmentation"]),
             ("Technical standards bodies and fragmentation", ["standards", "fragmentation"]),
             ("Universal acceptance and a multilingual DNS", ["DNS", "multilingualism"]),
             ("Cross-border data rules and the open Internet", ["data flows", "fragmentation"]),
             ("Routing security", ["infrastructure", "cybersecurity"]),
             ("Submarine cables and resilience", ["infrastructure"])],
    "cyber": [("Cyber capacity building", ["cyber capacity building"]),
              ("Child online safety by design", ["child online safety"]),
              ("The UN cybercrime convention", ["cybercrime"]),
              ("Ransomware and critical infrastructure", ["cybersecurity", "infrastructure"]),
              ("Tech-facilitated gender-based violence", ["online violence", "gender"]),
              ("Encryption and lawful access", ["encryption", "privacy"]),
              ("Countering disinformation", ["disinformation"]),
              ("Cyber norms in practice", ["cyber norms"]),
              ("IoT security", ["IoT", "cybersecurity"]),
              ("Online scams and fraud", ["cybercrime"])],
    "data": [("Data free flow with trust", ["data flows", "DFFT"]),
             ("Privacy-enhancing technologies", ["privacy", "PETs"]),
             ("Data protection in the Global South", ["data protection"]),
             ("Digital identity systems", ["digital ID"]),
             ("Health data governance", ["digital health", "data protection"]),
             ("Data for the SDGs", ["SDGs", "data flows"]),
             ("Data trusts and data cooperatives", ["data governance"]),
             ("Children's data", ["child online safety", "data protection"])],
    "divides": [("Community networks", ["connectivity", "community networks"]),
                ("Meaningful access", ["meaningful access", "connectivity"]),
                ("Closing the gender digital divide", ["gender", "connectivity"]),
                ("Digital skills for youth", ["youth", "digital skills"]),
                ("Accessible technology for persons with disabilities", ["accessibility"]),
                ("Multilingual content online", ["multilingualism"]),
                ("Affordable broadband", ["connectivity", "affordability"]),
                ("Satellite connectivity", ["connectivity", "satellites"]),
                ("Digital inclusion of older persons", ["inclusion"])],
    "gov": [("The Global Digital Compact", ["GDC", "multistakeholder"]),
            ("The WSIS+20 review", ["WSIS+20"]),
            ("The future of the IGF", ["IGF future", "multistakeholder"]),
            ("Digital public infrastructure", ["digital public infrastructure"]),
            ("Parliamentarians and digital policy", ["parliaments"]),
            ("Regional cooperation on digital policy", ["multistakeholder", "regional cooperation"]),
            ("Internet governance capacity building", ["capacity building"]),
            ("Digital trade rules", ["digital trade"])],
    "rights": [("Freedom of expression and platform regulation", ["freedom of expression", "platform regulation"]),
               ("Content moderation at scale", ["content moderation", "platform regulation"]),
               ("Surveillance technology and accountability", ["surveillance"]),
               ("Human rights due diligence in tech", ["human rights", "business"]),
               ("Digital rights of migrants and refugees", ["human rights"]),
               ("Journalists' safety online", ["journalism", "freedom of expression"]),
               ("Internet shutdowns and human rights", ["internet shutdowns", "human rights"])],
    "env": [("The Internet's environmental footprint", ["environmental footprint"]),
            ("E-waste and the circular economy", ["e-waste"]),
            ("Digital tools for climate action", ["climate"]),
            ("Green data centres", ["environmental footprint", "infrastructure"]),
            ("Sustainable AI", ["climate", "AI governance"])],
}
ANGLES = ["lessons from the Global South", "a multistakeholder dialogue", "from principles to practice",
          "regional perspectives", "what comes next", "building capacity", "youth perspectives",
          "evidence and research", "policy options", "voices from small island states",
          "the role of the private sector", "local solutions, global lessons", "measuring progress",
          "a view from Africa", "a view from Asia-Pacific", "a view from Latin America",
          "a view from Europe", "civil society perspectives", "the role of governments"]

# Tags derived from real titles: (regex, tag); case-insensitive unless the pattern says (?-i).
TITLE_TAGS = [
    (r"generative|gen ?ai|deep ?fake|how deep is your fake", "generative AI"),
    (r"(?-i:\bAI\b)|artificial intelligence|algorithm", "AI governance"),
    (r"metaverse|virtual world|immersive", "metaverse"),
    (r"child|kids|playground", "child online safety"),
    (r"youth|young|teen", "youth"),
    (r"gender|women", "gender"),
    (r"(?-i:DFFT)|data free flow|cross-border data|data flow", "data flows"),
    (r"privacy|encryption|(?-i:PETs)", "privacy"),
    (r"cybercrime", "cybercrime"),
    (r"cyber(?!crime)|secur", "cybersecurity"),
    (r"fragment|defrag|sovereign|digisov|autarchy|snooze", "fragmentation"),
    (r"(?-i:WSIS)", "WSIS+20"),
    (r"global digital compact|(?-i:\bGDC\b)", "GDC"),
    (r"multistakeholder", "multistakeholder"),
    (r"human rights|(?-i:HRDD)|\brights\b", "human rights"),
    (r"platform|content moderation", "platform regulation"),
    (r"disinformation|dis-information|misinformation", "disinformation"),
    (r"climate|environment|green|planet", "climate"),
    (r"(?-i:SDG)", "SDGs"),
    (r"connect|access|broadband|satellite|billion", "connectivity"),
    (r"multilingual", "multilingualism"),
    (r"accessib|disabilit", "accessibility"),
    (r"(?-i:\bDNS\b)|domain name", "DNS"),
    (r"blockchain", "blockchain"),
    (r"standard", "standards"),
    (r"digital public (infrastructure|goods)", "digital public infrastructure"),
    (r"health", "digital health"),
    (r"election|shutdown", "elections"),
    (r"surveillance", "surveillance"),
    (r"violence|hatred|hateful", "online violence"),
    (r"digital id|identity", "digital ID"),
    (r"education|school|learning|curriculum", "education"),
    (r"(?-i:\bIoT\b)|internet of things", "IoT"),
    (r"submarine|cable|infrastructure", "infrastructure"),
    (r"parliament", "parliaments"),
    (r"(?-i:\bNRIs?\b)", "NRIs"),
    (r"interplanetary|outer space", "space"),
]

# ----------------------------------------------------------------------------- helpers


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


def tmin(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def hhmm(m):
    return "%02d:%02d" % (m // 60, m % 60)


def slot_bounds(slot):
    a, b = slot.split("-")
    return tmin(a), tmin(b)


def grid_starts(slots, step=30):
    """Starts every `step` minutes from each slot's start while inside the slot."""
    out = []
    for s in slots:
        a, b = slot_bounds(s)
        out.extend(hhmm(t) for t in range(a, b, step))
    return out


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def title_tags(title):
    tags = []
    for pat, tag in TITLE_TAGS:
        if re.search(pat, title, re.I) and tag not in tags:
            tags.append(tag)
    return tags[:4]


def dump(obj, path):
    """Writes a problem file: top-level keys one per line, list items one per line."""
    lines = ["{"]
    items = list(obj.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(v, list) and v and isinstance(v[0], (dict, list)):
            lines.append("  %s: [" % json.dumps(k))
            for j, x in enumerate(v):
                lines.append("    " + json.dumps(x, ensure_ascii=False) + ("," if j < len(v) - 1 else ""))
            lines.append("  ]" + comma)
        elif isinstance(v, dict) and len(json.dumps(v, ensure_ascii=False)) > 100:
            lines.append("  %s: {" % json.dumps(k))
            sub = list(v.items())
            for j, (kk, vv) in enumerate(sub):
                lines.append("    %s: %s%s" % (json.dumps(kk), json.dumps(vv, ensure_ascii=False),
                                              "," if j < len(sub) - 1 else ""))
            lines.append("  }" + comma)
        else:
            lines.append("  %s: %s%s" % (json.dumps(k), json.dumps(v, ensure_ascii=False), comma))
    lines.append("}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


class People:
    """Invented people. Each gets a quota of 1-4 sessions; a session reuses someone with room
    left in their quota or creates a new person. At most one remote person per session."""

    def __init__(self, rng, prefix="p", remote_share=0.12, reuse=0.4):
        self.rng = rng
        self.prefix = prefix
        self.remote_share = remote_share
        self.reuse = reuse
        self.people = []  # dicts as written
        self.quota = {}
        self.used = Counter()
        self.pre = Counter()  # sessions on pre-event days only (Day 0), at most 2 a person
        self.reserved = set()  # people given only as fixed members, never drawn at random
        self.names = set()

    def new(self, remote=None, quota=None, name=None, reserved=False):
        rng = self.rng
        pid = "%s-%03d" % (self.prefix, len(self.people) + 1)
        if name is None:
            while True:
                name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
                if name not in self.names:
                    break
        self.names.add(name)
        person = OrderedDict([("id", pid), ("name", name)])
        if remote is None:
            remote = rng.random() < self.remote_share
        if remote:
            off, avail = rng.choice(REMOTE)
            person["remote"] = True
            person["utc_offset"] = off
            person["available"] = [avail]
        self.people.append(person)
        if quota is None:
            quota = rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0]
            if remote:
                quota = min(quota, 2)
        self.quota[pid] = quota
        if reserved:
            self.reserved.add(pid)
        return person

    def is_remote(self, pid):
        return any(p["id"] == pid and p.get("remote") for p in self.people)

    def pick(self, taken, allow_remote=True, pre=False):
        rng = self.rng
        pool = [p for p in self.people
                if self.used[p["id"]] < self.quota[p["id"]] and p["id"] not in taken
                and p["id"] not in self.reserved and (allow_remote or not p.get("remote"))
                and not (pre and self.pre[p["id"]] >= 2)]
        if pool and rng.random() < self.reuse:
            p = rng.choice(pool)
        else:
            p = self.new(remote=None if allow_remote else False)
        return p

    def staff(self, n_speakers, moderator=True, fixed=(), pre=False):
        """People of one session: an organiser, speakers, perhaps a moderator."""
        refs, taken, remote_used = [], set(), False
        for pid, role in fixed:
            refs.append({"id": pid, "role": role})
            taken.add(pid)
            remote_used = remote_used or self.is_remote(pid)
        roles = ["organiser"] + ["speaker"] * n_speakers + (["moderator"] if moderator else [])
        for role in roles:
            p = self.pick(taken, allow_remote=not remote_used and role != "organiser", pre=pre)
            remote_used = remote_used or bool(p.get("remote"))
            taken.add(p["id"])
            refs.append({"id": p["id"], "role": role})
        for r in refs:
            self.used[r["id"]] += 1
            if pre:
                self.pre[r["id"]] += 1
        return refs, remote_used


def session(sid, title, stype, duration, **kw):
    s = OrderedDict([("id", sid), ("title", title), ("type", stype), ("duration", duration)])
    for k in ("themes", "tags", "people", "groups", "attendance", "requires", "optional", "priority",
              "pin", "days", "not_days", "times", "prefer", "x-origin", "x-2023"):
        if k in kw and kw[k] not in (None, [], {}):
            s[k] = kw[k]
    return s


def lognorm(rng, median, lo, hi, sigma=0.5):
    return int(max(lo, min(hi, round(rng.lognormvariate(math.log(median), sigma)))))


def new_title(rng, theme, used, fmt="{s}: {a}"):
    for _ in range(1000):
        subj, tags = rng.choice(SUBJECTS[theme])
        title = fmt.format(s=subj, a=rng.choice(ANGLES))
        if title not in used:
            used.add(title)
            return title, list(tags)
    raise RuntimeError("ran out of titles for theme " + theme)


def pick_theme(rng):
    keys = sorted(THEME_WEIGHTS)
    return rng.choices(keys, weights=[THEME_WEIGHTS[k] for k in keys])[0]


# ----------------------------------------------------------------------------- summaries


def room_minutes(problem, day, room):
    """Minutes of a day's slots in which the room is available."""
    slots = day.get("slots", problem["meeting"].get("slots", []))
    total = 0
    for s in slots:
        a, b = slot_bounds(s)
        free = set(range(a, b))
        for w in room.get("unavailable", []):
            if w.get("day") in (None, day["date"], day.get("label")):
                free -= set(range(tmin(w.get("from", "00:00")), tmin(w.get("to", "24:00"))))
        total += len(free)
    return total


def day_kind_of(sess, pre_labels, main_labels):
    t = sess["type"]
    if "days" in sess:
        ds = set(sess["days"])
        if ds <= pre_labels:
            return "pre"
        if ds <= main_labels:
            return "main"
        return "any"
    if "pin" in sess and "day" in sess["pin"]:
        return "pre" if sess["pin"]["day"] in pre_labels else "main"
    if t == "day0":
        return "pre"
    if t in ("bilateral", "high_level"):
        return "any"
    return "main"


def summarise(problem, path):
    days = problem["days"]
    pre = {d["label"] for d in days if d.get("pre_event", d.get("label") == "Day 0")}
    main = {d["label"] for d in days} - pre
    sessions = problem["sessions"]
    print("%s: %d sessions, %d rooms, %d people, %d groups, %d days"
          % (path, len(sessions), len(problem["rooms"]), len(problem.get("people", [])),
             len(problem.get("groups", [])), len(days)))
    by_type = Counter(s["type"] for s in sessions)
    opt = Counter(s["type"] for s in sessions if s.get("optional"))
    print("  sessions per type (optional in brackets):")
    for t, n in sorted(by_type.items(), key=lambda x: (-x[1], x[0])):
        mins = sum(s["duration"] for s in sessions if s["type"] == t)
        print("    %-14s %4d%s  %6d min" % (t, n, " (%d)" % opt[t] if opt[t] else "", mins))
    print("    %-14s %4d (%d optional, %.0f%%)" % ("total", len(sessions), sum(opt.values()),
                                                   100.0 * sum(opt.values()) / len(sessions)))

    def cap(labels, pred):
        return sum(room_minutes(problem, d, r) for d in days if d["label"] in labels
                   for r in problem["rooms"] if pred(r))

    def dem(kind, pred=lambda s: True, optional=False):
        return sum(s["duration"] for s in sessions
                   if day_kind_of(s, pre, main) == kind and pred(s) and bool(s.get("optional")) == optional)

    bil = lambda r: "bilateral" in r.get("features", [])
    is_bil = lambda s: s["type"] == "bilateral"
    rows = []
    if pre:
        rows.append(("pre-event days (%d), non-bilateral rooms" % len(pre),
                     dem("pre", lambda s: not is_bil(s)), dem("pre", lambda s: not is_bil(s), True),
                     cap(pre, lambda r: not bil(r))))
    # An exclusive session (opening, closing) blocks every other room while it runs.
    n_prog = sum(1 for r in problem["rooms"] if not bil(r))
    blocked = sum(s["duration"] * (n_prog - 1) for s in sessions if s["type"] in ("opening", "closing"))
    rows.append(("main days (%d), non-bilateral rooms%s" % (len(main), ", less exclusive time" if blocked else ""),
                 dem("main", lambda s: not is_bil(s)), dem("main", lambda s: not is_bil(s), True),
                 cap(main, lambda r: not bil(r)) - blocked))
    if dem("any", lambda s: not is_bil(s)) or dem("any", lambda s: not is_bil(s), True):
        rows.append(("sessions allowed on any day (not bilateral)", dem("any", lambda s: not is_bil(s)),
                     dem("any", lambda s: not is_bil(s), True), 0))
    rows.append(("bilateral sessions, all days, bilateral rooms", sum(s["duration"] for s in sessions if is_bil(s)
                                                                      and not s.get("optional")),
                 sum(s["duration"] for s in sessions if is_bil(s) and s.get("optional")),
                 cap({d["label"] for d in days}, bil)))
    plen = lambda r: "plenary" in r.get("features", [])
    need_plen = lambda s: (s["type"] in ("opening", "closing", "main", "high_level", "dc_main")
                           or "plenary" in s.get("requires", []) or "interpretation" in s.get("requires", []))
    rows.append(("plenary/interpretation sessions, main days, plenary rooms",
                 sum(s["duration"] for s in sessions if need_plen(s) and day_kind_of(s, pre, main) != "pre"
                     and not s.get("optional")), 0, cap(main, plen)))
    if pre:
        rows.append(("plenary sessions, pre-event days, plenary rooms",
                     sum(s["duration"] for s in sessions if need_plen(s) and day_kind_of(s, pre, main) == "pre"),
                     0, cap(pre, plen)))
    print("  demand vs room time (minutes; required + optional / capacity):")
    for label, req, optm, capm in rows:
        if capm:
            print("    %-58s %6d + %5d / %6d  (%3.0f%% required, %3.0f%% all)"
                  % (label, req, optm, capm, 100.0 * req / capm, 100.0 * (req + optm) / capm))
        else:
            print("    %-58s %6d + %5d" % (label, req, optm))
    return rows


# ----------------------------------------------------------------------------- igf-like.json

STD_SLOTS = ["09:00-10:30", "10:45-12:15", "12:30-13:30", "13:45-15:15", "15:30-17:00", "17:15-18:45"]
DAY1_SLOTS = ["08:45-10:15", "10:30-11:00", "11:15-12:45", "13:00-14:00", "14:15-15:45", "16:00-17:30",
              "17:45-18:45"]
DAY4_SLOTS = ["09:00-10:30", "10:45-12:15", "12:30-13:30", "13:45-15:15", "15:30-17:00", "17:30-18:30"]

# (id, name as in the 2023 data or invented, capacity (invented except Main Hall), features, Day-0-only)
IGF_ROOMS = [
    ("main-hall", "Main Hall", 2000, ["plenary", "hybrid", "interpretation"], False),
    ("ws1", "WS 1 \u2013 Annex Hall 1", 600, ["hybrid"], False),
    ("ws2", "WS 2 \u2013 Room A", 250, ["hybrid"], False),
    ("ws3", "WS 3 \u2013 Annex Hall 2", 600, ["hybrid"], False),
    ("ws4", "WS 4 \u2013 Room B-1", 180, ["hybrid"], False),
    ("ws5", "WS 5 \u2013 Room B-2", 180, ["hybrid"], False),
    ("ws6", "WS 6 \u2013 Room E", 120, ["hybrid"], False),
    ("ws7", "WS 7 \u2013 Room K", 100, ["hybrid"], False),
    ("ws8", "WS 8 \u2013 Room C-1", 140, ["hybrid"], False),
    ("ws9", "WS 9 \u2013 Room C-2", 100, ["hybrid"], False),
    ("ws10", "WS 10 \u2013 Room I", 80, ["hybrid"], False),
    ("room-h", "SC \u2013 Room H", 60, ["hybrid"], False),
    ("room-d", "Room D", 120, [], True),
    ("breakout-2", "Break Out Room 2", 40, [], True),
    ("bilat-1", "Bilateral Room 1", 20, ["bilateral", "hybrid"], False),
    ("bilat-2", "Bilateral Room 2", 16, ["bilateral", "hybrid"], False),
]

# Sessions per type in the whole file (real records first, generated up to these numbers).
IGF_TARGET = OrderedDict([
    ("workshop", 100), ("open_forum", 42), ("town_hall", 22), ("networking", 14), ("lightning", 16),
    ("launch_award", 8), ("dc_session", 20), ("main", 8), ("bpf", 4), ("pn", 2), ("nri", 5), ("day0", 40),
    ("bilateral", 2),
])
ID_PREFIX = {
    "workshop": "ws-%03d", "open_forum": "of-%03d", "town_hall": "th-%03d", "networking": "ns-%03d",
    "lightning": "lt-%03d", "launch_award": "la-%03d", "dc_session": "dc-%03d", "main": "main-%02d",
    "high_level": "hl-%02d", "dc_main": "dcmain-%02d", "bpf": "bpf-%02d", "pn": "pn-%02d", "nri": "nri-%02d",
    "day0": "d0-%03d", "bilateral": "bil-%02d", "parliamentary": "parl-%02d", "newcomers": "newcomers-%02d",
    "side_event": "side-%02d", "taking_stock": "stock-%02d",
}
DURATIONS = {  # choices for a generated session or a record without a duration
    "workshop": [90, 90, 90, 60, 60], "open_forum": [60, 60, 60, 60, 90], "town_hall": [60, 60, 30],
    "networking": [60], "lightning": [30], "launch_award": [30, 60], "dc_session": [90, 90, 60],
    "main": [90], "high_level": [90], "dc_main": [90], "bpf": [90], "pn": [90], "nri": [90],
    "day0": [90, 90, 90, 120, 120], "bilateral": [90], "parliamentary": [90], "newcomers": [60],
    "side_event": [45], "taking_stock": [60],
}


def attendance_for(rng, t):
    return {
        "workshop": lambda: lognorm(rng, 60, 15, 220), "open_forum": lambda: lognorm(rng, 50, 15, 180),
        "town_hall": lambda: lognorm(rng, 40, 12, 120), "networking": lambda: lognorm(rng, 35, 12, 90),
        "lightning": lambda: rng.randint(15, 45), "launch_award": lambda: rng.randint(20, 80),
        "dc_session": lambda: rng.randint(20, 70), "main": lambda: rng.randint(300, 800),
        "high_level": lambda: rng.randint(400, 1200), "dc_main": lambda: 350,
        "bpf": lambda: rng.randint(80, 250), "pn": lambda: rng.randint(80, 250), "nri": lambda: rng.randint(80, 250),
        "day0": lambda: lognorm(rng, 70, 20, 400), "bilateral": lambda: rng.randint(8, 14),
        "parliamentary": lambda: 150, "newcomers": lambda: 250, "side_event": lambda: 60,
        "taking_stock": lambda: 300, "opening": lambda: 1500, "closing": lambda: 900,
    }[t]()


def speakers_for(rng, t):
    if t in ("lightning", "launch_award", "bilateral"):
        return rng.randint(1, 2)
    if t in ("main", "high_level", "dc_main", "bpf", "pn", "nri"):
        return rng.randint(3, 5)
    return rng.randint(1, 3)


def make_igf_like():
    rng = random.Random(SEED)
    venue = load("2023-venue.json")
    records = load("2023-sessions.json")
    dcs = load("dynamic-coalitions.json")
    assert [n for _, n in THEMES] == venue["sub_themes"], "sub-themes differ from 2023-venue.json"
    dates = {d["label"]: d["date"] for d in venue["days"]}

    # --- days and rooms
    days = []
    for label in ("Day 0", "Day 1", "Day 2", "Day 3", "Day 4"):
        d = OrderedDict([("date", dates[label]), ("label", label)])
        slots = {"Day 1": DAY1_SLOTS, "Day 4": DAY4_SLOTS}.get(label)
        if slots:
            d["slots"] = slots
        d["starts"] = grid_starts(slots or STD_SLOTS)
        days.append(d)
    main_labels = ["Day 1", "Day 2", "Day 3", "Day 4"]
    rooms = []
    room_by_name = {}
    for rid, name, capacity, feats, day0_only in IGF_ROOMS:
        r = OrderedDict([("id", rid), ("name", name), ("capacity", capacity), ("features", feats)])
        if day0_only:
            r["unavailable"] = [{"day": lab} for lab in main_labels]
        rooms.append(r)
        room_by_name[name] = rid

    # --- groups: DCs, BPFs, PNs, NRIs
    groups = []
    dc_gid = {}
    for dc in dcs:
        if dc["acronym"] in DC_EXCLUDE:
            continue
        gid = slug(dc["acronym"])
        dc_gid[dc["acronym"]] = gid
        groups.append(OrderedDict([("id", gid), ("name", dc["name"]), ("kind", "dc"), ("topics", dc["topics"])]))
    extra_groups = [
        ("bpf-cyber", "Best Practice Forum on Cybersecurity", "bpf", ["cybersecurity", "cyber norms"]),
        ("bpf-gender", "Best Practice Forum on Gender and Digital Rights", "bpf", ["gender", "online violence"]),
        ("bpf-ai", "Best Practice Forum on AI and Data", "bpf", ["AI governance", "data governance"]),
        ("bpf-env", "Best Practice Forum on Environment", "bpf", ["climate", "environmental footprint"]),
        ("pn-frag", "Policy Network on Internet Fragmentation", "pn", ["fragmentation"]),
        ("pn-access", "Policy Network on Meaningful Access", "pn", ["meaningful access", "connectivity"]),
        ("nris", "National, Regional and Youth IGF Initiatives", "nri", ["NRIs"]),
    ]
    for gid, name, kind, topics in extra_groups:
        groups.append(OrderedDict([("id", gid), ("name", name), ("kind", kind), ("topics", topics)]))

    people = People(rng)
    counters = Counter()
    used_titles = set()
    sessions = []

    def next_id(t):
        counters[t] += 1
        return ID_PREFIX[t] % counters[t]

    def themes_of(theme_slug):
        th = [theme_slug] if theme_slug else []
        if theme_slug and rng.random() < 0.1:
            other = pick_theme(rng)
            if other != theme_slug:
                th.append(other)
        return th

    def finish(s, t, fixed_people=(), n_speakers=None, moderator=None):
        """Adds people, attendance and the hybrid requirement of a session with remote people."""
        if n_speakers is None:
            n_speakers = speakers_for(rng, t)
        if moderator is None:
            moderator = t not in ("lightning", "launch_award", "bilateral") and rng.random() < 0.6
        pre = t == "day0" or s.get("days") == ["Day 0"]
        refs, remote = people.staff(n_speakers, moderator, fixed_people, pre=pre)
        s["people"] = refs
        if "attendance" not in s:
            s["attendance"] = attendance_for(rng, t)
        if remote and "hybrid" not in s.get("requires", []) and t != "bilateral":
            s["requires"] = s.get("requires", []) + ["hybrid"]
        return s

    # DCCG coordinators (invented people), also organisers of their own coalition's session.
    dccg = [people.new(remote=False, quota=4, reserved=True), people.new(remote=False, quota=4, reserved=True)]
    dccg_dc = ["DC-CIV", "DC-Gender"]  # invented: which coalitions they coordinate

    # --- real records
    no_slot_ws = [r for r in records if r["type"] == "Workshop" and not r.get("day") and r["id"] != "WS #260"]
    optional_ids = {r["id"] for r in rng.sample(no_slot_ws, 30)}
    for rec in records:
        if rec["id"] == "WS #260":  # same session as Open Forum #168 (see its note)
            continue
        rt = rec["type"]
        if rt == "Ceremony":
            t = "opening" if "Opening" in rec["title"] else "closing"
        elif rec["id"] == "DC Main Session":
            t = "dc_main"
        else:
            t = TYPE_MAP[rt]
        dur = rec.get("duration_min")
        if t == "lightning":
            dur = 30
        if not dur:
            dur = rng.choice(DURATIONS[t])
        theme = THEME_SLUG.get(rec.get("theme"))
        tags = title_tags(rec["title"])
        if theme is None and t not in ("opening", "closing", "newcomers", "taking_stock"):
            # infer a theme from the tags, else leave the session without one
            guess = {"AI governance": "ai", "generative AI": "ai", "child online safety": "cyber",
                     "platform regulation": "rights", "human rights": "rights", "disinformation": "cyber",
                     "fragmentation": "frag", "data flows": "data", "connectivity": "divides"}
            for tg in tags:
                if tg in guess:
                    theme = guess[tg]
                    break
        x = OrderedDict([("id", rec["id"]), ("type", rt)])
        for k in ("day", "start"):
            if rec.get(k):
                x[k] = rec[k]
        if rec.get("room"):
            x["room"] = room_by_name.get(rec["room"], rec["room"])
        x["source_url"] = rec["source_url"]
        sid = {"opening": "opening", "closing": "closing"}.get(t) or next_id(t)
        used_titles.add(rec["title"])
        s = session(sid, rec["title"], t, dur, themes=themes_of(theme) if t not in ("opening", "closing") else [],
                    tags=tags)
        s["x-origin"] = "2023 record"
        s["x-2023"] = x
        fixed = []
        if t == "opening":
            s["pin"] = {"day": "Day 1", "start": "10:30", "room": "main-hall"}
        elif t == "closing":
            s["pin"] = {"day": "Day 4", "start": "17:30", "room": "main-hall"}
        elif t == "dc_main":
            s["pin"] = {"day": "Day 4"}  # partial pin: day only
            fixed = [(dccg[0]["id"], "organiser"), (dccg[1]["id"], "moderator")]
        elif t == "taking_stock":
            s["pin"] = {"day": "Day 4"}  # partial pin: day only
            s["requires"] = ["plenary"]
        elif rec["id"] == "Global Youth Summit":
            s["pin"] = {"room": "ws1"}  # partial pin: room only (it was in Annex Hall 1)
            s["attendance"] = 500
        elif t == "high_level" and rec["id"].startswith("High Level Panel"):
            s["days"] = ["Day 0"]
        elif rec["id"] == "AI Special Session":
            s["days"] = ["Day 1"]
            s["prefer"] = [{"day": "Day 1", "from": "11:15", "to": "12:45", "weight": 2}]
        elif t == "newcomers":
            s["times"] = [{"day": "Day 1", "from": "08:45", "to": "10:15"}]
        elif t in ("nri", "parliamentary"):
            s["requires"] = ["interpretation"]
        if t == "dc_session":
            acr = re.findall(r"DC-[A-Za-z]+|DCAD|IS3C|IRPC", rec["id"] + " " + rec["title"])
            gl = []
            for a in acr:
                if a in dc_gid and dc_gid[a] not in gl:
                    gl.append(dc_gid[a])
            s["groups"] = gl
            if DC_THEME.get(acr[0]) and not s.get("themes"):
                s["themes"] = [DC_THEME[acr[0]]]
            for a in acr:
                if a in dccg_dc:
                    fixed.append((dccg[dccg_dc.index(a)]["id"], "organiser"))
        if t == "bpf":
            s["groups"] = ["bpf-cyber"]
        if t == "pn":
            s["groups"] = ["pn-frag" if "Fragmentation" in rec["title"] else "pn-access"]
        if t == "nri":
            s["groups"] = ["nris"]
        if rec["id"] in optional_ids:
            s["optional"] = True
            s["priority"] = rng.choice([1, 1, 2, 3])
        if t in ("opening", "closing"):
            finish(s, t, n_speakers=rng.randint(4, 6), moderator=True)
        else:
            finish(s, t, fixed_people=fixed)
        sessions.append(s)

    # --- generated sessions up to the targets
    have = Counter(s["type"] for s in sessions)
    dc_with_session = {g for s in sessions if s["type"] == "dc_session" for g in s.get("groups", [])}
    dc_pool = [dc for dc in dcs if dc["acronym"] in dc_gid and dc_gid[dc["acronym"]] not in dc_with_session]
    rng.shuffle(dc_pool)
    # the DCCG co-ordinators' own coalitions get a session for sure (pop() takes from the end)
    dc_pool.sort(key=lambda dc: dc["acronym"] in dccg_dc)
    main_themes = ["frag", "divides", "ai"]
    bpf_groups = [("bpf-gender", "rights", "Best Practice Forum on Gender and Digital Rights"),
                  ("bpf-ai", "ai", "Best Practice Forum on AI and Data"),
                  ("bpf-env", "env", "Best Practice Forum on Environment")]
    fmt = {"workshop": "{s}: {a}", "open_forum": "{s}: {a}", "town_hall": "Town hall \u2013 {s}: {a}",
           "networking": "Networking \u2013 {s}: {a}", "lightning": "Lightning talk \u2013 {s}: {a}",
           "launch_award": "Launch \u2013 {s}: {a}", "day0": "Day 0 \u2013 {s}: {a}",
           "nri": "NRI collaborative session \u2013 {s}: {a}"}
    for t, target in IGF_TARGET.items():
        for _ in range(target - have[t]):
            sid = next_id(t)
            dur = rng.choice(DURATIONS[t])
            extra = {}
            fixed = []
            if t == "dc_session":
                dc = dc_pool.pop()
                theme = DC_THEME[dc["acronym"]]
                title = "%s: %s \u2013 annual session" % (dc["acronym"], dc["topics"][0][0].upper() + dc["topics"][0][1:])
                tags = list(dc["topics"][:2])
                extra["groups"] = [dc_gid[dc["acronym"]]]
                if dc["acronym"] in dccg_dc:
                    fixed = [(dccg[dccg_dc.index(dc["acronym"])]["id"], "organiser")]
            elif t == "main":
                theme = main_themes.pop(0)
                title = "Main Session on %s" % dict(THEMES)[theme]
                tags = list(rng.choice(SUBJECTS[theme])[1])
            elif t == "bpf":
                gid, theme, name = bpf_groups.pop(0)
                title = name
                tags = [g["topics"] for g in groups if g["id"] == gid][0][:2]
                extra["groups"] = [gid]
            elif t == "bilateral":
                theme = None
                title = ["Bilateral meeting: host-country delegation and IGF Secretariat",
                         "Bilateral meeting: MAG Chair and Leadership Panel"][counters[t] - 1]
                tags = []
                extra["requires"] = ["hybrid"]
            else:
                theme = pick_theme(rng)
                title, tags = new_title(rng, theme, used_titles, fmt.get(t, "{s}: {a}"))
                if t == "nri":
                    extra["groups"] = ["nris"]
                if rng.random() < 0.3:
                    pool = SUBJECTS[theme]
                    more = rng.choice(pool)[1][0]
                    if more not in tags:
                        tags.append(more)
            s = session(sid, title, t, dur, themes=themes_of(theme), tags=tags, **extra)
            s["x-origin"] = "generated"
            finish(s, t, fixed_people=fixed)
            sessions.append(s)

    # A few soft wishes and day exclusions on generated sessions (invented).
    gen = [s for s in sessions if s["x-origin"] == "generated" and s["type"] in ("workshop", "open_forum")]
    for s in rng.sample(gen, 6):
        s["prefer"] = [{"day": rng.choice(main_labels), "weight": 1}]
    for s in rng.sample([g for g in gen if "prefer" not in g], 3):
        s["not_days"] = ["Day 4"]

    # Key order inside sessions: the format's order, notes last.
    order = ["id", "title", "type", "duration", "themes", "tags", "people", "groups", "attendance", "requires",
             "optional", "priority", "pin", "days", "not_days", "times", "prefer", "x-origin", "x-2023"]
    sessions = [OrderedDict((k, s[k]) for k in order if k in s) for s in sessions]

    problem = OrderedDict([
        ("format", "igfsched-problem/1"),
        ("_note", "Generated by examples/make_examples.py (seed 2023) from the IGF 2023 facts in examples/data/. "
                  "Titles, types, themes and durations of 'x-origin: 2023 record' sessions are public facts; "
                  "people, attendance, capacities (except the Main Hall), tags and generated sessions are invented. "
                  "See examples/README.md."),
        ("meeting", OrderedDict([
            ("name", "IGF-like example (IGF 2023, Kyoto)"),
            ("timezone", "Asia/Tokyo"),
            ("utc_offset", "+09:00"),
            ("join_gap", 15),
            ("slots", STD_SLOTS),
        ])),
        ("days", days),
        ("rooms", rooms),
        ("themes", [OrderedDict([("id", a), ("name", b)]) for a, b in THEMES]),
        ("theme_similarity", [OrderedDict([("a", a), ("b", b), ("value", v)]) for a, b, v in THEME_SIMILARITY]),
        ("people", people.people),
        ("groups", groups),
        ("sessions", sessions),
    ])
    return problem


# ----------------------------------------------------------------------------- dc-joint.json

JOINTS = [  # (title, coalitions): invented groupings of thematically close DCs
    ("Digital health: data, tools and trust", ["DC-DDHT", "DC-DH"]),
    ("Blockchain for public services: standards and assurance", ["DC-BAS", "DC-Blockchain"]),
    ("Children and young people online", ["DC-Children", "YCIG", "DC-G4P"]),
    ("Connecting the unconnected: community and island networks", ["DC3", "DC-Connecting the Unconnected", "DC-SIDS"]),
    ("Core values, standards and a secure DNS", ["DC-CIV", "IS3C", "DC-IoT", "DC-DNSI"]),
    ("Data and AI governance", ["DC-DAIG", "DC-DT"]),
    ("Rights, gender and accessibility", ["IRPC", "DC-Gender", "DCAD"]),
    ("The digital economy: finance, platforms and neutrality", ["DC-Digital Economy", "DC-DFI", "DCNN"]),
    ("Learning and access to information", ["DC-SIG", "DC-OER", "DC-PAL"]),
    ("Platforms, news media and the public sphere", ["DCPR", "DC-Sustainability"]),
]


def make_dc_joint():
    rng = random.Random(SEED)
    venue = load("2023-venue.json")
    dcs = [dc for dc in load("dynamic-coalitions.json") if dc["acronym"] not in DC_EXCLUDE]
    dates = {d["label"]: d["date"] for d in venue["days"]}
    days = [OrderedDict([("date", dates[l]), ("label", l)]) for l in ("Day 1", "Day 2", "Day 3", "Day 4")]
    rooms = [
        OrderedDict([("id", "main-hall"), ("name", "Main Hall"), ("capacity", 1000),
                     ("features", ["plenary", "hybrid", "interpretation"])]),
        OrderedDict([("id", "ws-a"), ("name", "Workshop Room A"), ("capacity", 200), ("features", ["hybrid"])]),
        OrderedDict([("id", "ws-b"), ("name", "Workshop Room B"), ("capacity", 120), ("features", ["hybrid"])]),
        OrderedDict([("id", "ws-c"), ("name", "Workshop Room C"), ("capacity", 80), ("features", ["hybrid"])]),
        OrderedDict([("id", "bilat-1"), ("name", "Bilateral Room 1"), ("capacity", 30),
                     ("features", ["bilateral", "hybrid"])]),
        OrderedDict([("id", "bilat-2"), ("name", "Bilateral Room 2"), ("capacity", 20),
                     ("features", ["bilateral", "hybrid"])]),
        OrderedDict([("id", "bilat-3"), ("name", "Bilateral Room 3"), ("capacity", 20),
                     ("features", ["bilateral", "hybrid"])]),
    ]
    groups, gid = [], {}
    for dc in dcs:
        g = slug(dc["acronym"])
        gid[dc["acronym"]] = g
        groups.append(OrderedDict([("id", g), ("name", dc["name"]), ("kind", "dc"), ("topics", dc["topics"])]))

    people = People(rng, remote_share=0.1)
    # One coordinator per coalition (a few have two); 20 % of coordinators take part remotely.
    coord = {}
    for dc in dcs:
        n = 2 if rng.random() < 0.2 else 1
        coord[dc["acronym"]] = [people.new(remote=rng.random() < 0.2, quota=4)["id"] for _ in range(n)]
    dccg = [coord["DC-CIV"][0], coord["DC-Gender"][0]]  # invented: the DCCG co-facilitators
    secretariat = people.new(remote=False, quota=4, reserved=True)["id"]
    people.used.update(dccg + [secretariat])  # the main session below

    sessions = []
    dc_main = session("dcmain-01", "Dynamic Coalitions main session: the Internet we want", "dc_main", 90,
                      themes=["gov", "rights"], tags=["dynamic coalitions", "human rights"],
                      people=[{"id": dccg[0], "role": "organiser"}, {"id": dccg[1], "role": "moderator"},
                              {"id": secretariat, "role": "other"}],
                      attendance=350)
    sessions.append(dc_main)
    by_acr = {dc["acronym"]: dc for dc in dcs}
    for i, (title, members) in enumerate(JOINTS, 1):
        themes = []
        for a in members:
            if DC_THEME[a] not in themes:
                themes.append(DC_THEME[a])
        tags = []
        for a in members:
            if by_acr[a]["topics"][0] not in tags:
                tags.append(by_acr[a]["topics"][0])
        refs = [{"id": coord[a][0], "role": "organiser" if k == 0 else "speaker"} for k, a in enumerate(members)]
        people.used.update(r["id"] for r in refs)
        s = session("joint-%02d" % i, "Joint DC session \u2013 " + title, "dc_joint", 90, themes=themes[:2],
                    tags=tags, people=refs, groups=[gid[a] for a in members], attendance=rng.randint(40, 120),
                    requires=["hybrid"])
        sessions.append(s)
    for i, dc in enumerate(dcs, 1):
        refs = [{"id": p, "role": "organiser" if k == 0 else "speaker"} for k, p in enumerate(coord[dc["acronym"]])]
        people.used.update(r["id"] for r in refs)
        s = session("bil-%02d" % i, "%s annual meeting" % dc["acronym"], "bilateral", 90,
                    themes=[DC_THEME[dc["acronym"]]], tags=list(dc["topics"][:2]), people=refs,
                    groups=[gid[dc["acronym"]]], attendance=rng.randint(8, 20), requires=["hybrid"])
        sessions.append(s)
    used = set()
    all_coords = [p for acr in sorted(coord) for p in coord[acr]]
    for i in range(1, 21):
        theme = pick_theme(rng)
        title, tags = new_title(rng, theme, used)
        fixed = []
        if rng.random() < 0.25:  # a coalition coordinator speaks at some workshops
            fixed = [(rng.choice(all_coords), "speaker")]
        refs, remote = people.staff(rng.randint(2, 3), True, fixed)
        s = session("ws-%03d" % i, title, "workshop", rng.choice([60, 90, 90]), themes=[theme], tags=tags,
                    people=refs, attendance=lognorm(rng, 60, 20, 180), requires=["hybrid"] if remote else [])
        sessions.append(s)

    problem = OrderedDict([
        ("format", "igfsched-problem/1"),
        ("_note", "Generated by examples/make_examples.py (seed 2023). Coalition names and topics are public facts "
                  "(examples/data/dynamic-coalitions.json); the meeting, rooms, groupings, people and workshops are "
                  "invented. See examples/README.md."),
        ("meeting", OrderedDict([
            ("name", "Dynamic Coalitions week (IGF 2023 dates)"),
            ("timezone", "Asia/Tokyo"),
            ("utc_offset", "+09:00"),
            ("join_gap", 15),
            ("slots", STD_SLOTS),
        ])),
        ("days", days),
        ("rooms", rooms),
        ("themes", [OrderedDict([("id", a), ("name", b)]) for a, b in THEMES]),
        ("people", people.people),
        ("groups", groups),
        ("sessions", sessions),
    ])
    return problem


# ----------------------------------------------------------------------------- main


def sanity(problem, max_per_person=4):
    """Ids unique, references resolve, each person in 1..max_per_person sessions."""
    for key in ("rooms", "themes", "people", "groups", "sessions"):
        ids = [x["id"] for x in problem.get(key, [])]
        assert len(ids) == len(set(ids)), "duplicate id in " + key
    themes = {t["id"] for t in problem["themes"]}
    groups = {g["id"] for g in problem.get("groups", [])}
    rooms = {r["id"] for r in problem["rooms"]}
    feats = {f for r in problem["rooms"] for f in r["features"]}
    days = {d["label"] for d in problem["days"]} | {d["date"] for d in problem["days"]}
    per_person = Counter()
    for s in problem["sessions"]:
        assert set(s.get("themes", [])) <= themes, s["id"]
        assert set(s.get("groups", [])) <= groups, s["id"]
        assert set(s.get("requires", [])) <= feats, s["id"]
        assert s.get("pin", {}).get("room", "main-hall") in rooms | {"main-hall"}, s["id"]
        assert set(s.get("days", [])) | set(s.get("not_days", [])) <= days, s["id"]
        ids = [r["id"] for r in s.get("people", [])]
        assert len(ids) == len(set(ids)), "person twice in " + s["id"]
        per_person.update(ids)
    for p in problem.get("people", []):
        n = per_person[p["id"]]
        assert 1 <= n <= max_per_person, "%s is in %d sessions" % (p["id"], n)


def check_feasible_margins(rows, limit=0.75):
    for label, req, optm, capm in rows:
        if capm and req > limit * capm:
            sys.exit("make_examples.py: %s: required demand %d min exceeds %.0f%% of %d min"
                     % (label, req, 100 * limit, capm))


def main():
    out = {}
    for name, make in (("igf-like.json", make_igf_like), ("dc-joint.json", make_dc_joint)):
        problem = make()
        sanity(problem)
        path = os.path.join(HERE, name)
        dump(problem, path)
        rows = summarise(problem, os.path.relpath(path))
        check_feasible_margins(rows)
        out[name] = problem
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
