#include "experiments/parallel.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#ifdef GANGDU_HAVE_MPI
#include <mpi.h>
#endif

namespace gangdu {

bool built_with_mpi() {
#ifdef GANGDU_HAVE_MPI
  return true;
#else
  return false;
#endif
}

Parallel& Parallel::instance() {
  static Parallel p;
  return p;
}

Parallel::Parallel() {
#ifdef GANGDU_HAVE_MPI
  // Only join MPI when a launcher started us: a plain `gangdu ensemble` stays a
  // single process and never touches the MPI runtime.
  const bool launched = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
  if (!launched) return;
  int inited = 0;
  MPI_Initialized(&inited);
  if (!inited) MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  mpi_ = true;
#endif
}

Parallel::~Parallel() {
#ifdef GANGDU_HAVE_MPI
  if (mpi_) {
    int fin = 0;
    MPI_Finalized(&fin);
    if (!fin) MPI_Finalize();
  }
#endif
}

#ifdef GANGDU_HAVE_MPI
namespace {
void put(std::vector<char>& buf, const void* p, size_t n) {
  const char* c = static_cast<const char*>(p);
  buf.insert(buf.end(), c, c + n);
}
template <class T>
T take(const char*& p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  p += sizeof v;
  return v;
}
}  // namespace
#endif

void Parallel::gather(BatchResult& b) {
  if (!mpi_ || size_ == 1) return;
#ifdef GANGDU_HAVE_MPI
  // Serialise this rank's finished runs: index, wall, mape, peak, values.
  std::vector<char> buf;
  const size_t nv = b.variables.size() * b.years();
  for (const RunRecord& r : b.runs) {
    if (!r.done) continue;
    const uint64_t idx = r.index, peak = r.peak_agents;
    put(buf, &idx, sizeof idx);
    put(buf, &r.wall_seconds, sizeof(double));
    put(buf, &r.mape, sizeof(double));
    put(buf, &peak, sizeof peak);
    if (r.values.size() != nv) throw std::runtime_error("gather: inconsistent run layout");
    put(buf, r.values.data(), nv * sizeof(double));
  }
  int len = static_cast<int>(buf.size());
  std::vector<int> lens(static_cast<size_t>(size_)), displs(static_cast<size_t>(size_));
  MPI_Gather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<char> all;
  if (rank_ == 0) {
    int total = 0;
    for (int r = 0; r < size_; ++r) {
      displs[static_cast<size_t>(r)] = total;
      total += lens[static_cast<size_t>(r)];
    }
    all.resize(static_cast<size_t>(total));
  }
  MPI_Gatherv(buf.data(), len, MPI_CHAR, all.data(), lens.data(), displs.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  if (rank_ != 0) return;
  const char* p = all.data();
  const char* end = all.data() + all.size();
  while (p < end) {
    const auto idx = take<uint64_t>(p);
    RunRecord& r = b.runs.at(idx);
    r.index = idx;
    r.wall_seconds = take<double>(p);
    r.mape = take<double>(p);
    r.peak_agents = take<uint64_t>(p);
    r.values.resize(nv);
    std::memcpy(r.values.data(), p, nv * sizeof(double));
    p += nv * sizeof(double);
    r.done = true;
  }
#endif
}

void Parallel::allgather_by_index(std::vector<double>& values) {
  if (!mpi_ || size_ == 1) return;
#ifdef GANGDU_HAVE_MPI
  // Each rank owns entries i % size == rank; the others are zero on it, so a
  // sum-reduction assembles the full vector everywhere.
  std::vector<double> mine(values.size(), 0.0);
  for (size_t i = 0; i < values.size(); ++i)
    if (static_cast<int>(i % static_cast<size_t>(size_)) == rank_) mine[i] = values[i];
  MPI_Allreduce(mine.data(), values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
#endif
}

}  // namespace gangdu
