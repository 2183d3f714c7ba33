#!/usr/bin/env python3
"""Generates IGF-like igfsched problem files of any size, for benchmarks.

    python3 bench/gen_igf.py --sessions N --seed S -o FILE [--oversubscription 1.05]
                             [--utilisation 0.62] [--summary]

Python 3 standard library only. Deterministic: every random choice comes from one
random.Random(seed), nothing depends on hash order, so the same N, seed and options give
byte-identical output. Everything in the output is invented; the shapes follow the IGF
(see bench/README.md for the shapes and for the rule by which days and rooms grow with N):

- days: pre-event days ("Day 0", and more before it for large N) and main days, each with
  the IGF 2023 grid (six slots with 15-minute changeovers, starts every 30 minutes), the
  first main day with an opening slot, the last with a closing slot;
- rooms: one plenary Main Hall, large halls with interpretation, medium and small workshop
  rooms (almost all hybrid), lightning-talk stages, Day-0-only rooms and bilateral rooms;
- sessions of every IGF type with IGF durations; the proposal types (workshops, open forums,
  town halls, networking, lightning talks, launches, Day 0 events) are partly optional, and
  the optional ones over-subscribe the room time, so some must be left out;
- eight themes with Zipf-like popularity, free tags with Zipf-like popularity (the
  vocabulary grows with N), a theme_similarity matrix;
- people with quotas of 1-4 sessions, 12 % remote with a UTC offset and local hours;
- Dynamic Coalitions, BPFs, Policy Networks and NRI groups of at most six sessions each;
- pins (opening and closing in full, a few day-only and room-only pins), some day
  preferences, not_days and not_times.

The number of sessions written is exactly N. The generator stops with an error when the
required demand of some room class would exceed 75 % of its room time.
"""

import argparse
import datetime
import json
import math
import random
import sys
from collections import Counter, OrderedDict

# ----------------------------------------------------------------------------- vocabulary

# The eight themes, most popular first; popularity ~ 1 / rank^THEME_ZIPF.
THEMES = [
    ("cyber", "Cybersecurity, Cybercrime & Online Safety"),
    ("ai", "AI & Emerging Technologies"),
    ("divides", "Digital Divides & Inclusion"),
    ("gov", "Global Digital Governance & Cooperation"),
    ("data", "Data Governance & Trust"),
    ("rights", "Human Rights & Freedoms"),
    ("frag", "Avoiding Internet Fragmentation"),
    ("env", "Sustainability & Environment"),
]
THEME_ZIPF = 0.9

# How alike two distinct themes are (symmetric; pairs not listed are 0).
THEME_SIMILARITY = [
    ("cyber", "rights", 0.2), ("cyber", "data", 0.2), ("cyber", "frag", 0.1),
    ("ai", "data", 0.4), ("ai", "rights", 0.2), ("ai", "gov", 0.1), ("ai", "env", 0.1),
    ("divides", "env", 0.1), ("divides", "rights", 0.1), ("divides", "gov", 0.1),
    ("gov", "frag", 0.3), ("gov", "data", 0.1), ("data", "rights", 0.3), ("frag", "rights", 0.1),
]

# Topic tags of each theme, most popular first.
THEME_TAGS = {
    "cyber": ["cybersecurity", "child online safety", "cybercrime", "disinformation", "encryption",
              "cyber norms", "ransomware", "online violence", "IoT security", "online fraud"],
    "ai": ["AI governance", "generative AI", "AI safety", "algorithmic accountability", "open-source AI",
           "metaverse", "quantum", "deepfakes", "AI standards", "future of work"],
    "divides": ["connectivity", "meaningful access", "digital skills", "community networks", "affordability",
                "accessibility", "multilingualism", "satellites", "gender divide", "older persons"],
    "gov": ["multistakeholder", "GDC", "WSIS+20", "IGF future", "digital public infrastructure",
            "capacity building", "parliaments", "digital trade", "regional cooperation", "internet standards"],
    "data": ["data protection", "data flows", "privacy", "digital ID", "digital health", "PETs",
             "data governance", "open data", "DFFT", "data localisation"],
    "rights": ["human rights", "freedom of expression", "platform regulation", "content moderation",
               "surveillance", "internet shutdowns", "journalism", "digital rights", "due diligence",
               "migrants"],
    "frag": ["fragmentation", "interoperability", "digital sovereignty", "DNS", "routing security",
             "submarine cables", "universal acceptance", "infrastructure", "net neutrality", "IPv6"],
    "env": ["climate", "environmental footprint", "e-waste", "green data centres", "circular economy",
            "sustainable AI", "energy", "smart cities", "disaster response", "agriculture"],
}
# Tags that cut across themes, most popular first.
CROSS_TAGS = ["youth", "gender", "Global South", "capacity building", "SDGs", "education", "private sector",
              "civil society", "research", "small island states", "indigenous peoples", "local languages"]
# Qualifiers that grow the tag vocabulary for large meetings ("connectivity: Africa").
QUALIFIERS = ["Africa", "Asia-Pacific", "Latin America", "Europe", "Arab region", "health", "education",
              "finance", "elections", "cities", "courts", "media", "labour", "energy", "SMEs", "humanitarian",
              "transport", "agriculture", "tourism", "sport"]
TAG_ZIPF = 1.0

ANGLES = ["lessons from the Global South", "a multistakeholder dialogue", "from principles to practice",
          "regional perspectives", "what comes next", "building capacity", "youth perspectives",
          "evidence and research", "policy options", "voices from small island states",
          "the role of the private sector", "local solutions, global lessons", "measuring progress",
          "civil society perspectives", "the role of governments", "a practitioners' exchange"]
REGIONS = ["Africa", "Asia-Pacific", "Latin America and the Caribbean", "Eastern Europe", "Western Europe",
           "Arab States", "North America", "Small Island States", "Central Asia", "South Asia"]

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

# Remote participants: (UTC offset, local hours in which they can take part).
REMOTE = [("-05:00", "07:00-23:00"), ("-04:00", "07:00-22:00"), ("-03:00", "07:00-22:00"),
          ("+00:00", "07:00-22:00"), ("+01:00", "07:00-22:00"), ("+02:00", "07:00-22:00"),
          ("+03:00", "07:00-21:00"), ("+05:30", "07:00-22:00"), ("+08:00", "08:00-20:00"),
          ("+11:00", "08:00-20:00")]

# ----------------------------------------------------------------------------- session types

# Share of each "bulk" type in the sessions that are not per-day or one-off items (IGF 2023:
# 100 workshops, 42 open forums, 40 Day 0 events, 22 town halls, 20 DC sessions, ...).
BULK_SHARE = OrderedDict([
    ("workshop", 100), ("open_forum", 42), ("day0", 40), ("town_hall", 22), ("dc_session", 20),
    ("lightning", 16), ("networking", 14), ("launch_award", 8), ("bilateral", 6), ("nri", 5), ("bpf", 4),
    ("pn", 2),
])
# Types of which part may be left out (proposals the programme may not have room for).
PROPOSAL_TYPES = ("workshop", "open_forum", "town_hall", "networking", "lightning", "launch_award", "day0")
DURATIONS = {
    "opening": [30], "closing": [60], "main": [90], "high_level": [90], "dc_main": [90],
    "workshop": [90, 90, 90, 60, 60], "open_forum": [60, 60, 60, 90], "town_hall": [60, 60, 30],
    "lightning": [30], "networking": [60], "dc_session": [90, 90, 60], "bpf": [90], "pn": [90], "nri": [90],
    "launch_award": [30, 60], "day0": [60, 90, 90, 120, 120], "bilateral": [90], "newcomers": [60],
    "taking_stock": [60], "parliamentary": [90],
}
PREFIX = {
    "opening": "opening", "closing": "closing", "main": "main", "high_level": "hl", "dc_main": "dcmain",
    "workshop": "ws", "open_forum": "of", "town_hall": "th", "lightning": "lt", "networking": "ns",
    "dc_session": "dc", "bpf": "bpf", "pn": "pn", "nri": "nri", "launch_award": "la", "day0": "d0",
    "bilateral": "bil", "newcomers": "newcomers", "taking_stock": "stock", "parliamentary": "parl",
}
TITLE = {
    "workshop": "{s}: {a}", "open_forum": "Open forum \u2013 {s}: {a}", "town_hall": "Town hall \u2013 {s}",
    "lightning": "Lightning talk \u2013 {s}", "networking": "Networking \u2013 {s}",
    "launch_award": "Launch \u2013 {s} report", "day0": "Day 0 \u2013 {s}: {a}", "main": "Main session on {s}",
    "high_level": "High-level panel \u2013 {s}", "dc_session": "{g}: {s}", "bpf": "{g}: {s}",
    "pn": "{g}: {s}", "nri": "NRI collaborative session \u2013 {s} ({g})", "bilateral": "Bilateral meeting {n}",
}

SLOTS = ["09:00-10:30", "10:45-12:15", "12:30-13:30", "13:45-15:15", "15:30-17:00", "17:15-18:45"]
FIRST_SLOTS = ["08:45-10:15", "10:30-11:00", "11:15-12:45", "13:00-14:00", "14:15-15:45", "16:00-17:30",
               "17:45-18:45"]
LAST_SLOTS = ["09:00-10:30", "10:45-12:15", "12:30-13:30", "13:45-15:15", "15:30-17:00", "17:30-18:30"]
DAY1 = datetime.date(2023, 10, 9)
MIN_CAPACITY = 40  # hard minimum room size of every session but bilateral meetings (bilateral rooms seat 16-30)  # Day 1; pre-event days are the days before it

# ----------------------------------------------------------------------------- helpers


def tmin(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def slot_minutes(slots):
    total = 0
    for s in slots:
        a, b = s.split("-")
        total += tmin(b) - tmin(a)
    return total


def span_minutes(slots):
    """From the first slot's start to the last slot's end: an upper bound on the usable room time
    of a day, as sessions may run through the changeovers (join_gap)."""
    return tmin(slots[-1].split("-")[1]) - tmin(slots[0].split("-")[0])


def zipf_weights(n, s):
    return [1.0 / (k + 1) ** s for k in range(n)]


def lognorm(rng, median, lo, hi, sigma=0.5):
    return int(max(lo, min(hi, round(rng.lognormvariate(math.log(median), sigma)))))


def apportion(total, shares):
    """Integer counts proportional to shares summing to total (largest remainder, ties by order)."""
    keys = list(shares)
    s = float(sum(shares.values()))
    raw = [total * shares[k] / s for k in keys]
    out = [int(math.floor(x)) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(keys)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return OrderedDict(zip(keys, out))


def dump(obj, path):
    """Writes the problem: top-level keys one per line, list items one per line."""
    lines = ["{"]
    items = list(obj.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(v, list) and v and isinstance(v[0], (dict, list)):
            lines.append("  %s: [" % json.dumps(k))
            for j, x in enumerate(v):
                lines.append("    " + json.dumps(x, ensure_ascii=False) + ("," if j < len(v) - 1 else ""))
            lines.append("  ]" + comma)
        elif isinstance(v, dict):
            lines.append("  %s: {" % json.dumps(k))
            sub = list(v.items())
            for j, (kk, vv) in enumerate(sub):
                lines.append("    %s: %s%s" % (json.dumps(kk), json.dumps(vv, ensure_ascii=False),
                                              "," if j < len(sub) - 1 else ""))
            lines.append("  }" + comma)
        else:
            lines.append("  %s: %s%s" % (json.dumps(k), json.dumps(v, ensure_ascii=False), comma))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if path == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


# ----------------------------------------------------------------------------- scaling rule


def scale(n):
    """Days of the meeting for n sessions: main days = 4 (n/300)^(1/3) rounded (the square root
    below 300 sessions, at least 2), pre-event days a quarter of that (at least 1). Rooms are
    sized later from the demand."""
    f = n / 300.0
    main_days = max(2, int(round(4 * f ** (1.0 / 3.0 if f >= 1 else 0.5))))
    pre_days = max(1, int(main_days / 4.0 + 0.5))
    return main_days, pre_days


# ----------------------------------------------------------------------------- people


class People:
    """Invented people. Each has a quota of 1-4 sessions (60/25/10/5 %); a session reuses
    someone with quota left (probability `reuse`) or creates a new person. At most one remote
    person per session, never as organiser; at most two pre-event sessions a person."""

    def __init__(self, rng, remote_share=0.12, reuse=0.4):
        self.rng = rng
        self.remote_share = remote_share
        self.reuse = reuse
        self.people = []
        self.quota = []
        self.used = []
        self.pre = []
        self.remote = []
        self.open = []       # indices of people with quota left, in a swap-remove list
        self.open_pos = {}

    def new(self, remote=None, quota=None, reserved=False):
        rng = self.rng
        i = len(self.people)
        name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        person = OrderedDict([("id", "p-%05d" % (i + 1)), ("name", name)])
        if remote is None:
            remote = rng.random() < self.remote_share
        if remote:
            off, avail = rng.choice(REMOTE)
            person["remote"] = True
            person["utc_offset"] = off
            person["available"] = [avail]
        if quota is None:
            quota = rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0]
            if remote:
                quota = min(quota, 2)
        self.people.append(person)
        self.quota.append(quota)
        self.used.append(0)
        self.pre.append(0)
        self.remote.append(bool(remote))
        if not reserved:
            self.open_pos[i] = len(self.open)
            self.open.append(i)
        return i

    def _close(self, i):
        k = self.open_pos.pop(i, None)
        if k is None:
            return
        last = self.open.pop()
        if last != i:
            self.open[k] = last
            self.open_pos[last] = k

    def pick(self, taken, allow_remote, pre):
        rng = self.rng
        if self.open and rng.random() < self.reuse:
            for _ in range(8):
                i = self.open[rng.randrange(len(self.open))]
                if i in taken or (self.remote[i] and not allow_remote) or (pre and self.pre[i] >= 2):
                    continue
                return i
        return self.new(remote=None if allow_remote else False)

    def staff(self, n_speakers, moderator, fixed=(), pre=False):
        """People of one session; returns (refs, has_remote)."""
        refs, taken = [], set()
        remote_used = False
        for i, role in fixed:
            refs.append((i, role))
            taken.add(i)
            remote_used = remote_used or self.remote[i]
        roles = ["organiser"] + ["speaker"] * n_speakers + (["moderator"] if moderator else [])
        for role in roles:
            i = self.pick(taken, allow_remote=not remote_used and role != "organiser", pre=pre)
            remote_used = remote_used or self.remote[i]
            taken.add(i)
            refs.append((i, role))
        for i, _ in refs:
            self.used[i] += 1
            if pre:
                self.pre[i] += 1
            if self.used[i] >= self.quota[i]:
                self._close(i)
        return [{"id": self.people[i]["id"], "role": role} for i, role in refs], remote_used


# ----------------------------------------------------------------------------- generator


def attendance_for(rng, t):
    return {
        "workshop": lambda: lognorm(rng, 60, 15, 220), "open_forum": lambda: lognorm(rng, 50, 15, 180),
        "town_hall": lambda: lognorm(rng, 40, 12, 120), "networking": lambda: lognorm(rng, 35, 12, 90),
        "lightning": lambda: rng.randint(15, 45), "launch_award": lambda: rng.randint(20, 80),
        "dc_session": lambda: rng.randint(20, 70), "main": lambda: rng.randint(300, 800),
        "high_level": lambda: rng.randint(400, 1200), "dc_main": lambda: 350,
        "bpf": lambda: rng.randint(80, 250), "pn": lambda: rng.randint(80, 250), "nri": lambda: rng.randint(80, 250),
        "day0": lambda: lognorm(rng, 70, 20, 400), "bilateral": lambda: rng.randint(6, 16),
        "parliamentary": lambda: 150, "newcomers": lambda: 250, "taking_stock": lambda: 300,
        "opening": lambda: 1500, "closing": lambda: 900,
    }[t]()


def speakers_for(rng, t):
    if t in ("lightning", "launch_award", "bilateral"):
        return rng.randint(1, 2)
    if t in ("main", "high_level", "dc_main", "bpf", "pn", "nri", "opening", "closing"):
        return rng.randint(3, 5)
    return rng.randint(1, 3)


class Vocab:
    """Themes and tags with Zipf-like popularity; the tag vocabulary grows with sqrt(n/300)."""

    def __init__(self, rng, n):
        self.rng = rng
        self.theme_ids = [t for t, _ in THEMES]
        self.theme_w = zipf_weights(len(THEMES), THEME_ZIPF)
        grow = max(0.0, math.sqrt(n / 300.0) - 1.0)
        self.tags = {}
        for th in self.theme_ids:
            base = list(THEME_TAGS[th])
            extra = int(round(len(base) * grow))
            more = ["%s: %s" % (base[k % len(base)], QUALIFIERS[(k // len(base)) % len(QUALIFIERS)])
                    for k in range(extra)]
            self.tags[th] = base + more
        self.tag_w = {th: zipf_weights(len(v), TAG_ZIPF) for th, v in self.tags.items()}
        self.cross_w = zipf_weights(len(CROSS_TAGS), TAG_ZIPF)

    def theme(self):
        return self.rng.choices(self.theme_ids, weights=self.theme_w)[0]

    def themes(self):
        th = [self.theme()]
        if self.rng.random() < 0.12:
            o = self.theme()
            if o != th[0]:
                th.append(o)
        return th

    def tags_for(self, theme):
        rng = self.rng
        k = rng.choices([1, 2, 3], weights=[30, 50, 20])[0]
        out = []
        for _ in range(k):
            if rng.random() < 0.75:
                t = rng.choices(self.tags[theme], weights=self.tag_w[theme])[0]
            else:
                t = rng.choices(CROSS_TAGS, weights=self.cross_w)[0]
            if t not in out:
                out.append(t)
        return out

    def subject(self, theme):
        t = self.rng.choices(self.tags[theme], weights=self.tag_w[theme])[0]
        return t[0].upper() + t[1:]


def generate(n, seed, oversubscription=1.05, utilisation=0.62):
    rng = random.Random(seed)
    main_days, pre_days = scale(n)
    vocab = Vocab(rng, n)
    people = People(rng)

    # --- days
    days = []
    pre_labels = []
    for k in range(pre_days):
        off = pre_days - k  # days before Day 1
        label = "Day 0" if off == 1 else "Day %d" % (1 - off)
        d = OrderedDict([("date", (DAY1 - datetime.timedelta(days=off)).isoformat()), ("label", label),
                         ("pre_event", True)])
        days.append(d)
        pre_labels.append(label)
    main_labels = []
    for k in range(main_days):
        label = "Day %d" % (k + 1)
        d = OrderedDict([("date", (DAY1 + datetime.timedelta(days=k)).isoformat()), ("label", label)])
        if k == 0:
            d["slots"] = FIRST_SLOTS
        elif k == main_days - 1:
            d["slots"] = LAST_SLOTS
        days.append(d)
        main_labels.append(label)
    first, last = main_labels[0], main_labels[-1]

    # --- session type counts
    fixed = OrderedDict([("opening", 1), ("closing", 1), ("dc_main", 1), ("taking_stock", 1), ("newcomers", 1),
                         ("parliamentary", 1 if n >= 200 else 0),
                         ("main", 2 * main_days), ("high_level", 4 * pre_days + main_days // 4)])
    n_fixed = sum(fixed.values())
    if n < n_fixed + 20:
        sys.exit("gen_igf.py: --sessions must be at least %d" % (n_fixed + 20))
    bulk = apportion(n - n_fixed, BULK_SHARE)
    counts = OrderedDict(list(fixed.items()) + list(bulk.items()))

    # --- groups: DCs (1-2 sessions each, some joint), BPFs and PNs (1-2 each), NRIs (<= 4 each)
    groups = []
    n_dc = max(4, int(round(counts["dc_session"] / 1.4)))
    n_bpf = max(1, int(math.ceil(counts["bpf"] / 1.5)))
    n_pn = max(1, int(math.ceil(counts["pn"] / 1.5)))
    n_nri = max(1, int(math.ceil(counts["nri"] / 4.0)))
    group_size = Counter()

    def add_group(gid, name, kind, theme):
        topics = vocab.tags_for(theme)
        groups.append(OrderedDict([("id", gid), ("name", name), ("kind", kind), ("topics", topics)]))
        return gid

    dc_ids, dc_theme = [], {}
    for k in range(n_dc):
        th = vocab.theme()
        subj = vocab.subject(th)
        gid = add_group("dc-%03d" % (k + 1), "Dynamic Coalition on %s" % subj, "dc", th)
        dc_ids.append(gid)
        dc_theme[gid] = (th, subj)
    bpf_ids, pn_ids = [], []
    for k in range(n_bpf):
        th = vocab.theme()
        subj = vocab.subject(th)
        bpf_ids.append((add_group("bpf-%02d" % (k + 1), "Best Practice Forum on %s" % subj, "bpf", th), th, subj))
    for k in range(n_pn):
        th = vocab.theme()
        subj = vocab.subject(th)
        pn_ids.append((add_group("pn-%02d" % (k + 1), "Policy Network on %s" % subj, "pn", th), th, subj))
    nri_ids = []
    for k in range(n_nri):
        region = REGIONS[k % len(REGIONS)]
        suffix = "" if k < len(REGIONS) else " %d" % (k // len(REGIONS) + 1)
        nri_ids.append(add_group("nri-%02d" % (k + 1), "NRIs of %s%s" % (region, suffix), "nri", vocab.theme()))

    # --- sessions
    width = max(3, len(str(n)))
    serial = Counter()
    sessions = []

    def new_id(t):
        serial[t] += 1
        if counts[t] == 1:
            return PREFIX[t]
        return "%s-%0*d" % (PREFIX[t], width, serial[t])

    def make(t, theme=None, title=None, group=None, extra_groups=(), fixed_people=(), pre=False, **kw):
        s = OrderedDict([("id", new_id(t))])
        if theme is None and t not in ("opening", "closing", "newcomers", "taking_stock", "bilateral"):
            theme = vocab.theme()
        themes = [theme] if theme else []
        if theme and rng.random() < 0.12:
            o = vocab.theme()
            if o != theme:
                themes.append(o)
        if title is None:
            subj = vocab.subject(theme) if theme else ""
            title = TITLE.get(t, "{s}").format(s=subj, a=rng.choice(ANGLES), g=group or "", n=serial[t])
        s["title"] = title
        s["type"] = t
        s["duration"] = rng.choice(DURATIONS[t])
        s["themes"] = themes
        s["tags"] = vocab.tags_for(theme) if theme else []
        moderator = t not in ("lightning", "launch_award", "bilateral") and rng.random() < 0.6
        n_sp = speakers_for(rng, t)
        refs, remote = people.staff(n_sp, moderator, fixed_people, pre=pre)
        s["people"] = refs
        gl = ([group] if group else []) + [g for g in extra_groups if g != group]
        if gl:
            s["groups"] = gl
            for g in gl:
                group_size[g] += 1
        s["attendance"] = attendance_for(rng, t)
        if t != "bilateral":
            s["min_capacity"] = MIN_CAPACITY  # keeps programme sessions out of the bilateral rooms
        req = list(kw.pop("requires", []))
        if remote and "hybrid" not in req:
            req.append("hybrid")
        if req:
            s["requires"] = req
        for k, v in kw.items():
            s[k] = v
        for k in ("themes", "tags"):
            if not s[k]:
                del s[k]
        sessions.append(s)
        return s

    # one-off and per-day items
    make("opening", title="Opening ceremony", pin=OrderedDict([("day", first), ("start", "10:30"),
                                                               ("room", "main-hall")]))
    make("closing", title="Closing ceremony", pin=OrderedDict([("day", last), ("start", "17:30"),
                                                               ("room", "main-hall")]))
    make("dc_main", theme="gov", title="Dynamic Coalitions main session", pin={"day": last})
    make("taking_stock", title="Open mic \u2013 taking stock", requires=["plenary"], pin={"day": last})
    make("newcomers", title="Newcomers' track", times=[OrderedDict([("day", first), ("from", "08:45"),
                                                                   ("to", "12:45")])])
    if counts["parliamentary"]:
        make("parliamentary", theme="gov", title="Parliamentary roundtable", requires=["interpretation"])
    for k in range(counts["main"]):
        th = vocab.theme_ids[k % len(vocab.theme_ids)]
        kw = {}
        if k % 4 == 1:  # a quarter of the main sessions are pinned to a day (day-only pin)
            kw["pin"] = {"day": main_labels[(k // 2) % main_days]}
        make("main", theme=th, **kw)
    hl = 0
    for pl in pre_labels:
        for _ in range(4):
            hl += 1
            make("high_level", days=[pl], pre=True)
    while hl < counts["high_level"]:
        hl += 1
        make("high_level")

    # bulk items; the group-bearing ones take their groups in turn
    dc_cycle = list(dc_ids)
    rng.shuffle(dc_cycle)
    # Proposal-type sessions draw u and a priority now; they become optional when u < q,
    # with q chosen below for the wanted over-subscription (so the draws never depend on q).
    draws = []
    youth = 0
    for t, c in bulk.items():
        for k in range(c):
            kw = {}
            if t in PROPOSAL_TYPES:
                u, pr = rng.random(), rng.choice([1, 1, 1, 2, 2, 3])
                if t == "day0" and youth < pre_days:
                    u = 2.0  # the youth summits below are never optional
                draws.append((len(sessions), u, pr))
            if t == "dc_session":
                g = dc_cycle[k % len(dc_cycle)]
                th, subj = dc_theme[g]
                extra = []
                if rng.random() < 0.1:  # a joint session of two coalitions
                    o = dc_cycle[(k * 7 + 3) % len(dc_cycle)]
                    if group_size[o] < 5:
                        extra = [o]
                grp_name = [x["name"] for x in groups if x["id"] == g][0] if n_dc < 200 else g
                make(t, theme=th, group=g, extra_groups=extra,
                     title="%s \u2013 %s" % (grp_name, rng.choice(ANGLES)), **kw)
            elif t in ("bpf", "pn"):
                gid, th, subj = (bpf_ids if t == "bpf" else pn_ids)[k % (n_bpf if t == "bpf" else n_pn)]
                make(t, theme=th, group=gid, title="%s (session %d)" % (
                    "Best Practice Forum on " + subj if t == "bpf" else "Policy Network on " + subj,
                    k // (n_bpf if t == "bpf" else n_pn) + 1), **kw)
            elif t == "nri":
                gid = nri_ids[k % n_nri]
                make(t, group=gid, requires=["interpretation"], **kw)
            elif t == "bilateral":
                make(t, requires=["hybrid"], **kw)
            elif t == "day0":
                if youth < pre_days:  # a youth summit on each pre-event day
                    youth += 1
                    kw["days"] = [pre_labels[youth - 1]]
                    kw["pin"] = {"room": "hall-%02d" % youth}
                    s = make(t, title="Youth summit %d" % youth, pre=True, **kw)
                    s["duration"] = 120
                    s["attendance"] = 500
                    continue
                make(t, pre=True, **kw)
            elif t == "workshop" and rng.random() < 0.06 and dc_ids:
                # a workshop co-organised by a coalition with room in its group
                g = dc_ids[rng.randrange(len(dc_ids))]
                make(t, group=g if group_size[g] < 3 else None, **kw)
            else:
                make(t, **kw)

    # soft wishes and day/time exclusions (invented)
    movable = [s for s in sessions if s["type"] in ("workshop", "open_forum", "town_hall", "networking")
               and "pin" not in s and "days" not in s]
    rng.shuffle(movable)
    n_pref = max(3, n // 50)
    n_not = max(2, n // 100)
    n_nt = max(1, n // 200)
    for s in movable[:n_pref]:
        p = OrderedDict([("day", rng.choice(main_labels))])
        if rng.random() < 0.4:
            p["from"], p["to"] = rng.choice([("09:00", "12:15"), ("13:45", "18:45")])
        p["weight"] = rng.choice([1, 1, 2])
        s["prefer"] = [p]
    for s in movable[n_pref:n_pref + n_not]:
        s["not_days"] = [rng.choice(main_labels)]
    for s in movable[n_pref + n_not:n_pref + n_not + n_nt]:
        s["not_times"] = [OrderedDict([("from", "12:30"), ("to", "13:30")])]  # not over lunch, any day

    # --- optional sessions and rooms, sized from the demand
    day_min = {d["label"]: slot_minutes(d.get("slots", SLOTS)) for d in days}
    main_min = sum(day_min[l] for l in main_labels)
    main_span = sum(span_minutes(d.get("slots", SLOTS)) for d in days if d["label"] in main_labels)
    pre_min = sum(day_min[l] for l in pre_labels)
    pre_set = set(pre_labels)
    # exclusive ceremonies block every other room while they run
    excl = sum(s["duration"] for s in sessions if s["type"] in ("opening", "closing"))

    def cls(s):
        if s["type"] == "bilateral":
            return "bil"
        if s["type"] == "day0" or (s.get("days") and set(s["days"]) <= pre_set):
            return "pre"
        return "main"

    base = Counter()  # required minutes of the sessions that are never optional, per class
    for i, s in enumerate(sessions):
        base[cls(s)] += s["duration"]
        if "interpretation" in s.get("requires", []):
            base["interp"] += s["duration"]
    for i, u, _ in draws:
        s = sessions[i]
        base[cls(s)] -= s["duration"]  # counted per q below
    by_u = sorted(draws, key=lambda x: (x[1], x[0]))

    def size(q):
        """Room counts when the draws below q are optional, and (required + optional) / room time
        of the main days."""
        req = Counter(base)
        opt = Counter()
        lt_req = 0
        for i, u, _ in by_u:
            s = sessions[i]
            if u < q:
                opt[cls(s)] += s["duration"]
            else:
                req[cls(s)] += s["duration"]
                if s["type"] == "lightning":
                    lt_req += s["duration"]
        n_prog = max(4, int(math.ceil(req["main"] / (utilisation * (main_min - excl)))))
        n_stage = max(1, int(math.ceil(lt_req / (0.45 * main_min))))
        n_large = max(2, pre_days, int(round(0.12 * n_prog)), int(math.ceil(req["interp"] / (0.4 * main_min))))
        n_rest = max(1, n_prog - 1 - n_stage - n_large)
        n_medium = int(round(0.4 * n_rest))
        n_small = n_rest - n_medium
        n_prog = 1 + n_large + n_medium + n_small + n_stage
        n_day0 = max(1, int(round(0.15 * n_prog)), int(math.ceil(req["pre"] / (utilisation * pre_min))) - n_prog)
        n_bil = max(2, int(math.ceil(req["bil"] / (0.4 * (main_min + pre_min)))))
        ratio = (req["main"] + opt["main"]) / float(n_prog * main_span - excl * (n_prog - 1))
        return (n_large, n_medium, n_small, n_stage, n_day0, n_bil), ratio

    # the smallest q (in steps of 0.01) that over-subscribes the main days as asked
    # (or, when no q reaches it, the q with the highest ratio)
    best = None
    for step in range(0, 91):
        sz, ratio = size(step / 100.0)
        if best is None or ratio > best[2] + 1e-12:
            best = (step / 100.0, sz, ratio)
        if ratio >= oversubscription:
            best = (step / 100.0, sz, ratio)
            break
    q, sizes = best[0], best[1]
    for i, u, pr in draws:
        if u < q:
            sessions[i]["optional"] = True
            sessions[i]["priority"] = pr
    n_large, n_medium, n_small, n_stage, n_day0, n_bil = sizes
    n_prog = 1 + n_large + n_medium + n_small + n_stage

    rooms = []

    def room(rid, name, cap, feats, unavailable=None):
        r = OrderedDict([("id", rid), ("name", name), ("capacity", cap), ("features", feats)])
        if unavailable:
            r["unavailable"] = unavailable
        rooms.append(r)

    room("main-hall", "Main Hall", 2000, ["plenary", "hybrid", "interpretation", "stage"])
    for k in range(n_large):
        room("hall-%02d" % (k + 1), "Annex Hall %d" % (k + 1), rng.choice([500, 600, 600, 800]),
             ["hybrid", "interpretation"])
    for k in range(n_medium):
        room("room-m%02d" % (k + 1), "Workshop Room M%d" % (k + 1), rng.choice([150, 180, 180, 200, 250]),
             ["hybrid"])
    for k in range(n_small):
        feats = [] if rng.random() < 0.1 else ["hybrid"]
        room("room-s%02d" % (k + 1), "Workshop Room S%d" % (k + 1), rng.choice([60, 80, 100, 100, 120, 140]),
             feats)
    for k in range(n_stage):
        room("stage-%02d" % (k + 1), "Lightning Stage %d" % (k + 1), rng.choice([60, 80, 100]),
             ["hybrid", "stage"])
    for k in range(n_day0):
        room("day0-%02d" % (k + 1), "Day 0 Room %d" % (k + 1), rng.choice([40, 80, 120, 150]), [],
             unavailable=[{"day": l} for l in main_labels])
    for k in range(n_bil):
        room("bilat-%02d" % (k + 1), "Bilateral Room %d" % (k + 1), rng.choice([16, 20, 20, 30]),
             ["bilateral", "hybrid"])
    # a few rooms closed for half a day on one main day (set-up, maintenance)
    for k in range(max(1, len(rooms) // 20)):
        r = rooms[1 + rng.randrange(n_prog - 1)]
        if "unavailable" in r:
            continue
        r["unavailable"] = [OrderedDict([("day", rng.choice(main_labels[1:-1] or main_labels)),
                                         ("from", "13:45"), ("to", "18:45")])]

    # lightning talks need a stage
    for s in sessions:
        if s["type"] == "lightning":
            s["requires"] = s.get("requires", []) + ["stage"]

    order = ["id", "title", "type", "duration", "themes", "tags", "people", "groups", "attendance", "min_capacity",
             "requires", "optional", "priority", "pin", "days", "not_days", "times", "not_times", "prefer"]
    sessions = [OrderedDict((k, s[k]) for k in order if k in s) for s in sessions]
    assert len(sessions) == n, (len(sessions), n)

    problem = OrderedDict([
        ("format", "igfsched-problem/1"),
        ("_note", "Generated by bench/gen_igf.py --sessions %d --seed %d --oversubscription %g --utilisation %g. "
                  "Everything is invented; see bench/README.md." % (n, seed, oversubscription, utilisation)),
        ("meeting", OrderedDict([("name", "IGF-like benchmark, %d sessions" % n), ("timezone", "Asia/Tokyo"),
                                 ("utc_offset", "+09:00"), ("join_gap", 15), ("slots", SLOTS),
                                 ("start_every", 30)])),
        ("days", days),
        ("rooms", rooms),
        ("themes", [OrderedDict([("id", a), ("name", b)]) for a, b in THEMES]),
        ("theme_similarity", [OrderedDict([("a", a), ("b", b), ("value", v)]) for a, b, v in THEME_SIMILARITY]),
        ("people", people.people),
        ("groups", groups),
        ("sessions", sessions),
    ])
    return problem


# ----------------------------------------------------------------------------- checks and summary


def room_minutes(problem, day, room, span=False):
    """Minutes of the day's slots (or of its full span) in which the room is available."""
    slots = day.get("slots", problem["meeting"]["slots"])
    if span:
        slots = ["%s-%s" % (slots[0].split("-")[0], slots[-1].split("-")[1])]
    total = 0
    for sl in slots:
        a, b = (tmin(x) for x in sl.split("-"))
        free = b - a
        for w in room.get("unavailable", []):
            if w.get("day") in (None, day["date"], day["label"]):
                lo, hi = max(a, tmin(w.get("from", "00:00"))), min(b, tmin(w.get("to", "24:00")))
                free -= max(0, hi - lo)
        total += free
    return total


def demand_rows(problem):
    """(label, required minutes, optional minutes, room minutes) per room class."""
    days = problem["days"]
    pre = [d for d in days if d.get("pre_event")]
    main = [d for d in days if not d.get("pre_event")]
    pre_l = {d["label"] for d in pre}
    rooms = problem["rooms"]
    ss = problem["sessions"]

    def cap(ds, pred, span=False):
        return sum(room_minutes(problem, d, r, span) for d in ds for r in rooms if pred(r))

    def only_pre(s):
        return s["type"] == "day0" or (s.get("days") and set(s["days"]) <= pre_l)

    def dem(pred, optional):
        return sum(s["duration"] for s in ss if pred(s) and bool(s.get("optional")) == optional)

    nb = lambda r: "bilateral" not in r["features"]
    excl = sum(s["duration"] for s in ss if s["type"] in ("opening", "closing")) * (sum(map(nb, rooms)) - 1)
    rows = []
    p_main = lambda s: not only_pre(s) and s["type"] != "bilateral"
    rows.append(("main days, non-bilateral rooms, less exclusive time", dem(p_main, False), dem(p_main, True),
                 cap(main, nb) - excl))
    rows.append(("  the same against the full day span (changeovers usable)", dem(p_main, False),
                 dem(p_main, True), cap(main, nb, True) - excl))
    p_pre = lambda s: only_pre(s)
    rows.append(("pre-event days, non-bilateral rooms", dem(p_pre, False), dem(p_pre, True), cap(pre, nb)))
    plen = lambda s: s["type"] in ("opening", "closing", "main", "high_level", "dc_main") or \
        "plenary" in s.get("requires", [])
    rows.append(("plenary sessions, plenary room, all days", dem(plen, False), 0,
                 cap(days, lambda r: "plenary" in r["features"])))
    p_hl0 = lambda s: s["type"] == "high_level" and only_pre(s)
    rows.append(("pre-event high-level panels, plenary room", dem(p_hl0, False), 0,
                 cap(pre, lambda r: "plenary" in r["features"])))
    p_int = lambda s: "interpretation" in s.get("requires", [])
    rows.append(("interpretation sessions, interpretation rooms, main days", dem(p_int, False), dem(p_int, True),
                 cap(main, lambda r: "interpretation" in r["features"])))
    p_lt = lambda s: "stage" in s.get("requires", [])
    rows.append(("lightning talks, stage rooms, main days", dem(p_lt, False), dem(p_lt, True),
                 cap(main, lambda r: "stage" in r["features"])))
    p_bil = lambda s: s["type"] == "bilateral"
    rows.append(("bilateral meetings, bilateral rooms, all days", dem(p_bil, False), dem(p_bil, True),
                 cap(days, lambda r: "bilateral" in r["features"])))
    return rows


def check(problem, limit=0.75):
    """Ids unique, references resolve, each person in 1..4 sessions, groups <= 6 sessions,
    required demand <= limit of room time in every class."""
    for key in ("rooms", "themes", "people", "groups", "sessions"):
        ids = [x["id"] for x in problem.get(key, [])]
        assert len(ids) == len(set(ids)), "duplicate id in " + key
    feats = {f for r in problem["rooms"] for f in r["features"]}
    groups = {g["id"] for g in problem["groups"]}
    per_person, per_group = Counter(), Counter()
    for s in problem["sessions"]:
        assert set(s.get("requires", [])) <= feats, s["id"]
        assert set(s.get("groups", [])) <= groups, s["id"]
        ids = [r["id"] for r in s.get("people", [])]
        assert len(ids) == len(set(ids)), "person twice in " + s["id"]
        per_person.update(ids)
        per_group.update(s.get("groups", []))
    for p in problem["people"]:
        assert 1 <= per_person[p["id"]] <= 4, p["id"]
    assert not per_group or max(per_group.values()) <= 6, per_group.most_common(1)
    rows = demand_rows(problem)
    for label, rq, _, cap in rows:
        if cap and rq > limit * cap:
            sys.exit("gen_igf.py: %s: required demand %d min exceeds %.0f%% of %d min of room time"
                     % (label, rq, 100 * limit, cap))
    return rows


def summary(problem, rows, out):
    ss = problem["sessions"]
    by_type = Counter(s["type"] for s in ss)
    opt = Counter(s["type"] for s in ss if s.get("optional"))
    pre = sum(1 for d in problem["days"] if d.get("pre_event"))
    out.write("%d sessions (%d optional), %d rooms, %d days (%d pre-event), %d people (%d remote), %d groups\n"
              % (len(ss), sum(opt.values()), len(problem["rooms"]), len(problem["days"]), pre,
                 len(problem["people"]), sum(1 for p in problem["people"] if p.get("remote")),
                 len(problem["groups"])))
    out.write("  sessions per type (optional):\n")
    for t, c in sorted(by_type.items(), key=lambda x: (-x[1], x[0])):
        out.write("    %-14s %6d%s\n" % (t, c, " (%d)" % opt[t] if opt[t] else ""))
    out.write("  demand vs room time (minutes; required + optional / room time):\n")
    for label, rq, op, cap in rows:
        out.write("    %-58s %7d + %7d / %8d  (%3.0f%% required, %3.0f%% all)\n"
                  % (label, rq, op, cap, 100.0 * rq / cap if cap else 0, 100.0 * (rq + op) / cap if cap else 0))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate an IGF-like igfsched problem file.")
    ap.add_argument("--sessions", type=int, required=True, help="number of sessions (e.g. 100 to 10000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("-o", "--output", default="-", help="output file ('-' = standard output, the default)")
    ap.add_argument("--oversubscription", type=float, default=1.05,
                    help="target (required + optional minutes of the main days) / (programme rooms x the full "
                         "span of the main days, changeovers included); above 1 some optional sessions must be "
                         "left out; sets how many proposals are optional (default 1.05)")
    ap.add_argument("--utilisation", type=float, default=0.62,
                    help="target share of main-day room time the required sessions fill; sets the room count "
                         "(default 0.62)")
    ap.add_argument("--summary", action="store_true", help="print sessions per type and demand on stderr")
    a = ap.parse_args(argv)
    if not 50 <= a.sessions <= 200000:
        ap.error("--sessions must be between 50 and 200000")
    if not 0 <= a.oversubscription <= 2:
        ap.error("--oversubscription must be between 0 and 2")
    if not 0.2 <= a.utilisation <= 0.75:
        ap.error("--utilisation must be between 0.2 and 0.75")
    problem = generate(a.sessions, a.seed, a.oversubscription, a.utilisation)
    rows = check(problem)
    dump(problem, a.output)
    if a.summary:
        summary(problem, rows, sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
