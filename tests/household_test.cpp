// Households that leave with a transferred-out works employee (transfer_out
// events, people/migration.cpp) leave in the month of the transfer: none stays
// marked for a later removal (where it would count as a migrant out).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "engine/model.hpp"
#include "people/migration.hpp"

using namespace gangdu;

TEST(Households, TransferredOutHouseholdsLeaveInTheMonthOfTheTransfer) {
  const Scenario sc = load_default_scenario();
  auto w = std::make_unique<World>(sc, RunOptions{.seed = 3, .scale = 0.02});
  w->regimes.apply(w->clock.now(), w->params);
  seed_population(*w);
  const Month transfer = Month::of(1956, 6);  // the first transfer_out event of anshan.toml (L2928)
  while (w->clock.now() < transfer) step_month(*w);
  // The month's first step and the event itself.
  w->regimes.apply(w->clock.now(), w->params);
  const size_t before = w->people.living();
  const PopulationEventTally t = population_events(*w);
  ASSERT_GT(t.transferred_out, 0);
  EXPECT_EQ(w->households_marked, 0);
  EXPECT_TRUE(std::all_of(w->household_leaving.begin(), w->household_leaving.end(), [](uint8_t f) { return f == 0; }))
      << "a transferred household is still marked to leave later";
  // Heads took their households with them: more persons left than employees were transferred.
  EXPECT_GT(before - w->people.living(), static_cast<size_t>(t.transferred_out));
}
