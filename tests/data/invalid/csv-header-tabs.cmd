import-csv csv-header-tabs.csv --venue fixture-venue.json -o out.json
