cosplib-solve instance.json --gap 0.1
