#pragma once
// The process chain of the works as data: processes (recipes with Leontief
// input coefficients) linked by the products they make and use, read from the
// scenario's [[process]] tables. One month's flows are solved by `solve`:
//
//   x_p = min( capacity_p , min over inputs k of  allotment_{p,k} / a_{p,k} )
//
// where a consumer with a `share_param` may draw that share of its product's
// supply, and other consumers of a scarce product share it in proportion to
// what they would need at the level their other constraints allow
// (proportional rationing, iterated to a fixed point). Outside supplies
// (e.g. coal) deliver a parameter's share of what their consumers need at
// capacity. Upstream units produce up to their own limits; what downstream
// cannot use is surplus (the coke and pig-iron surpluses of 1953-55, L3333-3345).
// A product with an outside demand is sold outside up to that demand and the
// rest is stocked (steelworks/production.cpp).
#include <string>
#include <vector>

#include "scenario/params.hpp"
#include "scenario/scenario.hpp"

namespace gangdu {

class Chain {
 public:
  explicit Chain(const Scenario& sc);

  size_t size() const { return procs_.size(); }
  size_t product_count() const { return product_names_.size(); }
  const std::string& process_id(size_t p) const { return procs_[p].id; }
  const std::string& product_name(size_t i) const { return product_names_[i]; }
  int process_index(const std::string& id) const;    // -1 if absent
  int product_index(const std::string& name) const;  // -1 if absent
  bool external(size_t p) const { return procs_[p].supply_param >= 0; }
  bool reports(size_t p) const { return procs_[p].reports; }
  Stage stage(size_t p) const { return procs_[p].stage; }
  size_t product_of(size_t p) const { return procs_[p].product; }
  // Product of process p's k-th input (the index Flows::bind gives).
  size_t input_product(size_t p, size_t k) const { return procs_[p].inputs[k].product; }
  // Index into param_names() of the outside demand for product i, -1 if the
  // product is not sold outside.
  int demand_param(size_t i) const { return product_demand_param_[i]; }

  // Parameters the chain reads each month (supply and share parameters), in
  // the order `solve` expects their values.
  const std::vector<std::string>& param_names() const { return param_names_; }
  // The same parameters as registry ids, resolved once (the monthly code reads them by id,
  // not by name).
  const std::vector<ParamId>& param_ids() const { return param_ids_; }

  // Names of the units a bottleneck can be attributed to: every process id,
  // then every product made by more than one process (e.g. "ore_burden").
  const std::vector<std::string>& unit_names() const { return unit_names_; }

  struct Flows {
    std::vector<double> x;       // output of each process this month
    std::vector<double> supply;  // total supply of each product
    std::vector<double> used;    // amount of each product drawn by consumers
    std::vector<int> bind;       // per process: -1 own capacity, else the index of its binding input
    std::vector<double> lim;     // scratch: limit on each process from each input
    int iterations = 0;          // fixed-point passes used
    template <class A>
    void fields(A& a) {  // checkpointed (engine/checkpoint.cpp)
      a(x, supply, used, bind, lim, iterations);
    }
  };

  // Solves one month. `cap` = capacity of each process this month (ignored for
  // outside supplies); `params` = values of param_names().
  void solve(const std::vector<double>& cap, const std::vector<double>& params, Flows& f) const;

  // The unit (index into unit_names()) whose limit binds process p's output,
  // following binding inputs upstream.
  int binding_unit(size_t p, const Flows& f) const;

 private:
  struct In {
    size_t product;
    double a;
    int share_param;  // index into param_names_, -1 if none
  };
  struct Proc {
    std::string id;
    size_t product;
    bool reports;
    Stage stage;
    int supply_param;  // -1 unless an outside supply
    std::vector<In> inputs;
  };
  struct Use {
    size_t process;
    size_t input;  // index into that process's inputs
  };
  std::vector<Proc> procs_;
  std::vector<std::string> product_names_;
  std::vector<std::vector<size_t>> producers_;  // by product
  std::vector<std::vector<Use>> consumers_;     // by product
  std::vector<size_t> order_;                   // producers before consumers
  std::vector<std::string> param_names_;
  std::vector<ParamId> param_ids_;
  std::vector<std::string> unit_names_;
  std::vector<int> product_unit_;
  std::vector<int> product_demand_param_;  // by product  // unit index of a multi-producer product, else -1
  std::vector<size_t> lim_offset_;
};

}  // namespace gangdu
