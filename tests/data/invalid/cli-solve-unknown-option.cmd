solve fixture-problem.json --bogus
