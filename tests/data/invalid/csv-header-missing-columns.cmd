import-csv csv-header-missing-columns.csv --venue fixture-venue.json -o out.json
