import-csv csv-venue-missing.csv --venue no-such-venue.json -o out.json
