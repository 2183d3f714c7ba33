evaluate fixture-problem.json schedule-start-off-grid.schedule.json
