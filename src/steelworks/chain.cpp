#include "steelworks/chain.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace gangdu {

namespace {
int intern(std::vector<std::string>& names, const std::string& s) {
  auto it = std::find(names.begin(), names.end(), s);
  if (it != names.end()) return static_cast<int>(it - names.begin());
  names.push_back(s);
  return static_cast<int>(names.size() - 1);
}
}  // namespace

Chain::Chain(const Scenario& sc) {
  for (const ProcessSpec& ps : sc.processes) {
    Proc p;
    p.id = ps.id;
    p.product = static_cast<size_t>(intern(product_names_, ps.product));
    p.reports = ps.reports;
    p.stage = ps.stage;
    p.supply_param = ps.supply_param.empty() ? -1 : intern(param_names_, ps.supply_param);
    procs_.push_back(std::move(p));
  }
  // Inputs after all products are known (the loader checked that each is made).
  for (size_t i = 0; i < sc.processes.size(); ++i)
    for (const InputSpec& in : sc.processes[i].inputs)
      procs_[i].inputs.push_back({static_cast<size_t>(intern(product_names_, in.product)), in.per_t.value,
                                  in.share_param.empty() ? -1 : intern(param_names_, in.share_param)});
  product_demand_param_.assign(product_names_.size(), -1);
  for (size_t i = 0; i < sc.processes.size(); ++i)
    if (!sc.processes[i].outside_demand_param.empty())
      product_demand_param_[procs_[i].product] = intern(param_names_, sc.processes[i].outside_demand_param);
  for (const std::string& n : param_names_) {
    const ParamDef* d = find_param_def(n);  // the loader checked each name
    if (!d) throw std::invalid_argument("chain: unregistered parameter '" + n + "'");
    param_ids_.push_back(static_cast<ParamId>(d - param_defs().data()));
  }
  producers_.assign(product_names_.size(), {});
  consumers_.assign(product_names_.size(), {});
  for (size_t p = 0; p < procs_.size(); ++p) {
    producers_[procs_[p].product].push_back(p);
    for (size_t k = 0; k < procs_[p].inputs.size(); ++k) consumers_[procs_[p].inputs[k].product].push_back({p, k});
  }
  // Topological order (the loader rejects cycles): repeatedly take processes
  // whose inputs' producers are all placed.
  std::vector<uint8_t> placed(procs_.size(), 0);
  while (order_.size() < procs_.size()) {
    bool progress = false;
    for (size_t p = 0; p < procs_.size(); ++p) {
      if (placed[p]) continue;
      bool ready = true;
      for (const In& in : procs_[p].inputs)
        for (size_t q : producers_[in.product])
          if (!placed[q] && q != p) ready = false;
      if (ready) {
        placed[p] = 1;
        order_.push_back(p);
        progress = true;
      }
    }
    if (!progress) break;  // a cycle (rejected by the loader); leave the rest unplaced
  }
  for (size_t p = 0; p < procs_.size(); ++p)
    if (!placed[p]) order_.push_back(p);
  for (const Proc& p : procs_) unit_names_.push_back(p.id);
  product_unit_.assign(product_names_.size(), -1);
  for (size_t i = 0; i < product_names_.size(); ++i)
    if (producers_[i].size() > 1) {
      product_unit_[i] = static_cast<int>(unit_names_.size());
      unit_names_.push_back(product_names_[i]);
    }
  lim_offset_.resize(procs_.size() + 1, 0);
  for (size_t p = 0; p < procs_.size(); ++p) lim_offset_[p + 1] = lim_offset_[p] + procs_[p].inputs.size();
}

int Chain::process_index(const std::string& id) const {
  for (size_t p = 0; p < procs_.size(); ++p)
    if (procs_[p].id == id) return static_cast<int>(p);
  return -1;
}

int Chain::product_index(const std::string& name) const {
  auto it = std::find(product_names_.begin(), product_names_.end(), name);
  return it == product_names_.end() ? -1 : static_cast<int>(it - product_names_.begin());
}

void Chain::solve(const std::vector<double>& cap, const std::vector<double>& params, Flows& f) const {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const size_t np = procs_.size(), nq = product_names_.size();
  f.x.assign(np, 0.0);
  f.supply.assign(nq, 0.0);
  f.used.assign(nq, 0.0);
  f.bind.assign(np, -1);
  f.lim.assign(lim_offset_[np], kInf);

  // The level a process could reach given every limit except input k.
  auto level_without = [&](size_t p, size_t k) {
    double d = std::max(0.0, cap[p]);
    for (size_t j = 0; j < procs_[p].inputs.size(); ++j)
      if (j != k) d = std::min(d, f.lim[lim_offset_[p] + j]);
    return d;
  };

  // Outside supplies: their parameter's share of what consumers need at capacity.
  for (size_t p = 0; p < np; ++p) {
    if (procs_[p].supply_param < 0) continue;
    double need = 0;
    for (const Use& u : consumers_[procs_[p].product])
      need += procs_[u.process].inputs[u.input].a * std::max(0.0, cap[u.process]);
    f.x[p] = params[static_cast<size_t>(procs_[p].supply_param)] * need;
  }

  f.iterations = 0;
  for (int iter = 0; iter < 60; ++iter) {
    ++f.iterations;
    double change = 0;
    std::fill(f.supply.begin(), f.supply.end(), 0.0);
    for (size_t p = 0; p < np; ++p)
      if (procs_[p].supply_param >= 0) f.supply[procs_[p].product] += f.x[p];
    for (size_t p : order_) {
      const Proc& pr = procs_[p];
      if (pr.supply_param >= 0) continue;
      for (size_t k = 0; k < pr.inputs.size(); ++k) {
        const In& in = pr.inputs[k];
        const double S = f.supply[in.product];
        double avail;
        if (in.share_param >= 0) {
          avail = std::max(0.0, params[static_cast<size_t>(in.share_param)]) * S;
        } else {
          // Pool left after consumers drawing a fixed share; rationed in
          // proportion to requests at the level other limits allow.
          double pool = S, requests = 0;
          for (const Use& u : consumers_[in.product]) {
            const In& ui = procs_[u.process].inputs[u.input];
            if (ui.share_param >= 0)
              pool -= std::min(params[static_cast<size_t>(ui.share_param)] * S, ui.a * f.x[u.process]);
            else
              requests += ui.a * level_without(u.process, u.input);
          }
          pool = std::max(0.0, pool);
          const double mine = in.a * level_without(p, k);
          avail = requests <= pool ? kInf : pool * mine / requests;  // not scarce: no limit
        }
        f.lim[lim_offset_[p] + k] = avail / in.a;
      }
      double x = std::max(0.0, cap[p]);
      int b = -1;
      for (size_t k = 0; k < pr.inputs.size(); ++k) {
        const double l = f.lim[lim_offset_[p] + k];
        if (l < x - 1e-12 * (1.0 + x)) {
          x = l;
          b = static_cast<int>(k);
        }
      }
      change = std::max(change, std::fabs(x - f.x[p]) / (1.0 + x));
      f.x[p] = x;
      f.bind[p] = b;
      f.supply[pr.product] += x;
    }
    if (change < 1e-10) break;
  }
  std::fill(f.used.begin(), f.used.end(), 0.0);
  for (size_t p = 0; p < np; ++p)
    for (const In& in : procs_[p].inputs) f.used[in.product] += in.a * f.x[p];
}

int Chain::binding_unit(size_t p, const Flows& f) const {
  for (size_t guard = 0; guard <= procs_.size(); ++guard) {
    const int b = f.bind[p];
    if (b < 0) return static_cast<int>(p);
    const size_t prod = procs_[p].inputs[static_cast<size_t>(b)].product;
    if (product_unit_[prod] >= 0) return product_unit_[prod];
    p = producers_[prod].front();
  }
  return static_cast<int>(p);
}

}  // namespace gangdu
