evaluate fixture-problem.json schedule-unknown-key.schedule.json
