solve fixture-problem.json --format yaml -o out.json
