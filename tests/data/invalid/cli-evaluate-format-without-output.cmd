evaluate fixture-problem.json fixture-schedule.json --format csv
