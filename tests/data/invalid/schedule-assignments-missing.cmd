evaluate fixture-problem.json schedule-assignments-missing.schedule.json
