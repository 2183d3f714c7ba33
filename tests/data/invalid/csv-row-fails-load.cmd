import-csv csv-row-fails-load.csv --venue fixture-venue.json -o out.json
