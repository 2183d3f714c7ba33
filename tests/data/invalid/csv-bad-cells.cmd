import-csv csv-bad-cells.csv --venue fixture-venue.json -o out.json
