// The isolated runner: a pool of worker processes that each run the pipeline (Pipeline::Run)
// on one document at a time. `gyosei import` feeds it every document; `gyosei extract
// --timeout` one at a time.
//
// Why processes and not threads: Poppler cannot be interrupted and may crash on hostile input.
// A worker that runs past the time limit is killed (SIGKILL) and one that dies takes only its
// own document with it; the pool forks a replacement and the import goes on. Workers are
// forked from the calling process after the rules are compiled, so they share the
// Pipeline copy-on-write and start in a millisecond. Each worker has at most
// kQueueDepth documents queued (the next one waits in its pipe, so it never idles while the
// writer commits); requests and results travel over a pair of pipes as length-prefixed fields.
// The time limit counts from when a worker starts on a document, not from when it was queued.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/pipeline.h"

namespace gyosei::pipeline {

// One document and every option Pipeline::Run takes (extract --timeout and import pass the
// same ones plain extract does, so the two read alike).
struct WorkRequest {
  std::string path;                  // the file, or the name `input` is reported under
  std::optional<std::string> input;  // the document's bytes (standard input), not a file
  PipelineOptions options;
};

// The worker's extractions cross the pipe as contract-v1 JSON and are decoded once, here, into
// the typed Extraction (a missing or mistyped field fails the document, naming it).
struct WorkResult {
  WorkRequest request;
  Status status;                        // failed: code and message ("PATH: …")
  std::vector<Extraction> extractions;  // one, or one per booklet sheet
  std::vector<std::string> json;        // each extraction as the worker encoded it
  std::vector<Passage> body;            // with options.body_passages
};

// What one worker may use (0 = no limit). A document over either limit fails with a message
// naming the limit; the worker goes on with the next one.
struct WorkerLimits {
  int64_t memory_bytes = 0;    // the process's data segment (RLIMIT_DATA), set after the fork;
                               // a reply (JSON and text) may be an eighth of it
  int64_t max_file_bytes = 0;  // larger files are not read
};

class WorkerPool {
 public:
  WorkerPool(int workers, const Pipeline& pipeline, int timeout_seconds, WorkerLimits limits = {});
  ~WorkerPool();  // kills and reaps every worker
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  static constexpr size_t kQueueDepth = 2;

  int size() const { return static_cast<int>(workers_.size()); }
  int busy() const;      // documents dispatched and not yet collected
  bool HasIdle() const;  // a worker can take another document
  // Queues the request on the least busy worker. Fails only if no worker can be started.
  Status Dispatch(WorkRequest request);
  // Waits up to `max_wait_ms` for results (finished, failed, timed out or crashed documents).
  std::vector<WorkResult> Collect(int max_wait_ms);

 private:
  struct Worker {
    pid_t pid = -1;
    int to_child = -1;
    int from_child = -1;
    std::deque<WorkRequest> queue;  // sent, in order; the front one is being worked on
    std::chrono::steady_clock::time_point started;  // when the front one started
    std::string inbox;
  };
  Status Spawn(Worker& w);  // forks and sends it its queue
  void Send(Worker& w, const WorkRequest& request);
  void Retire(Worker& w);  // SIGKILL + reap
  // The front document failed: the worker is replaced and takes the rest of its queue.
  WorkResult FailHead(Worker& w, StatusCode code, const std::string& message);
  bool TakeReply(Worker& w, std::vector<WorkResult>& results);

  const Pipeline& pipeline_;
  int timeout_seconds_;
  WorkerLimits limits_;
  std::vector<Worker> workers_;
  std::vector<WorkResult> pending_failures_;  // reported by the next Collect()
};

}  // namespace gyosei::pipeline
