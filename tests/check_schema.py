#!/usr/bin/env python3
"""Checks problem files against docs/problem.schema.json and for consistent references.

    python3 tests/check_schema.py [--fallback] [FILE ...]

With no FILE, checks every examples/*.json. Two passes per file:

1. Schema: with the `jsonschema` module (Draft 2020-12) when it can be imported; otherwise,
   or with --fallback, with the small built-in validator below, which interprets the
   keywords docs/problem.schema.json uses (type, required, properties, patternProperties,
   additionalProperties, propertyNames, items, $ref, const, enum, pattern, minimum,
   maximum, exclusiveMinimum, minLength, minItems, maxItems, oneOf, not, if/then).
2. References (always): ids unique in each list, day dates and labels unique, every theme,
   person, group, room and day a session names exists, theme_similarity names themes, every
   feature a session or its type needs is on some room, slots sorted and not overlapping,
   starts inside a slot, starts and start_every not both given.

Prints one line per file and every problem found; exits 1 if any file fails, 2 on usage.
Python 3 standard library only (jsonschema is optional).
"""

import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(ROOT, "docs", "problem.schema.json")

# Default room features of each type (docs/FORMAT.md, type_rules defaults).
TYPE_FEATURES = {"opening": ["plenary"], "closing": ["plenary"], "main": ["plenary"], "dc_main": ["plenary"],
                 "high_level": ["plenary"], "bilateral": ["bilateral"]}


# ----------------------------------------------------------------------------- fallback validator

def _is_type(x, t):
    if t == "object":
        return isinstance(x, dict)
    if t == "array":
        return isinstance(x, list)
    if t == "string":
        return isinstance(x, str)
    if t == "boolean":
        return isinstance(x, bool)
    if t == "null":
        return x is None
    if t == "number":
        return isinstance(x, (int, float)) and not isinstance(x, bool)
    if t == "integer":
        return (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer())
    raise ValueError("schema uses unknown type %r" % t)


class MiniValidator:
    def __init__(self, schema):
        self.root = schema

    def resolve(self, ref):
        if not ref.startswith("#/"):
            raise ValueError("only local $ref is supported: %r" % ref)
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def errors(self, x, schema=None, path="$"):
        if schema is None:
            schema = self.root
        if schema is True:
            return []
        if schema is False:
            return ["%s: not allowed" % path]
        out = []
        if "$ref" in schema:
            out += self.errors(x, self.resolve(schema["$ref"]), path)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(x, t) for t in types):
                return out + ["%s: %s is not of type %s" % (path, json.dumps(x)[:60], " or ".join(types))]
        if "const" in schema and x != schema["const"]:
            out.append("%s: must be %s" % (path, json.dumps(schema["const"])))
        if "enum" in schema and x not in schema["enum"]:
            out.append("%s: %s is not one of %s" % (path, json.dumps(x), schema["enum"]))
        if isinstance(x, str):
            if len(x) < schema.get("minLength", 0):
                out.append("%s: string is too short" % path)
            if "pattern" in schema and not re.search(schema["pattern"], x):
                out.append("%s: %s does not match %s" % (path, json.dumps(x), schema["pattern"]))
        if _is_type(x, "number"):
            if "minimum" in schema and x < schema["minimum"]:
                out.append("%s: %s is below the minimum %s" % (path, x, schema["minimum"]))
            if "maximum" in schema and x > schema["maximum"]:
                out.append("%s: %s is above the maximum %s" % (path, x, schema["maximum"]))
            if "exclusiveMinimum" in schema and x <= schema["exclusiveMinimum"]:
                out.append("%s: %s must be above %s" % (path, x, schema["exclusiveMinimum"]))
        if isinstance(x, list):
            if len(x) < schema.get("minItems", 0):
                out.append("%s: needs at least %d items" % (path, schema["minItems"]))
            if "maxItems" in schema and len(x) > schema["maxItems"]:
                out.append("%s: has more than %d items" % (path, schema["maxItems"]))
            if "items" in schema:
                for i, v in enumerate(x):
                    out += self.errors(v, schema["items"], "%s[%d]" % (path, i))
        if isinstance(x, dict):
            for k in schema.get("required", []):
                if k not in x:
                    out.append("%s: missing required key '%s'" % (path, k))
            props = schema.get("properties", {})
            pats = schema.get("patternProperties", {})
            for k, v in x.items():
                sub = "%s.%s" % (path, k)
                if "propertyNames" in schema:
                    out += self.errors(k, schema["propertyNames"], sub + " (key)")
                matched = False
                if k in props:
                    matched = True
                    out += self.errors(v, props[k], sub)
                for pat, ps in pats.items():
                    if re.search(pat, k):
                        matched = True
                        out += self.errors(v, ps, sub)
                if not matched and "additionalProperties" in schema:
                    ap = schema["additionalProperties"]
                    if ap is False:
                        out.append("%s: unknown key '%s'" % (path, k))
                    else:
                        out += self.errors(v, ap, sub)
        if "oneOf" in schema:
            n = sum(1 for s in schema["oneOf"] if not self.errors(x, s, path))
            if n != 1:
                out.append("%s: matches %d of the oneOf alternatives, not exactly one" % (path, n))
        if "not" in schema and not self.errors(x, schema["not"], path):
            out.append("%s: matches a forbidden combination %s" % (path, json.dumps(schema["not"])))
        if "if" in schema and not self.errors(x, schema["if"], path):
            if "then" in schema:
                out += self.errors(x, schema["then"], path)
        return out


def schema_errors(doc, schema, force_fallback):
    if not force_fallback:
        try:
            import jsonschema  # noqa: F401
        except ImportError:
            force_fallback = True
    if force_fallback:
        return MiniValidator(schema).errors(doc), "built-in validator"
    import jsonschema
    v = jsonschema.Draft202012Validator(schema)
    errs = sorted(v.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    return ["$%s: %s" % ("".join("[%d]" % p if isinstance(p, int) else ".%s" % p for p in e.absolute_path),
                         e.message[:200]) for e in errs], "jsonschema " + _version()


def _version():
    try:
        from importlib.metadata import version
        return version("jsonschema")
    except Exception:  # pragma: no cover - only for the message
        return "?"


# ----------------------------------------------------------------------------- reference checks

def _minutes(t):
    h, m = t.split(":")
    return int(h) * 60 + int(m)


def _interval(s):
    if isinstance(s, dict):  # a named slot: {"name": "Wed1", "time": "09:30-10:30"}
        s = s.get("time", "")
    a, b = s.split("-")
    return _minutes(a), _minutes(b)


def reference_errors(doc):
    """Cross-reference checks; assumes the shapes the schema asks for, skips what is missing."""
    out = []
    if not isinstance(doc, dict):
        return out

    def lst(key):
        v = doc.get(key, [])
        return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []

    ids = {}
    for key in ("rooms", "themes", "people", "groups", "sessions"):
        seen = {}
        for i, x in enumerate(lst(key)):
            xid = x.get("id")
            if xid in seen:
                out.append("%s[%d].id: '%s' repeats %s[%d].id" % (key, i, xid, key, seen[xid]))
            seen.setdefault(xid, i)
        ids[key] = set(seen)

    # days: dates and labels unique; a day reference is either
    day_refs, day_by_ref = set(), {}
    meeting = doc.get("meeting", {}) if isinstance(doc.get("meeting"), dict) else {}
    for i, d in enumerate(lst("days")):
        label = d.get("label", d.get("date"))
        for what, v in (("date", d.get("date")), ("label", label)):
            if what == "label" and label == d.get("date"):
                continue
            if v in day_refs:
                out.append("days[%d].%s: '%s' is already a date or label of another day" % (i, what, v))
            day_refs.add(v)
            day_by_ref[v] = d
        slots = d.get("slots", meeting.get("slots", []))
        if not slots:
            out.append("days[%d]: has no slots (give days[].slots or meeting.slots)" % i)
        spans = []
        for s in slots:
            try:
                a, b = _interval(s)
            except ValueError:
                continue
            if a >= b:
                out.append("days[%d]: slot %s ends before it starts" % (i, s))
            spans.append((a, b, s))
        for (a1, b1, s1), (a2, b2, s2) in zip(spans, spans[1:]):
            if a2 < b1:
                out.append("days[%d]: slots %s and %s are not sorted or overlap" % (i, s1, s2))
        if "starts" in d and "start_every" in d:
            out.append("days[%d]: gives both starts and start_every" % i)
        for t in d.get("starts", []):
            try:
                m = _minutes(t)
            except ValueError:
                continue
            if not any(a <= m < b for a, b, _ in spans):
                out.append("days[%d].starts: %s is not inside a slot" % (i, t))

    def check_day(v, where):
        if v is not None and v not in day_refs:
            out.append("%s: '%s' is not a day's date or label" % (where, v))

    features = set()
    for i, r in enumerate(lst("rooms")):
        features.update(r.get("features", []))
        for k, w in enumerate(r.get("unavailable", [])):
            if isinstance(w, dict):
                check_day(w.get("day"), "rooms[%d].unavailable[%d].day" % (i, k))
    if len(features) > 64:
        out.append("rooms: %d distinct features; at most 64 are supported" % len(features))

    for i, s in enumerate(lst("theme_similarity")):
        for k in ("a", "b"):
            if s.get(k) not in ids["themes"]:
                out.append("theme_similarity[%d].%s: '%s' is not a theme id" % (i, k, s.get(k)))
        if s.get("a") == s.get("b"):
            out.append("theme_similarity[%d]: a theme's similarity with itself is implied" % i)

    for i, t in enumerate(lst("themes")):
        for pid in t.get("chairs", []) if isinstance(t, dict) else []:
            if pid not in ids["people"]:
                out.append("themes[%d].chairs: '%s' is not a person id" % (i, pid))

    for i, p in enumerate(lst("people")):
        if p.get("remote") and "utc_offset" not in p:
            out.append("people[%d]: a remote person needs utc_offset" % i)

    rules = doc.get("type_rules", {}) if isinstance(doc.get("type_rules"), dict) else {}
    for i, s in enumerate(lst("sessions")):
        where = "sessions[%d] ('%s')" % (i, s.get("id"))
        for th in s.get("themes", []):
            if th not in ids["themes"]:
                out.append("%s.themes: '%s' is not a theme id" % (where, th))
        seen_people = set()
        for ref in s.get("people", []):
            pid = ref.get("id") if isinstance(ref, dict) else ref
            if pid not in ids["people"]:
                out.append("%s.people: '%s' is not a person id" % (where, pid))
            seen_people.add(pid)
        for pid in s.get("attendees", []):
            if pid not in ids["people"]:
                out.append("%s.attendees: '%s' is not a person id" % (where, pid))
            elif pid in seen_people:
                out.append("%s.attendees: '%s' is also in the session's people" % (where, pid))
        for g in s.get("groups", []):
            if g not in ids["groups"]:
                out.append("%s.groups: '%s' is not a group id" % (where, g))
        stype = s.get("type", "workshop")
        rule = rules.get(stype, {}) if isinstance(rules.get(stype, {}), dict) else {}
        need = list(rule.get("room_features", TYPE_FEATURES.get(stype, []))) + list(s.get("requires", []))
        for f in need:
            if f not in features:
                out.append("%s: needs feature '%s', which no room has" % (where, f))
        pin = s.get("pin", {}) if isinstance(s.get("pin"), dict) else {}
        if "room" in pin and pin["room"] not in ids["rooms"]:
            out.append("%s.pin.room: '%s' is not a room id" % (where, pin["room"]))
        check_day(pin.get("day"), where + ".pin.day")
        for key in ("days", "not_days"):
            for v in s.get(key, []):
                check_day(v, "%s.%s" % (where, key))
        for key in ("times", "not_times", "prefer"):
            for k, w in enumerate(s.get(key, [])):
                if isinstance(w, dict):
                    check_day(w.get("day"), "%s.%s[%d].day" % (where, key, k))
    return out


# ----------------------------------------------------------------------------- main

def main(argv):
    force_fallback = "--fallback" in argv
    files = [a for a in argv if a != "--fallback"]
    if any(a.startswith("-") for a in files):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    if not files:
        files = sorted(glob.glob(os.path.join(ROOT, "examples", "*.json")))
        if not files:
            print("check_schema.py: no examples/*.json found", file=sys.stderr)
            return 1
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    failed = 0
    for path in files:
        name = os.path.relpath(path)
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print("%s: FAIL: cannot read: %s" % (name, e))
            failed += 1
            continue
        errs, how = schema_errors(doc, schema, force_fallback)
        errs = ["schema: " + e for e in errs] + ["references: " + e for e in reference_errors(doc)]
        if errs:
            failed += 1
            print("%s: FAIL (%s), %d problem(s)" % (name, how, len(errs)))
            for e in errs[:50]:
                print("  " + e)
            if len(errs) > 50:
                print("  ... and %d more" % (len(errs) - 50))
        else:
            n = len(doc.get("sessions", []))
            print("%s: ok (%s; %d sessions)" % (name, how, n))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
