import-csv csv-header-repeated-column.csv --venue fixture-venue.json -o out.json
