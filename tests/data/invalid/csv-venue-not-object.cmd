import-csv csv-venue-not-object.csv --venue csv-venue-not-object.venue.json -o out.json
