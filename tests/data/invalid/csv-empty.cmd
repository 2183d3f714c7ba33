import-csv csv-empty.csv --venue fixture-venue.json -o out.json
