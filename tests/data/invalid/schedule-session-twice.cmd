evaluate fixture-problem.json schedule-session-twice.schedule.json
