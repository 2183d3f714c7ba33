evaluate fixture-problem.json fixture-schedule.json --weight theme_clash=-1
