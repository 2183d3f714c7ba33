import-csv csv-no-rows.csv -o out.json
