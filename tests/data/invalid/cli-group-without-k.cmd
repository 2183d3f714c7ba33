group fixture-problem.json
