import-csv no-such-sessions.csv --venue fixture-venue.json -o out.json
