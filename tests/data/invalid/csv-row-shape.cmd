import-csv csv-row-shape.csv --venue fixture-venue.json -o out.json
