#pragma once
// The parameter registry: every parameter a scenario must give, one line each,
// with its bounds, unit and meaning. Values live in scenarios (with sources),
// never here. This list is the one table: scenario/params.cpp builds the
// loader's ParamDef table from it, and it generates the typed `Params` struct
// the monthly code reads (`w.P.steel_utilization`, `if (w.P.rule_ratchet)`).
//
//   P(name, min, max, "unit", "meaning")   a number (double)
//   S(name, "meaning")                     a switch: 0 or 1 in the scenario, a bool
//                                          in `Params` (value > 0.5); unit "switch"
//
// Adding a parameter is one line here (plus its value, with a source, in every
// scenario that must give it).
#include <cstddef>
#include <cstdint>
#include <vector>

// clang-format off
#define GANGDU_PARAMETERS(P, S) \
  /* steel works */ \
  P(steel_utilization, 0.0, 2.0, "share", "output / installed usable capacity of the works") \
  P(steel_per_pig_iron, 0.0, 3.0, "t/t", "tonnes of steel an open hearth makes per tonne of pig iron charged") \
  P(rolled_per_steel, 0.0, 1.0, "t/t", "tonnes of rolled steel per tonne of steel ingot (mill yield)") \
  P(pig_iron_to_steel_share, 0.0, 1.0, "share", "share of pig iron the works may send to its own steel plants") \
  /* steel works: process chain, stocks, wear, quality (issue 3) */ \
  P(coal_supply_share, 0.0, 1.5, "share", "coal delivered to the works as a share of what its coke ovens, boilers and power plant need at capacity") \
  P(scrap_supply_share, 0.0, 1.5, "share", "scrap delivered to the open hearths as a share of what they need at capacity") \
  P(foundation_share, 0.0, 1.0, "share", "share of a plant's replacement value in foundations (buildings, pipes, rail); the rest is machines") \
  P(removal_scale, 0.0, 1.0, "share", "multiplier on the tonnage of every `removal` event (0 = counterfactual without removals)") \
  P(wear_h0, 0.0, 1.0, "per month", "impairment hazard of equipment run at design intensity") \
  P(wear_k, 0.0, 10.0, "exponent", "elasticity of the impairment hazard to operating intensity / design intensity") \
  P(wear_design_utilization, 0.1, 2.0, "share", "operating intensity the equipment was designed for") \
  P(wear_restore_rate, 0.0, 1.0, "per month", "share of impaired capacity restored per month at the reference maintenance spending") \
  P(maintenance_share, 0.0, 0.2, "share/yr", "major-maintenance spending as a share of gross fixed assets per year") \
  P(maintenance_reference, 0.001, 0.2, "share/yr", "maintenance spending at which wear_restore_rate applies") \
  P(quality_q0, 0.0, 1.0, "share", "unusable share of output at design intensity and no plan pressure") \
  P(quality_k, 0.0, 20.0, "exponent", "elasticity of the unusable share to pressure (intensity or plan target / capacity)") \
  P(delivery_lag_months, 0.0, 120.0, "months", "months by which imported (Soviet) equipment and designs arrived late (R7); a plant waits for its last essential item (base value, read at start)") \
  P(quality_first_rate_plan, 0.0, 1.0, "share", "R8/R9: first-rate share of output the plan expects at design intensity; below-grade output cannot fill orders and grows with pressure like rejects") \
  P(quality_offgrade_stock_share, 0.0, 1.0, "share", "R9: share of below-grade output that finds no buyer and is stored (the rest sold as seconds)") \
  P(quality_pressure_cap, 1.0, 100.0, "ratio", "pressure above which targets are treated as unattainable and add no further rejects") \
  P(smallfurnace_iron_furnaces, 0.0, 1e6, "furnaces", "small (native) iron furnaces in operation") \
  P(smallfurnace_steel_furnaces, 0.0, 1e6, "furnaces", "small steel furnaces in operation") \
  P(smallfurnace_iron_t_per_day, 0.0, 100.0, "t/day", "pig iron a small iron furnace makes per operating day") \
  P(smallfurnace_steel_t_per_day, 0.0, 100.0, "t/day", "steel a small steel furnace makes per operating day") \
  P(smallfurnace_operating_share, 0.0, 1.0, "share", "share of days a small furnace actually operates") \
  P(smallfurnace_workers, 0.0, 1e7, "persons", "persons mobilized to run small furnaces") \
  P(smallfurnace_t_per_worker_day, 0.0, 10.0, "t/person-day", "metal (iron + steel) one mobilized person can produce per day, the labour limit") \
  P(smallfurnace_iron_per_steel, 0.0, 10.0, "t/t", "small-furnace iron or scrap charged per tonne of small-furnace steel") \
  P(smallfurnace_unusable_share, 0.0, 1.0, "share", "share of small-furnace metal too poor to use") \
  /* planning */ \
  S(plan_active, "1 if the regime sets annual output targets") \
  P(plan_growth, -0.5, 5.0, "share/yr", "growth of the annual control figure over last year's output") \
  P(plan_ratchet, 0.0, 1.0, "share", "share of last year's over-fulfilment added to next year's target") \
  P(plan_ministry_weight, 0.0, 1.0, "share", "R1: how far top-down approval moves a draft toward the control figure") \
  S(rule_bargaining, "R3: units shade drafts to get low quotas") \
  S(rule_ratchet, "R2: targets follow reported results; units restrict output to stay near target") \
  S(rule_hiding, "R3: over-fulfilment hidden and reported next month") \
  S(rule_partial_plan, "R5: the plan covers only part of material needs") \
  S(rule_late_deliveries, "R7: supplier enterprises deliver late or short") \
  S(rule_sectionalism, "R4: units withhold cooperation from each other") \
  S(rule_quantity_first, "R9: units produce tonnage regardless of orders; unsold stock piles up") \
  S(rule_soft_budget, "R10: losses covered and investment granted regardless of return") \
  S(rule_two_level_accounting, "R11: units borrow from banks that review their spending") \
  S(rule_piece_rates, "R13: piece wages invite falsified work reports, overtime for pay and furnace-damaging competition") \
  S(rule_corruption, "R14: purchasing officers overcharge their own company") \
  P(wage_piece_share, 0.0, 1.0, "share", "R13: share of production workers paid by the piece") \
  P(piece_false_report_share, 0.0, 1.0, "share", "R13: work reported but not done, as a share of piece earnings") \
  P(piece_audit_probability, 0.0, 1.0, "probability", "R13: probability a falsified piece report is caught and not paid") \
  P(piece_overtime_share, 0.0, 1.0, "share", "R13: unneeded overtime taken for piece pay, as a share of piece earnings") \
  P(piece_wear_push, 0.0, 1.0, "share", "R13: extra operating intensity the wear hazard sees from groups competing for piece pay") \
  P(corruption_purchase_share, 0.0, 0.5, "share", "R14: material costs added by corrupt purchasing") \
  /* supply and demand */ \
  P(supply_plan_coverage, 0.0, 1.0, "share", "R5: share of material needs allocated by the plan") \
  P(supply_market_fill, 0.0, 1.0, "share", "R5: share of the uncovered needs bought on markets or by barter") \
  P(supply_late_probability, 0.0, 1.0, "per unit-month", "R7: probability a unit's inputs arrive late in a month") \
  P(supply_late_loss, 0.0, 1.0, "share", "R7: mean share of a month's output lost to a late delivery") \
  P(unit_cooperation, 0.0, 1.0, "probability", "R4: probability a unit performs the work another unit depends on in time") \
  P(sectionalism_loss, 0.0, 1.0, "share", "R4: output a unit loses in a month when cooperation is withheld") \
  P(demand_order_share, 0.0, 2.0, "share", "R9: orders for the products made, as a share of planned output") \
  P(demand_outside_pig_iron_t, -1.0, 1e8, "t/yr", "R9: outside customers' orders for the works' merchant pig iron a year (< 0: as many as the plan allocates)") \
  P(demand_outside_coke_t, -1.0, 1e8, "t/yr", "R9: outside customers' orders for the coke the works' own furnaces do not use, a year (< 0: all of it)") \
  P(stock_clearance_per_year, 0.0, 1.0, "share/yr", "R9: share of unsold stock sold, used or scrapped per year") \
  /* finance */ \
  P(price_pig_iron_yuan, 0.0, 1e5, "yuan/t", "state transfer price of pig iron") \
  P(price_steel_yuan, 0.0, 1e5, "yuan/t", "state transfer price of steel ingot") \
  P(price_rolled_yuan, 0.0, 1e5, "yuan/t", "state transfer price of rolled steel") \
  P(cost_materials_share, 0.0, 2.0, "share", "material and fuel cost as a share of the value of gross output") \
  P(wage_yuan_per_employee, 0.0, 1e5, "yuan/yr", "average annual wage of works employees") \
  P(fund_welfare_share, 0.0, 1.0, "share of wages", "R12: staff welfare fund") \
  P(fund_insurance_share, 0.0, 1.0, "share of wages", "R12: labour insurance pool") \
  P(fund_maintenance_share, 0.0, 1.0, "share of fixed assets", "R12: major-maintenance fund per year") \
  P(retention_planned_share, 0.0, 1.0, "share", "R10: share of planned profit the enterprise keeps") \
  P(retention_above_plan_share, 0.0, 1.0, "share", "R10: share of above-plan profit the enterprise keeps") \
  P(plan_profit_shading, 0.0, 0.99, "share", "R1/R10: share by which a bargained profit target falls below the planned accounts") \
  P(invest_state_yuan, 0.0, 1e11, "yuan/yr", "state capital-construction funds granted to the works") \
  P(invest_overspend_share, 0.0, 1.0, "share", "R11: unapproved spending on top of granted funds under a soft budget") \
  P(bank_review_probability, 0.0, 1.0, "probability", "R11: probability a bank review stops unapproved spending") \
  P(assets_inherited_yuan, 0.0, 1e11, "yuan", "value of the inherited (restored) fixed assets taken over") \
  /* regimes, campaigns, the Leap */ \
  S(rule_political_targets, "R23: politically set targets ([[target]]) override the balanced plan") \
  P(control_local_weight, 0.0, 1.0, "share", "R19: weight of the local Party line (political targets) against the SOE line (balanced plan)") \
  P(overdrive_response, 0.0, 5.0, "share", "R23/L5023: drive per unit of pressure x (target / potential - 1)") \
  P(overdrive_max, 1.0, 2.0, "multiple", "L5023: engineering ceiling on the drive relative to the operating method's intensity") \
  /* the Leap as mechanisms (issue 19): overdriving, maintenance, repair, labour, reports, construction, cap */ \
  S(rule_overdrive, "R23: units drive every process above the method intensity when targets exceed potential under political pressure") \
  S(rule_maintenance_skip, "R23/L5366: overdriven units skip maintenance in proportion to the drive") \
  S(rule_repair_capacity, "L5398: repair is limited by the repair shops' throughput and, for imported equipment, by spare parts") \
  S(rule_untrained_recruits, "R22/L5323: recruits start untrained; effective labour bounds output") \
  S(rule_report_inflation, "R23/L5056, L5252: under pressure units report more than they make") \
  S(labour_staff_to_plan, "L5400: on = the works keep only the staff the plan's output needs (the July 1961 lay-off decision)") \
  P(overdrive_pressure_floor, 0.0, 1.0, "share", "R23: political pressure felt without any local-Party weight (the SOE line's own push)") \
  P(maintenance_skip_response, 0.0, 10.0, "share", "L5366: share of maintenance skipped per unit of drive above 1") \
  P(repair_capacity_share, 0.0, 1.0, "share/month", "L5398: impaired capacity the repair shops can restore in a month, as a share of machine stock, at the reference maintenance budget (0: unlimited)") \
  P(repair_slack_response, 0.0, 10.0, "multiple", "L5398: extra repair effort per unit of slack (1 - target / potential): furnaces halted for repair when targets are low") \
  P(soviet_parts_supply, 0.0, 1.0, "share", "L4925: share of spare parts and technical aid for imported (Soviet) equipment still delivered") \
  P(parts_domestic_share, 0.0, 1.0, "share", "share of the spare parts of imported equipment the works can make or find at home") \
  P(construction_normal_months, 1.0, 120.0, "months", "time a large unit normally takes to build; faster (rushed) construction leaves it impaired at start") \
  P(construction_rush_wear, 0.0, 1.0, "share", "impaired share of a unit built in no time (scaled by 1 - months / normal months)") \
  P(labour_untrained_productivity, 0.0, 1.0, "share", "output of an untrained recruit relative to a trained worker") \
  P(labour_learning_rate, 0.0, 1.0, "per month", "share of untrained works employees who become trained each month") \
  P(labour_recruit_trained_share, 0.0, 1.0, "share", "share of new works employees who arrive trained (former industrial workers)") \
  P(labour_need_share, 0.0, 2.0, "share", "effective labour needed for full output, as a share of the staffing norm labour_employees_per_kt") \
  P(labour_drive_elasticity, 0.0, 2.0, "elasticity", "rise of the labour needed per unit rise of the drive") \
  S(rule_overtime, "L3430-3440, L5007: short of hands for their targets, managers under pressure lengthen the working week") \
  P(hours_norm_week, 1.0, 168.0, "hours/week", "the normal working week of the works' employees") \
  P(hours_proportional_week, 1.0, 168.0, "hours/week", "weekly hours up to which output rises in proportion to hours (Pencavel 2015)") \
  P(hours_flat_week, 1.0, 168.0, "hours/week", "weekly hours beyond which longer hours add no output (Pencavel 2015)") \
  P(hours_slope_beyond, 0.0, 1.0, "share", "output per extra hour between the proportional and flat points, relative to a normal hour") \
  P(smallfurnace_works_share, 0.0, 1.0, "share", "share of the persons mobilized for small furnaces taken from the works' own employees") \
  P(report_inflation_response, 0.0, 5.0, "share", "R23: report inflation per unit of pressure x (target / true output - 1)") \
  P(report_inflation_max, 0.0, 2.0, "share", "R23: ceiling on report inflation as a share of true output") \
  P(plan_balance_headroom, 0.0, 10.0, "share", "R1: how far above the chain's potential the material balance lets a target go") \
  P(expansion_invest_share, 0.0, 1.0, "share", "share of invest_state_yuan spent on new capacity not listed as facilities (the programme's other projects)") \
  P(expansion_yuan_per_t, 1.0, 1e5, "yuan/(t/yr)", "investment per tonne a year of new steel capacity with the chain behind it (mines to mills)") \
  P(expansion_months, 1.0, 120.0, "months", "mean time from spending to commissioning for the programme's other projects") \
  P(capacity_cap_steel_t, 0.0, 1e9, "t/yr", "L4997, L5116: ceiling on the steel plants' production capacity set by the ministry (0: no cap)") \
  P(food_supply_index, 0.0, 2.0, "index", "urban food supply relative to normal (1 = normal), a scenario input") \
  P(famine_death_response, 0.0, 20.0, "multiple", "rise in the death rate per unit of food shortfall") \
  P(famine_effort_response, 0.0, 5.0, "multiple", "fall in effort per unit of food shortfall") \
  /* enterprises / labour */ \
  P(labour_employees_per_kt, 0.0, 1000.0, "persons/kt", "works employees per kt of installed pig-iron capacity") \
  P(labour_idle_retention, 0.0, 1.0, "share", "share of the workforce kept on for capacity that is damaged, idle or under repair") \
  P(labour_construction_workers, 0.0, 1e6, "persons", "construction workers employed on the works' capital projects") \
  P(labour_retirement_age, 40.0, 80.0, "years", "age at which employees leave work") \
  /* people */ \
  P(people_birth_rate, 0.0, 0.1, "per person-year", "crude birth rate") \
  P(people_death_rate, 0.0, 0.1, "per person-year", "crude death rate") \
  P(people_service_jobs_per_works_job, 0.0, 10.0, "jobs/job", "other city jobs per works job") \
  P(migration_response, 0.0, 1.0, "share/month", "share of open jobs filled by migrants each month") \
  S(rule_recruit_supply, "L1139-1159: the hinterland yields a bounded number of recruits a month; open jobs stay open beyond it") \
  P(labour_recruit_supply, 0.0, 1e6, "persons/month", "migrant recruits a month the nearby province (Fengtian) yields at 1:1 (1e6: not binding)") \
  P(labour_recruit_north_share, 0.0, 10.0, "share", "L1157: recruits from North China per recruit from the nearby province") \
  P(labour_recruit_village_bases, 0.0, 1e6, "persons/month", "L1159: recruits a month through the care-village bases (1941-)") \
  P(migration_family_share, 0.0, 1.0, "share", "share of migrant workers who bring a family") \
  P(migration_japanese_share, 0.0, 1.0, "share", "share of migrant workers who are Japanese") \
  P(migration_korean_share, 0.0, 1.0, "share", "share of migrant workers who are Korean") \
  P(migration_jobless_return, 0.0, 1.0, "share/month", "share of jobless adults who leave the city each month") \
  P(migration_blind_inflow, 0.0, 1e5, "workers/month", "migrant workers (with any family) arriving per month without a job offer (blind inflow)") \
  /* people layer (issue 5): occupations, wages, promotion, Angang-Construction */ \
  P(labour_technician_hire_share, 0.0, 1.0, "share", "share of Angang recruits hired as technicians (graduates, transferred technical cadres)") \
  P(labour_staff_hire_share, 0.0, 1.0, "share", "share of Angang recruits hired as staff (office, administration)") \
  S(rule_staff_establishment, "L4580: staff posts are a share of the employees; posts emptied by dismissals and purges are refilled from hires") \
  P(labour_promotion_rate, 0.0, 0.1, "per month", "hazard that a skilled production worker of Angang is promoted to technical cadre") \
  P(labour_promotion_min_skill, 1.0, 8.0, "grade", "lowest wage grade from which a production worker can be promoted") \
  P(labour_skill_upgrade_rate, 0.0, 0.2, "per month", "hazard that an employee moves up one wage grade (training, seniority)") \
  P(wage_scale_yuan, 0.0, 1e5, "yuan/yr", "annual wage of a grade-1 production worker when the regime starts (0: wages not modelled)") \
  P(wage_scale_growth, -0.5, 2.0, "share/yr", "yearly change of the wage scale under the regime") \
  P(wage_grade_step, 1.0, 2.0, "ratio", "wage ratio between successive grades of the 8-grade scale") \
  P(wage_technician_premium, 0.5, 5.0, "ratio", "wage of a technician relative to a production worker of the same grade") \
  P(wage_staff_premium, 0.5, 5.0, "ratio", "wage of staff relative to a production worker of the same grade") \
  P(people_leave_home_rate, 0.0, 1.0, "per month", "hazard that an employed man aged 18+ living with his parents sets up his own household") \
  P(people_marriage_rate, 0.0, 1.0, "per month", "hazard that an employed single man aged 22+ marries (a wife joins his household)") \
  P(people_housing_marriage_deterrent, 0.0, 1.0, "share", "reduction of the marriage hazard for men without a dwelling (L4091: couples could not marry)") \
  P(city_industrial_share, 0.0, 1.0, "share", "share of other city jobs that are in industry (for Anshan's industrial-worker count)") \
  P(city_construction_share, 0.0, 1.0, "share", "share of other city jobs that are construction (builders other than Angang-Construction)") \
  P(labour_hire_unregistered, 0.0, 1.0, "ratio", "chance of an unregistered (rural-hukou) jobless person being hired, relative to a registered one") \
  P(people_service_jobs_adjust_months, 1.0, 240.0, "months", "time for other city jobs to catch up with their target (1: at once)") \
  P(migration_construction_family_share, 0.0, 1.0, "share", "share of migrant construction workers who bring a family") \
  P(migration_family_follow_rate, 0.0, 1.0, "per month", "hazard that a housed, employed recruit's family joins him from the village (0: families come with the worker)") \
  P(wage_premium_adjust_months, 1.0, 240.0, "months", "time for the technician premium to move to a new regime's value (1: at once)") \
  P(labour_technician_entry_grade, 1.0, 8.0, "grade", "wage grade at which a newly hired technician starts") \
  /* migration controls */ \
  P(migration_ration_gap, 0.1, 1.0, "ratio", "rural grain consumption as a share of urban (1: no gap; 0.802 under unified purchase, L3961)") \
  P(migration_food_weight, 0.0, 10.0, "weight", "weight of the urban-rural food gap in the pull of blind inflow") \
  P(migration_wage_weight, 0.0, 10.0, "weight", "weight of the urban wage gain (1 - rural income / production-worker wage) in the pull of blind inflow") \
  P(migration_rural_income_yuan, 1.0, 1e5, "yuan/yr", "income of a rural worker in the migrants' home villages") \
  P(migration_control, 0.0, 1.0, "share", "strength of inflow controls (registration, hukou-grain link): share of blind inflow stopped") \
  P(migration_japanese_leave_factor, 0.0, 1.0, "multiplier", "jobless-departure hazard of the Japanese relative to others (0: no way home outside organised repatriation)") \
  P(migration_unregistered_return, 0.0, 50.0, "multiplier", "extra return hazard of jobless unregistered (rural-hukou) migrants per unit of migration_control") \
  /* housing and the danwei */ \
  P(housing_initial_m2_per_person, 0.0, 50.0, "m2/person", "living space per person of the scenario's initial (private) housing") \
  P(housing_unproductive_share, 0.0, 1.0, "share", "share of Angang-Construction labour spent on housing (\"unproductive construction\")") \
  P(housing_m2_per_worker_year, 0.0, 1000.0, "m2/worker-yr", "floor area a construction worker builds in a year") \
  P(housing_living_share, 0.1, 1.0, "share", "living space as a share of built floor area") \
  P(housing_city_m2_per_job_year, 0.0, 100.0, "m2/job-yr", "living space other SOEs and the city build per year per city job") \
  P(housing_flat_m2, 1.0, 100.0, "m2", "living space of a family flat allocated by an employer") \
  P(housing_dorm_m2, 0.5, 30.0, "m2/person", "living space per single person in a dormitory") \
  P(housing_share_policy, 0.0, 1.0, "share", "share of the flat shortfall met by putting two families into one flat") \
  P(housing_selfbuild_rate, 0.0, 1.0, "per month", "hazard that an unhoused household builds its own (mud) house") \
  P(housing_selfbuilt_m2_per_person, 0.0, 30.0, "m2/person", "living space of a self-built house per member") \
  P(housing_decay_rate, 0.0, 0.5, "share/yr", "share of the housing stock lost per year (ageing, collapse of rushed buildings)") \
  GANGDU_PARAMETERS_PEOPLE(P, S) \
  GANGDU_PARAMETERS_UNITS(P, S) \
  GANGDU_PARAMETERS_POLITICS(P, S)

// People as factors of production: labour by skill, skill stock, experts by origin (issue 20).
#define GANGDU_PARAMETERS_PEOPLE(P, S) \
  S(rule_expert_stock, "experts as persons by origin bound output and set the pace of restoration, repair, start-up and training (issue 20)") \
  S(rule_japanese_retained, "Japanese engineers and technicians kept at the works after 1945 count as experts (off: none retained)") \
  S(rule_soviet_experts, "Soviet advisers at Angang count as experts (off: no Soviet experts)") \
  S(rule_ussr_training, "some new technicians are trained in Soviet plants (off: none)") \
  S(rule_transfers_out, "transfer_out events send works employees to other enterprises (off: none sent)") \
  S(rule_skill_stock, "persons' works experience lowers rejects and wear") \
  P(expert_formation_era, 1.0, 3.0, "code", "era in which expertise forming now is formed: 1 Japanese companies, 2 Soviet occupation and Nationalists, 3 CCP") \
  P(expert_need_per_kt, 0.0, 100.0, "tech-eq/kt", "technician-equivalents the works need per kt a year of installed pig-iron capacity to run, restore and start up plant at full pace") \
  P(expert_output_elasticity, 0.0, 3.0, "elasticity", "elasticity of output with respect to expert coverage below 1 (technician class of the labour input)") \
  P(expert_pace_elasticity, 0.0, 3.0, "elasticity", "elasticity of the pace of restoration, repair, start-up and training with respect to expert coverage below 1") \
  P(expert_pace_floor, 0.0, 1.0, "share", "pace of restoration, repair and start-up with no experts at all (the workers' own know-how)") \
  P(expert_weight_japanese, 0.0, 50.0, "tech-eq", "technician-equivalents of one Japanese engineer or technician") \
  P(expert_weight_nationalist_era, 0.0, 50.0, "tech-eq", "technician-equivalents of one technician formed 1945-48 (Nationalist engineers and managers)") \
  P(expert_weight_ussr, 0.0, 50.0, "tech-eq", "technician-equivalents of one technician trained in Soviet plants") \
  P(expert_weight_soviet, 0.0, 500.0, "tech-eq", "technician-equivalents of one Soviet adviser (designers, installers, start-up crews)") \
  P(expert_startup_need_per_myuan, 0.0, 1000.0, "tech-eq/M yuan", "start-up specialists (technician-equivalents) a new unit needs per M yuan of its investment to start on time") \
  P(expert_soviet_advisers, 0.0, 10000.0, "persons", "Soviet advisers working at Angang (set by dated events)") \
  P(expert_ussr_trained_share, 0.0, 1.0, "share", "share of new technicians trained in Soviet plants") \
  P(skill_recruit_level, 0.0, 1.0, "share", "skill of a recruit with no works experience relative to a fully experienced worker") \
  P(skill_learning_months, 1.0, 600.0, "months", "months of works experience that close 63% of a recruit's skill gap") \
  P(skill_reference, 0.0, 1.0, "share", "skill index of the works for which quality_q0 and wear_h0 hold") \
  P(skill_reject_response, 0.0, 20.0, "multiplier", "rejects scale with 1 + r (1 - skill index)") \
  P(skill_wear_response, 0.0, 20.0, "multiplier", "wear hazard scales with 1 + r (1 - skill index)")

// (keep the blank lines between these blocks: they let branches add to each block without conflicts)


// Production units, incentives, budget expectations (issue 21).
#define GANGDU_PARAMETERS_UNITS(P, S) \
  P(unit_bonus_share, 0.0, 2.0, "share", "reward per unit of above-plan output where no profit-retention rule pays it (competition bonuses)") \
  P(unit_miss_penalty, 0.0, 5.0, "share", "penalty and reputational cost of a missed plan, per unit of target") \
  P(unit_effort_cost, 0.0, 100.0, "share", "R2: convexity of the cost of showing over-fulfilment (x* = net reward / this)") \
  P(unit_discount, 0.0, 1.0, "share", "weight a unit gives next year's rewards against this year's") \
  P(unit_shading_cost, 0.0, 100.0, "share", "R3: reputational cost of a low draft (s* = (1 - lambda) x worth / this)") \
  P(unit_audit_probability, 0.0, 1.0, "probability", "R3: probability that hidden over-fulfilment is found in a year") \
  P(unit_hide_penalty, 0.0, 10.0, "share", "R3: penalty when hidden over-fulfilment is found, per unit hidden") \
  P(unit_hoard_max_months, 0.0, 24.0, "months", "months of inputs a unit would store if holding cost it nothing") \
  P(unit_holding_cost, 0.0, 10.0, "share", "cost of carrying a month of inputs or a tonne of unsold goods, in margins") \
  P(unit_hoard_fill, 0.0, 12.0, "months/month", "months of inputs headquarters can buy into a unit's store a month") \
  P(unit_coverage_learning, 0.0, 1.0, "share/yr", "how far a unit's expected coverage of losses moves toward a year's experience") \
  P(unit_collective_share, 0.0, 1.0, "share", "R4: share of a unit's bonus paid on the output of the units it supplies") \
  P(unit_help_cost, 0.0, 10.0, "share", "R4: cost to a unit of doing another unit's dependent work in time") \



// Politics: labels, selective campaigns, two lines of control, the Angang Constitution (issue 22).
#define GANGDU_PARAMETERS_POLITICS(P, S) \
  S(rule_labels, "R17: class labels fixed at liberation from origin and history, and at entry") \
  S(rule_campaign_suppression, "R15: the Campaign to Suppress Counter-revolutionaries selects and punishes") \
  S(rule_campaign_three_anti, "R15: the Three-Anti and Five-Anti campaign selects and punishes") \
  S(rule_campaign_cleansing, "R15: the 1955 cleansing of Angang-Construction selects and punishes") \
  S(rule_campaign_sufan, "R15: the 1956 Sufan movement selects and punishes") \
  S(rule_campaign_anti_rightist, "R15: the Anti-Rightist Campaign selects and punishes") \
  S(rule_campaign_white_flags, "R15: the Pull Out White Flags campaign against cautious managers") \
  S(rule_campaign_second_anti_rightist, "R15: the 1959-60 campaign against right deviation") \
  S(rule_campaign_emulation, "R16: labour emulation and production competitions (time, effort, proposals)") \
  S(rule_fear, "R15 (c): campaign targeting raises fear, which raises pressure and bends drafts") \
  S(rule_one_chief, "R19: one-chief rule 1953-56: managers decide personnel and shield experts") \
  S(rule_party_committee, "R19: an Angang Party committee (1954-55, from Sept 1958) weighs in on plans") \
  S(rule_angang_constitution, "Angang Constitution (1960): meetings, cadres in labour, innovation proposals") \
  P(politics_label_date, 1900.0, 2000.0, "year", "liberation of Anshan, when class labels are fixed (fractional year)") \
  P(politics_career_age, 16.0, 60.0, "years", "age at liberation from which a technician's or staff member's career began under the Nationalists") \
  P(politics_capitalist_share, 0.0, 1.0, "share", "native households outside Angang classed capitalist at liberation") \
  P(politics_landlord_share, 0.0, 1.0, "share", "rural migrant households classed landlord or rich peasant") \
  P(politics_good_label_weight, 0.0, 1.0, "weight", "reports on a person without a suspect label, relative to a suspect") \
  P(politics_other_position_weight, 0.0, 1.0, "weight", "reports on a person outside the campaign's positions, relative to one in them") \
  P(politics_report_threshold, 1.0, 10.0, "reports", "anonymous reports that make a person guilty where informers report") \
  P(politics_caution_weight, 0.0, 100.0, "weight", "extra suspicion per unit of draft caution on technicians and staff") \
  P(politics_one_chief_shield, 0.0, 1.0, "share", "share of suspicion on experts that a one-chief manager deflects") \
  P(politics_struggle_months, 0.0, 12.0, "months", "working months a target who keeps the job loses to struggle and confession") \
  P(politics_fear_response, 0.0, 10.0, "per target/1000", "fear gained per campaign target per thousand adults") \
  P(politics_fear_decay, 0.0, 1.0, "per month", "share of fear that fades each month") \
  P(politics_fear_pressure, 0.0, 1.0, "share", "political pressure added per unit of fear") \
  P(politics_fear_draft, 0.0, 1.0, "share", "share of the draft-control gap a fully afraid unit closes") \
  P(politics_one_chief_start, 1900.0, 2000.0, "year", "one-chief rule begins (fractional year)") \
  P(politics_one_chief_end, 1900.0, 2000.0, "year", "one-chief rule abolished (fractional year)") \
  P(politics_committee_1954_start, 1900.0, 2000.0, "year", "the single Angang Party committee of 1954-55 begins") \
  P(politics_committee_1954_end, 1900.0, 2000.0, "year", "the 1954-55 committee ends") \
  P(politics_party_committee_start, 1900.0, 2100.0, "year", "the Angang Party committee is revived (fractional year)") \
  P(politics_committee_weight, 0.0, 1.0, "share", "share of the remaining SOE weight a Party committee takes over") \
  P(politics_committee_push, 0.0, 1.0, "share", "how far above the control figure a Party committee wants a target") \
  P(politics_constitution_date, 1900.0, 2100.0, "year", "the Angang Constitution (fractional year)") \
  P(politics_participant_share, 0.0, 1.0, "share", "workers taking part in management under the Constitution") \
  P(politics_meeting_time_share, 0.0, 1.0, "share", "working time a participant spends in meetings") \
  P(politics_cadre_labour_share, 0.0, 1.0, "share", "time staff spend in production labour under the Constitution") \
  P(politics_proposal_rate, 0.0, 10.0, "per worker-yr", "proposals per production worker-year during labour emulation") \
  P(politics_constitution_proposal_factor, 0.0, 20.0, "x", "proposal rate under the Constitution relative to emulation") \
  P(politics_proposal_accept, 0.0, 1.0, "share", "share of proposals accepted without fear") \
  P(politics_proposal_gain, 0.0, 0.1, "share/proposal", "output gain per accepted proposal per thousand workers a month")
// clang-format on

namespace gangdu {

// A parameter's position in the registry (and in ParamTable's value vector).
enum class ParamId : uint16_t {
#define GANGDU_PARAM_ID(name, ...) name,
  GANGDU_PARAMETERS(GANGDU_PARAM_ID, GANGDU_PARAM_ID)
#undef GANGDU_PARAM_ID
      kCount
};
inline constexpr size_t kParamCount = static_cast<size_t>(ParamId::kCount);

// The values in force this month, one typed field per registered parameter
// (bound by ParamTable whenever a regime, an event or a forced value changes one).
struct Params {
#define GANGDU_PARAM_FIELD(name, lo, hi, unit, meaning) double name = 0.0;
#define GANGDU_SWITCH_FIELD(name, meaning) bool name = false;
  GANGDU_PARAMETERS(GANGDU_PARAM_FIELD, GANGDU_SWITCH_FIELD)
#undef GANGDU_PARAM_FIELD
#undef GANGDU_SWITCH_FIELD
};

// Fills every field from values in registry order (a switch is on when its value > 0.5).
void bind_params(Params& p, const std::vector<double>& values);

}  // namespace gangdu
