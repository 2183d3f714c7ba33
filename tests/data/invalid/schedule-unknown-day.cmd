evaluate fixture-problem.json schedule-unknown-day.schedule.json
