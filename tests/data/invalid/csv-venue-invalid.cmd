import-csv csv-venue-invalid.csv --venue csv-venue-invalid.venue.json -o out.json
