/* Default rules per session type (opening, main, day0, bilateral …). */
#ifndef IGS_MODEL_RULES_H
#define IGS_MODEL_RULES_H

#include "model/problem.h"

int igs_rules_default_count(void);
const char *igs_rules_default_type(int i);
/* The k-th room feature (k = 0, 1) the default rule of type i requires, or NULL. */
const char *igs_rules_default_feature(int i, int k);
/* Fills r with the defaults for 'type' (the generic rule for a type without defaults),
 * except room_features, which the loader resolves against the problem's features. */
/* The type that the default rule of type i keeps apart (same_theme: on a shared theme), or NULL. */
const char *igs_rules_default_apart(int i, bool same_theme);
int igs_rule_init(igs_type_rule *r, const char *type);

#endif
