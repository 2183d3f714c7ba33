#!/usr/bin/env python3
"""Writes the spreadsheet-input example from small.json: spreadsheet/venue-small.json
(small.json without its sessions) and spreadsheet/sessions-small.csv (its sessions as a
spreadsheet would export them), so that
`igfsched import-csv spreadsheet/sessions-small.csv --venue spreadsheet/venue-small.json -o X.json`
gives back small.json's sessions. Run from the repository root:
python3 examples/make_csv_example.py"""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    with open(os.path.join(HERE, "small.json"), encoding="utf-8") as f:
        small = json.load(f)
    venue = {k: v for k, v in small.items() if k != "sessions"}
    venue["_note"] = ("The venue of small.json (no sessions): with sessions-small.csv, the input of "
                      "'igfsched import-csv'. Written by make_csv_example.py.")
    with open(os.path.join(HERE, "spreadsheet", "venue-small.json"), "w", encoding="utf-8") as f:
        json.dump(venue, f, indent=2, ensure_ascii=False)
        f.write("\n")
    names = {p["id"]: p["name"] for p in small.get("people", [])}
    themes = {t["id"]: t.get("name", t["id"]) for t in small.get("themes", [])}
    cols = ["id", "title", "type", "duration", "themes", "tags", "organisers", "speakers", "groups",
            "expected attendance", "requirements", "priority", "optional"]
    with open(os.path.join(HERE, "spreadsheet", "sessions-small.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(cols)
        for s in small["sessions"]:
            people = [p if isinstance(p, dict) else {"id": p, "role": "other"} for p in s.get("people", [])]
            org = [names[p["id"]] for p in people if p.get("role") == "organiser"]
            spk = [names[p["id"]] for p in people if p.get("role") != "organiser"]
            w.writerow([
                s["id"], s.get("title", s["id"]), s.get("type", "workshop"), s["duration"],
                # theme names, as a spreadsheet would show them; the importer takes ids too
                "; ".join(themes[t] for t in s.get("themes", [])),
                "; ".join(s.get("tags", [])), "; ".join(org), "; ".join(spk), "; ".join(s.get("groups", [])),
                s.get("attendance", ""), "; ".join(s.get("requires", [])), s.get("priority", ""),
                "yes" if s.get("optional") else "",
            ])


if __name__ == "__main__":
    main()
