duplicates fixture-problem.json --threshold 0
