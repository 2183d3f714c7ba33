evaluate fixture-problem.json schedule-not-object.schedule.json
