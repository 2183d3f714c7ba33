solve fixture-problem.json --reference reference-bad-start.schedule.json -o out.json --quiet
