solve fixture-problem.json --weight theme_clash=1e308 -o out.json
