#include "experiments/store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "outputs/writer.hpp"

namespace gangdu {
namespace {

class Db {
 public:
  explicit Db(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("sqlite: cannot open " + path + ": " + msg);
    }
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string msg = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error(std::string("sqlite: ") + msg + " in: " + sql);
    }
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class Stmt {
 public:
  Stmt(Db& db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db.get(), sql, -1, &s_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db.get()));
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); return *this; }
  Stmt& bind(int i, double v) {
    if (std::isnan(v)) sqlite3_bind_null(s_, i);
    else sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  void step_reset() {
    if (sqlite3_step(s_) != SQLITE_DONE) throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_.get()));
    sqlite3_reset(s_);
  }
  sqlite3_stmt* get() { return s_; }

 private:
  Db& db_;
  sqlite3_stmt* s_ = nullptr;
};

}  // namespace

void write_results_store(const std::string& path, const BatchResult& b, const std::map<std::string, std::string>& meta) {
  std::string tmp = path;
  tmp += ".tmp-";
  tmp += std::to_string(::getpid());
  std::remove(tmp.c_str());
  try {
    Db db(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
    db.exec("BEGIN;");
    db.exec(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE runs(run_id INTEGER PRIMARY KEY, point INTEGER, replicate INTEGER, seed INTEGER, scale REAL,"
        " scenario_hash TEXT, mape_le_1957 REAL, wall_seconds REAL, peak_agents INTEGER);"
        "CREATE TABLE parameters(run_id INTEGER, key TEXT, value TEXT);"
        "CREATE TABLE series(run_id INTEGER, variable TEXT, year INTEGER, value REAL);");
    {
      Stmt m(db, "INSERT INTO meta VALUES(?,?)");
      for (const auto& [k, v] : meta) m.bind(1, k).bind(2, v).step_reset();
    }
    Stmt r(db, "INSERT INTO runs VALUES(?,?,?,?,?,?,?,?,?)");
    Stmt p(db, "INSERT INTO parameters VALUES(?,?,?)");
    Stmt s(db, "INSERT INTO series VALUES(?,?,?,?)");
    for (size_t i = 0; i < b.specs.size(); ++i) {
      const RunSpec& spec = b.specs[i];
      const RunRecord& rr = b.runs[i];
      if (!rr.done) continue;
      const auto id = static_cast<int64_t>(i);
      r.bind(1, id)
          .bind(2, static_cast<int64_t>(spec.point))
          .bind(3, static_cast<int64_t>(spec.replicate))
          .bind(4, static_cast<int64_t>(spec.seed))
          .bind(5, b.scale)
          .bind(6, scenario_hash(*spec.scenario))
          .bind(7, rr.mape)
          .bind(8, rr.wall_seconds)
          .bind(9, static_cast<int64_t>(rr.peak_agents))
          .step_reset();
      for (const Override& o : spec.overrides) p.bind(1, id).bind(2, o.key).bind(3, o.value).step_reset();
      for (size_t v = 0; v < b.variables.size(); ++v)
        for (int y = b.first_year; y <= b.last_year; ++y) {
          const double x = b.value(i, v, y);
          if (std::isnan(x)) continue;
          s.bind(1, id).bind(2, b.variables[v]).bind(3, static_cast<int64_t>(y)).bind(4, x).step_reset();
        }
    }
    db.exec("CREATE INDEX series_by_var ON series(variable, year);");
    db.exec("COMMIT;");
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot rename " + tmp + " to " + path);
  }
}

std::string store_long_csv(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw InputError(path, 0, 0, "", "no results store here (ensemble, sweep or forecast --keep-runs write one)");
  Db db(path, SQLITE_OPEN_READONLY);
  auto text = [](sqlite3_stmt* q, int c) {
    const unsigned char* t = sqlite3_column_text(q, c);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  std::vector<std::string> keys;
  std::map<int64_t, std::map<std::string, std::string>> params;
  try {
    Stmt k(db, "SELECT DISTINCT key FROM parameters ORDER BY rowid");
    while (sqlite3_step(k.get()) == SQLITE_ROW) keys.push_back(text(k.get(), 0));
    Stmt p(db, "SELECT run_id, key, value FROM parameters");
    while (sqlite3_step(p.get()) == SQLITE_ROW)
      params[sqlite3_column_int64(p.get(), 0)][text(p.get(), 1)] = text(p.get(), 2);
  } catch (const std::runtime_error& e) {
    throw InputError(path, 0, 0, "", std::string("not a gangdu results store: ") + e.what());
  }
  std::vector<std::string> header = {"run", "seed"};
  header.insert(header.end(), keys.begin(), keys.end());
  for (const char* c : {"variable", "year", "value"}) header.emplace_back(c);
  CsvWriter w(header);
  Stmt q(db,
         "SELECT s.run_id, r.seed, s.variable, s.year, s.value FROM series s JOIN runs r ON r.run_id = s.run_id "
         "ORDER BY s.run_id, s.rowid");
  std::vector<CsvCell> row;
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    const int64_t run = sqlite3_column_int64(q.get(), 0);
    row.clear();
    row.emplace_back(run);
    row.emplace_back(sqlite3_column_int64(q.get(), 1));
    const auto& pv = params[run];
    for (const auto& key : keys) {
      auto it = pv.find(key);
      row.emplace_back(it == pv.end() ? std::string() : it->second);
    }
    row.emplace_back(text(q.get(), 2));
    row.emplace_back(sqlite3_column_int64(q.get(), 3));
    row.emplace_back(sqlite3_column_type(q.get(), 4) == SQLITE_NULL ? NAN : sqlite3_column_double(q.get(), 4));
    w.row(row);
  }
  return w.take();
}

double read_store_value(const std::string& path, int run_id, const std::string& variable, int year) {
  Db db(path, SQLITE_OPEN_READONLY);
  Stmt q(db, "SELECT value FROM series WHERE run_id=? AND variable=? AND year=?");
  q.bind(1, static_cast<int64_t>(run_id)).bind(2, variable).bind(3, static_cast<int64_t>(year));
  double v = NAN;
  if (sqlite3_step(q.get()) == SQLITE_ROW) v = sqlite3_column_double(q.get(), 0);
  return v;
}

}  // namespace gangdu
