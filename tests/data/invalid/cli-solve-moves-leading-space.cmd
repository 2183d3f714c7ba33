solve fixture-problem.json --moves " 5" -o out.json
