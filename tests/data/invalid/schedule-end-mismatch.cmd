evaluate fixture-problem.json schedule-end-mismatch.schedule.json
