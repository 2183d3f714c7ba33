solve fixture-problem.json --time-limit 0x10 -o out.json
