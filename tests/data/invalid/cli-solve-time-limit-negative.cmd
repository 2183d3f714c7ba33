solve fixture-problem.json --time-limit -1 -o out.json
