#pragma once
// Rule "families follow" (issue 5; L4155, L4157): a recruited worker whose
// family stays in the home village at first. Each month the family of an employed
// recruit joins him with probability migration_family_follow_rate, reduced by
// people_housing_marriage_deterrent while his household has no dwelling (families
// who came found no place to stay, L4155, or the worker built a mud house for
// them, L4157). A family whose worker has left, died or married in the city
// drops out of the list. migration_family_follow_rate = 0: families come with
// the worker (the rule is off).
#include "engine/world.hpp"

namespace gangdu {

// True when recruits' families wait in the village (migration_family_follow_rate > 0).
bool families_wait(const World& w);

// Adds the spouse and children of a household head (born `head_birth_month`, sex
// `head_sex`) to household h: a spouse about the head's age and Poisson(1.6)
// children below min(15, head's age - 17), drawn from the household stream.
// Returns persons added.
int64_t add_family_members(World& w, uint32_t h, int32_t head_birth_month, Sex head_sex, Ethnicity eth, Origin origin,
                           Hukou hk, ClassLabel label);

// Joins waiting families to their workers for this month; returns persons added.
int64_t family_follow_month(World& w);

}  // namespace gangdu
