evaluate fixture-problem.json fixture-problem.json
