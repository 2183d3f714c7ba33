check fixture-problem.json fixture-venue.json
