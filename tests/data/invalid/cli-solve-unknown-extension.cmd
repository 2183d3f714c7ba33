solve fixture-problem.json -o out.yaml
