schedule fixture-problem.json
