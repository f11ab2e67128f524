// Rules as small functions, tested with a few numbers and no scenario
// (independent of the Anshan calibration; issue 17).
#include <gtest/gtest.h>

#include "people/blind_inflow.hpp"
#include "scenario/params.hpp"

using namespace gangdu;

TEST(BlindInflow, PullOfVacanciesFoodAndWagesLessControls) {
  Params p;                                            // all zero
  p.migration_blind_inflow = 100;                      // workers/month at a pull of 1
  p.migration_ration_gap = 1.0;                        // no food gap
  EXPECT_DOUBLE_EQ(blind_inflow(p, 0.25, 0.0), 25.0);  // only the open jobs pull
  EXPECT_DOUBLE_EQ(blind_inflow(p, 3.0, 0.0), 100.0);  // the vacancy signal is capped at 1
  p.migration_ration_gap = 0.8;                        // rural grain at 80% of urban: food gap 1/0.8 - 1 = 0.25
  p.migration_food_weight = 2;
  EXPECT_DOUBLE_EQ(blind_inflow(p, 0.0, 0.0), 50.0);
  p.migration_wage_weight = 1;
  p.migration_rural_income_yuan = 150;  // wage gain 1 - 150/600 = 0.75
  EXPECT_DOUBLE_EQ(blind_inflow(p, 0.0, 600.0), 100 * (0.5 + 0.75));
  EXPECT_DOUBLE_EQ(blind_inflow(p, 0.0, 100.0), 50.0);  // a rural income above the wage: no wage pull
  p.migration_control = 0.6;                            // controls stop 60%
  EXPECT_DOUBLE_EQ(blind_inflow(p, 0.0, 0.0), 50.0 * 0.4);
}
