import-csv csv-header-unknown-column.csv --venue fixture-venue.json -o out.json
