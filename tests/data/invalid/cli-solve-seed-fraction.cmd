solve fixture-problem.json --seed 1.5 -o out.json
