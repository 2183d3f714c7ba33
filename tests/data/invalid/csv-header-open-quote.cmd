import-csv csv-header-open-quote.csv --venue fixture-venue.json -o out.json
