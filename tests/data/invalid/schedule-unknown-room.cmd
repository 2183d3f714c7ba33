evaluate fixture-problem.json schedule-unknown-room.schedule.json
