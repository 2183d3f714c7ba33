evaluate fixture-problem.json schedule-several-errors.schedule.json
