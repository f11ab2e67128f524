#pragma once
// A small fixed pool of worker threads for the per-person passes of ONE run (issue 23:
// both cores for a single history). run(fn) calls fn(b) for every block b in [0, size())
// -- block 0 on the calling thread, the others on the pool's workers -- and returns when
// all have finished. Callers give each block its own output buffers and merge them in
// block order afterwards, so results never depend on scheduling. No allocation per call.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace gangdu {

class BlockPool {
 public:
  explicit BlockPool(unsigned threads);
  ~BlockPool();
  BlockPool(const BlockPool&) = delete;
  BlockPool& operator=(const BlockPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }

  // fn(block) for block = 0..size()-1; the first exception thrown by any block is rethrown here.
  template <class F>
  void run(F& fn) {
    dispatch(&fn, [](void* ctx, unsigned b) { (*static_cast<F*>(ctx))(b); });
  }

 private:
  using Call = void (*)(void*, unsigned);
  void dispatch(void* ctx, Call call);
  void work(unsigned block);

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable start_, done_;
  uint64_t generation_ = 0;
  unsigned pending_ = 0;
  bool stop_ = false;
  void* ctx_ = nullptr;
  Call call_ = nullptr;
  std::exception_ptr error_;
};

// Blocks of a pass over persons: at most this many (per-block buffers are fixed arrays).
inline constexpr unsigned kMaxPersonBlocks = 16;
// assumption: below 20,000 persons per block a second thread costs more than it saves
// (a wake-up takes tens of microseconds); results are the same for any number of blocks.
// Tests lower it so that small runs are cut into many blocks too.
inline std::atomic<size_t> min_persons_per_block{20000};
// How many blocks a pass over n persons uses with `threads` threads (1 .. kMaxPersonBlocks).
inline unsigned person_blocks(size_t n, unsigned threads) {
  const size_t min = min_persons_per_block.load(std::memory_order_relaxed);
  size_t b = n / (min > 0 ? min : 1);
  if (b > threads) b = threads;
  if (b > kMaxPersonBlocks) b = kMaxPersonBlocks;
  return b < 1 ? 1u : static_cast<unsigned>(b);
}

// The pool of `threads` threads owned by the calling thread (made on first use, remade when
// the count changes). Each run thread of an ensemble has its own, so pools never interleave.
BlockPool& thread_block_pool(unsigned threads);

}  // namespace gangdu
