#pragma once
// Reading and writing economies as CSV (layout in docs/plan.md), converting a
// plain input-output table, and generating synthetic economies.
//
//   DIR/products.csv   product[,unit][,capacity][,stock][,labour]
//   DIR/inputs.csv     product,input,amount      (amount of input per unit of product)
//   DIR/targets.csv    product,target[,priority]
//   DIR/resources.csv  resource,available         (optional; resource "labour")
//
// Malformed files raise InputError naming file, line and column.
#include <cstdint>
#include <string>

#include "planning/economy/economy.hpp"
#include "planning/economy/methods.hpp"

namespace gangdu::plan {

Economy read_economy(const std::string& dir);

// Writes the four files into an existing directory (callers stage atomically).
void write_economy_files(const Economy& e, const std::string& dir);

// A plain product-by-product IO table, wide CSV:
//   product,<p1>,...,<pn>,final_demand,gross_output
// one row per product (flows from the row product to the column product), plus
// an optional row named "labour" (labour used by each column product). Returns
// the economy with A(i,j) = z_ij / x_j, labour_j = L_j / x_j, target = final
// demand. Throws InputError on missing products, non-numbers, zero gross output
// with inputs; `warnings` receives rows whose flows do not add up (> 1%).
Economy convert_io_table(const std::string& path, std::string* warnings = nullptr);

struct GenerateOptions {
  int32_t products = 1000;
  uint64_t seed = 1;
  double tightness = 0.0;      // 0: no capacities; t > 0: capacities drawn in x*(1-t .. 1+t)
  double labour_slack = -1.0;  // < 0: labour unlimited; else available = (1+slack) * labour of the balance
  int priorities = 3;          // priority classes 1..priorities
};

// A synthetic productive economy: column j has about ln(n) inputs (nonzeros
// ~ n ln n), half drawn from a small core of basic products (skewed, like
// energy and steel) and half uniformly; column sums in [0.2, 0.7] (so the
// spectral radius is below 0.7: Hawkins-Simon holds).
Economy generate_economy(const GenerateOptions& o);

// plan.csv (one row per product) and summary.json text for a plan.
std::string plan_csv(const Economy& e, const PlanResult& r);
std::string plan_summary_json(const Economy& e, const PlanResult& r);

}  // namespace gangdu::plan
