evaluate fixture-problem.json schedule-session-wrong-case.schedule.json
