duplicates fixture-problem.json --merge merge-unknown-session.merges.json
