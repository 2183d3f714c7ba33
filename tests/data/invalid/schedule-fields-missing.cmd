evaluate fixture-problem.json schedule-fields-missing.schedule.json
