import-csv csv-nul-bytes.csv --venue fixture-venue.json -o out.json
