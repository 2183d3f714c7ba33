evaluate fixture-problem.json
