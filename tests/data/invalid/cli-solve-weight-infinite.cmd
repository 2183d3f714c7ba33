solve fixture-problem.json --weight theme_clash=inf -o out.json
