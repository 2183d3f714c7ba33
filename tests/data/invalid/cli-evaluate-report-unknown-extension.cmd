evaluate fixture-problem.json fixture-schedule.json -o report.csv
