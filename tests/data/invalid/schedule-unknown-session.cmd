evaluate fixture-problem.json schedule-unknown-session.schedule.json
