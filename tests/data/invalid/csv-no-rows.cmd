import-csv csv-no-rows.csv --venue fixture-venue.json -o out.json
