#pragma once
#include "engine/world.hpp"

namespace gangdu {
// Rule "chain output": a month's ore, pig iron, steel and rolled steel from
// usable capacity x utilization, each stage limited by the one it draws on.
void produce_month(World& w);
}  // namespace gangdu
