// OrderedPipeline: runs a function over a stream of items on N threads and hands the results
// on in the order the items came in, so output is the same whatever the thread count.
// Memory stays bounded: Push() blocks while `window` items are in flight.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace parley {

// 0 means "all cores"; anything below 0 is treated as 1.
int ResolveThreadCount(int requested);

template <typename In, typename Out>
class OrderedPipeline {
 public:
  using Work = std::function<Out(In&)>;
  using Emit = std::function<void(Out&)>;

  // `work` may run on any worker thread, concurrently with itself. `emit` is called on one
  // thread at a time, in input order.
  OrderedPipeline(int threads, Work work, Emit emit, std::size_t window = 64)
      : work_(std::move(work)), emit_(std::move(emit)), window_(window < 1 ? 1 : window) {
    int count = ResolveThreadCount(threads);
    if (count <= 1) return;  // inline mode: Push() does the work itself
    for (int i = 0; i < count; ++i) workers_.emplace_back([this] { WorkerLoop(); });
  }
  ~OrderedPipeline() { Finish(); }
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  void Push(In item) {
    if (workers_.empty()) {
      Out out = work_(item);
      emit_(out);
      return;
    }
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return next_seq_ - next_emit_ < window_; });
    pending_.push_back({next_seq_++, std::move(item)});
    results_.emplace_back();
    ready_.notify_one();
  }

  // Waits until every pushed item is emitted. Push() must not be called afterwards.
  void Finish() {
    {
      std::lock_guard lock(mutex_);
      if (closed_) return;
      closed_ = true;
    }
    ready_.notify_all();
    for (auto& worker : workers_) worker.join();
    workers_.clear();
  }

 private:
  struct Task {
    std::size_t seq;
    In item;
  };

  void WorkerLoop() {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return closed_ || !pending_.empty(); });
        if (pending_.empty()) return;
        task = std::move(pending_.front());
        pending_.pop_front();
      }
      Out out = work_(task.item);
      std::unique_lock lock(mutex_);
      results_[task.seq - next_emit_] = std::move(out);
      // One thread at a time emits every finished result in sequence, which keeps emit_ serial
      // and ordered; it emits outside the lock, so the other workers go on working meanwhile
      // (a slow emit, such as a store write, overlaps with the work on later items).
      if (emitting_) continue;
      emitting_ = true;
      while (!results_.empty() && results_.front().has_value()) {
        Out ready = std::move(*results_.front());
        results_.pop_front();
        ++next_emit_;
        space_.notify_all();
        lock.unlock();
        emit_(ready);
        lock.lock();
      }
      emitting_ = false;
    }
  }

  Work work_;
  Emit emit_;
  std::size_t window_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable space_;
  std::deque<Task> pending_;
  std::deque<std::optional<Out>> results_;  // results_[i] belongs to seq next_emit_ + i
  std::size_t next_seq_ = 0;
  std::size_t next_emit_ = 0;
  bool closed_ = false;
  bool emitting_ = false;  // a worker is emitting results
};

}  // namespace parley
