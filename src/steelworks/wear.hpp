#pragma once
// Rule "wear, impairment and repair with memory" (issue 19 item 4; model-spec §2.7, claim 10).
//
// Citation: L3307-3315 (intensive use shortens furnace life), L5366 (equipment overused),
// L5398 (furnaces halted and mended in the adjustment), L4925 (the Soviet withdrawal of 1960).
// Switches: rule_maintenance_skip (overdriven units skip maintenance, R23),
// rule_repair_capacity (repair shops' throughput and spare parts bound repair).
// Reads: each process's intensity this month, the units' drive and slack
// (UnitsState), maintenance_share (the 2% fund, L3275, a policy input 1952-65),
// soviet_parts_supply and parts_domestic_share. Writes: the registry's wear stock;
// series angang.repair_backlog_share, angang.maintenance_skipped_share.
//
// Each month every unit's unimpaired share is impaired at h = h0 (i / i_design)^k and
// its impaired share is restored at r = wear_restore_rate x (maintenance actually done /
// maintenance_reference) x parts x (1 + repair_slack_response x slack), where parts =
// 1 - import_share x (1 - soviet_parts_supply) x (1 - parts_domestic_share). When the
// restoration asked of the repair shops exceeds repair_capacity_share of the machine
// stock a month, every unit gets its share: damage then outlives the drive that caused it.
#include "engine/world.hpp"

namespace gangdu {

void wear_step(World& w);

}  // namespace gangdu
