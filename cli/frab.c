/* The program's import-frab command: a published frab / Pentabarf / pretalx schedule in (docs/IMPORT.md). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#define IMPORT_FRAB_FLAGS(X, A)                                                                    \
	X(A, text, out, "--output", "-o", "PROBLEM.json", NULL, 0, 0, NULL, "the problem file to write (required)") \
	X(A, text, real, "--real-schedule", NULL, "REAL.json", NULL, 0, 0, NULL,                    \
	  "also write the programme as it was published, as a schedule of that problem")           \
	X(A, flag, thematic, "--thematic-rooms", NULL, NULL, 0, 0, 0, NULL,                          \
	  "one track per room and slot (meeting.thematic_rooms; FOSDEM's developer rooms);\n"       \
	  "slots are cut where a room changes track in the programme")                             \
	X(A, flag, used_hours, "--used-hours", NULL, NULL, 0, 0, 0, NULL,                            \
	  "rooms open only in the hours the programme used them (default: all day on the\n"      \
	  "days they are used)")                                                                   \
	X(A, text, plenary, "--plenary-room", NULL, "NAME[;NAME...]", NULL, 0, 0, NULL,              \
	  "rooms with the plenary feature; the events held there require it")                      \
	X(A, text, capacity, "--capacity", NULL, "NAME=SEATS[;...]", NULL, 0, 0, NULL,               \
	  "room capacities, which a schedule file does not say")                                   \
	X(A, int, max_duration, "--max-duration", NULL, "MIN", 720, 1, 1440, NULL,                    \
	  "longer events are left out as absurd")                                                  \
	X(A, int, timeslot, "--timeslot", NULL, "MIN", 0, 0, 60, NULL,                                \
	  "the start grid in minutes (0: the file's timeslot_duration, else 5)")
CLI_DEFINE_ARGS(import_frab_args, IMPORT_FRAB_FLAGS);

static int run_import_frab(const cli_command *c, int argc, char **argv) {
	import_frab_args a;
	const char *in;
	int rc = cli_parse(c, argc, argv, &a, NULL, &in, 1);
	if (rc != EXIT_OK)
		return rc;
	if (!in || !a.out) {
		fprintf(stderr, "igfsched: import-frab needs %s\n",
			!in ? "the schedule file (schedule.xml or schedule.json)" : "-o PROBLEM.json, the problem file to write");
		cli_usage(c, stderr);
		return EXIT_INPUT;
	}
	if ((rc = cli_refuse_overwrite((const char *const[]){a.out, a.real}, 2, &in, 1)) != EXIT_OK)
		return rc;
	if (a.real && strcmp(a.real, a.out) == 0) {
		fprintf(stderr, "igfsched: --real-schedule and -o name the same file '%s'\n", a.out);
		return EXIT_INPUT;
	}
	igs_diag *d = igs_diag_new();
	if (!d)
		return EXIT_SYSTEM;
	igs_frab_import_options o = {.real_schedule = a.real,
				     .thematic_rooms = a.thematic,
				     .used_hours = a.used_hours,
				     .plenary_rooms = a.plenary,
				     .capacities = a.capacity,
				     .max_duration = a.max_duration,
				     .timeslot = a.timeslot};
	igs_frab_import_stats st;
	rc = igs_import_frab(&st, in, a.out, &o, d);
	igs_diag_print(d, stderr);
	igs_diag_free(d);
	int out_of = st.cancelled + st.bad_duration + st.bad_time + st.duplicates;
	if (st.events)
		fprintf(stderr,
		"%s: %d events read, %d kept, %d left out (%d cancelled, %d zero or absurd duration, %d without a usable "
		"time, %d listed twice)\n",
		in, st.events, st.kept, out_of, st.cancelled, st.bad_duration, st.bad_time, st.duplicates);
	if (st.events)
		fprintf(stderr,
		"  kept with a warning: %d overlapping another in its room (moved to a parallel room), %d person "
		"clashes, %d without persons, %d ids taken twice, %d rooms of one day\n",
		st.room_overlaps, st.person_clashes, st.no_persons, st.duplicate_ids, st.one_day_rooms);
	if (rc == IGS_OK) {
		fprintf(stderr, "wrote %s: %d days, %d-minute grid, %d rooms, %d themes, %d sessions, %d people\n", a.out,
			st.days, st.slot_minutes, st.rooms, st.themes, st.kept, st.people);
		if (a.real)
			fprintf(stderr, "wrote %s: the programme as published, %d hard violations (the data's own)\n", a.real,
				st.real_hard);
	}
	return cli_exit_code(rc, false);
}

const cli_spec cli_import_frab = {
	.about = "Turns a published frab, Pentabarf or pretalx schedule (schedule.xml, or schedule.json)\n"
		 "into a problem file: a day per <day>, the rooms used, a theme per track, the type as\n"
		 "session type, persons as people, a start grid of the conference's timeslot_duration\n"
		 "over each day's span. Rooms are open on the days the programme used them (with\n"
		 "--used-hours only in those hours). Real data's flaws are warnings, each with its\n"
		 "event: cancelled, zero or absurd durations and repeated listings are left out;\n"
		 "events overlapping in a room get a parallel room; a person in two events at once is\n"
		 "kept as the data says.\n"
		 "The problem is loaded back before it is written; on an error nothing is written.\n"
		 "Details: docs/IMPORT.md.\n",
	.positional = "one schedule file",
	CLI_ARGS_OF(import_frab_args),
	.run = run_import_frab,
};
