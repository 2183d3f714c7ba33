import-csv csv-header-semicolons.csv --venue fixture-venue.json -o out.json --delimiter ab
