group fixture-problem.json -k 2 --min-size 5 --max-size 3
