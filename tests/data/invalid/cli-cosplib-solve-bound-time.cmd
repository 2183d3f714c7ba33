cosplib-solve instance.json --bound-time soon
