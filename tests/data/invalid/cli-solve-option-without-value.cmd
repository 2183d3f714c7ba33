solve fixture-problem.json --time-limit
