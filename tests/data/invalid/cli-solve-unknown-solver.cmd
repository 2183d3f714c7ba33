solve fixture-problem.json --solver fast -o out.json
