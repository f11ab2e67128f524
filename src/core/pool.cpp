#include "core/pool.hpp"

#include <memory>

namespace gangdu {

BlockPool::BlockPool(unsigned threads) {
  const unsigned n = threads > 1 ? threads - 1 : 0;
  workers_.reserve(n);
  for (unsigned b = 1; b <= n; ++b) workers_.emplace_back([this, b] { work(b); });
}

BlockPool::~BlockPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  start_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void BlockPool::work(unsigned block) {
  uint64_t seen = 0;
  for (;;) {
    void* ctx = nullptr;
    Call call = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      ctx = ctx_;
      call = call_;
    }
    std::exception_ptr err;
    try {
      call(ctx, block);
    } catch (...) {
      err = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (err && !error_) error_ = err;
    if (--pending_ == 0) done_.notify_one();
  }
}

void BlockPool::dispatch(void* ctx, Call call) {
  if (workers_.empty()) {
    call(ctx, 0);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    ctx_ = ctx;
    call_ = call;
    error_ = nullptr;
    pending_ = static_cast<unsigned>(workers_.size());
    ++generation_;
  }
  start_.notify_all();
  std::exception_ptr err;
  try {
    call(ctx, 0);
  } catch (...) {
    err = std::current_exception();
  }
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [&] { return pending_ == 0; });
  if (!err) err = error_;
  if (err) std::rethrow_exception(err);
}

BlockPool& thread_block_pool(unsigned threads) {
  thread_local std::unique_ptr<BlockPool> pool;
  if (threads < 1) threads = 1;
  if (!pool || pool->size() != threads) pool = std::make_unique<BlockPool>(threads);
  return *pool;
}

}  // namespace gangdu
