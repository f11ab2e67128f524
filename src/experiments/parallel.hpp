#pragma once
// Optional MPI: when gangdu is built with MPI (GANGDU_HAVE_MPI) and launched
// under mpirun, the runs of a batch are spread over the ranks (run i on rank
// i % size) and gathered to rank 0, which writes the results. Every run
// depends only on its spec, so results are identical whatever the rank count.
// Without MPI, or when not launched by mpirun, this is one process of rank 0.
#include <vector>

#include "experiments/batch.hpp"

namespace gangdu {

class Parallel {
 public:
  static Parallel& instance();  // initialises MPI on first use when launched under mpirun
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool mpi() const { return mpi_; }
  // Collects every rank's finished runs into `b` on rank 0 (no-op with one process).
  void gather(BatchResult& b);
  // Gathers a vector of doubles indexed like `owned` (run i owned by rank i % size) to every rank.
  void allgather_by_index(std::vector<double>& values);
  ~Parallel();

 private:
  Parallel();
  int rank_ = 0, size_ = 1;
  bool mpi_ = false;
};

// True if this binary was built with MPI support.
bool built_with_mpi();

}  // namespace gangdu
