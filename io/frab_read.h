/* The frab importer's two halves, io/frab_read.c (what a schedule.xml or schedule.json says,
 * read as it is) and io/frab_import.c (judging it and writing the problem): the events as read
 * and the helpers both use. Private to those two files. */
#ifndef IGS_IO_FRAB_READ_H
#define IGS_IO_FRAB_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "igfsched.h"

/* What the file says, before any judgement, and the judgement made of it. */

typedef struct {
	char *id, *name;
} fperson;

/* Why an event is not in the problem. */
typedef enum { KEPT, OUT_CANCELLED, OUT_DURATION, OUT_TIME, OUT_DUPLICATE } fate;

typedef struct {
	char *id, *guid, *slug, *date, *start, *duration, *room, *title, *track, *type, *abstract;
	fperson *persons;
	int n_persons;
	int day;          /* in I->days */
	char where[160];  /* "line 40, event 123" or "days[0].rooms.Ada[3], event 123" */
	int order;        /* in the file */
	/* judged */
	fate fate;
	char *sid;        /* the session id */
	int begin, dur;   /* minutes from midnight of its day's date, before the clock shift */
	int room_idx;     /* the room (a parallel room of its own after an overlap) */
	int track_idx;    /* in I->tracks, or -1 */
	int *people;      /* in I->people */
	int n_people;
} fevent;

typedef struct {
	char date[11];
	char *start_attr; /* the <day start=…> dateTime, or NULL */
	int first, last;  /* span of the kept events (after the shift) */
	int n_kept;
	int *cuts;        /* slot boundaries inside the span (thematic rooms) */
	int n_cuts;
} fday;

typedef struct {
	char *name, *id;
	int capacity;
	bool plenary;
	bool parallel; /* made for events overlapping in one room: open only in the hours used */
	int *from, *to; /* per day: the hours used, from > to when unused */
} froom;

typedef struct {
	const char *path;
	const igs_frab_import_options *o;
	igs_diag *d;
	igs_frab_import_stats st;
	bool oom;
	int errors;
	char *title, *acronym, *timeslot, *tz;
	fday *days;
	int n_days;
	fevent *ev;
	int n_ev, cap_ev;
	froom *rooms;
	int n_rooms;
	char **tracks;
	int n_tracks;
	fperson *people;
	int n_people;
	int offset;       /* UTC offset of the file's times, minutes */
	bool has_offset, mixed_offsets;
	int grid;
} importer;

/* A located warning or error (the error counts) about the file being imported. */
void igs_frab_warn(importer *I, const char *where, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void igs_frab_fail(importer *I, const char *where, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A copy of s (NULL stays NULL); I->oom when memory ran out. */
char *igs_frab_dup_or_oom(importer *I, const char *s);
/* Leading and trailing white space off, in place: XML text nodes keep the file's indentation. */
char *igs_frab_trim(char *s);
/* Drops a UTF-8 sequence that a length limit cut short at the end of s. */
void igs_frab_utf8_whole(char *s);
/* "YYYY-MM-DD" at s: its day number, or false. */
bool igs_frab_parse_date(const char *s, long *day);
/* "H:MM", "HH:MM" or "HH:MM:SS" (seconds dropped): minutes, hours up to max_h; -1 if not. */
int igs_frab_parse_clock(const char *s, int max_h);
/* An ISO 8601 dateTime: day number, clock minutes and, when it says one, the UTC offset. */
bool igs_frab_parse_datetime(const char *s, long *day, int *minute, bool *has_off, int *off);
/* The days, rooms and events of a schedule.xml (libxml2, no network) or a schedule.json
 * (Jansson) in text, as they are; errors located in I->d. IGS_OK, IGS_EINPUT or IGS_ENOMEM. */
int igs_frab_read_xml(importer *I, const char *text, size_t len);
int igs_frab_read_json(importer *I, const char *text, size_t len);

#endif
