evaluate fixture-problem.json fixture-schedule.json --weight no_such_term=1
