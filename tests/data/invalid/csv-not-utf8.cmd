import-csv csv-not-utf8.csv --venue fixture-venue.json -o out.json
