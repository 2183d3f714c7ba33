evaluate fixture-problem.json schedule-start-not-time.schedule.json
