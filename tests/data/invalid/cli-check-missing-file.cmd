check no-such-problem.json
