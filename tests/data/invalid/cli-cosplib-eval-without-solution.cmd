cosplib-eval instance.json
