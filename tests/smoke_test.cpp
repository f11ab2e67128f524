#include <gtest/gtest.h>
#include "scenario/scenario.hpp"
TEST(Smoke, LoadsDefault) { EXPECT_EQ(gangdu::load_default_scenario().name, "anshan"); }
