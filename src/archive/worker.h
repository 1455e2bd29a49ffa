// Internal to archive/: the pool of worker processes that ingest, normalize and extract.
//
// Why processes and not threads: Poppler cannot be interrupted and may crash on hostile input.
// A worker that runs past the time limit is killed (SIGKILL) and one that dies takes only its
// own document with it; the pool forks a replacement and the import goes on. Workers are
// forked from the importing process after the rules are compiled, so they share the
// Normalizer and Extractor copy-on-write and start in a millisecond. Each worker holds at most
// one document; requests and results travel over a pair of pipes as length-prefixed fields.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "extract/extract.h"
#include "normalize/normalize.h"

namespace gyosei::archive {

struct WorkRequest {
  std::string path;
  std::optional<Municipality> municipality;  // manifest overrides
  int fiscal_year = 0;
  std::string document_type;
};

// A run of body text to index, located by where it starts.
struct Passage {
  int page = 0;
  int line = 0;
  std::string text;
};

struct WorkResult {
  WorkRequest request;
  Status status;     // failed: code and message ("PATH: …")
  std::string json;  // contract-v1 JSON with rules_version
  std::vector<Passage> body;
};

class WorkerPool {
 public:
  WorkerPool(int workers, const Normalizer& normalizer, const Extractor& extractor,
             int timeout_seconds);
  ~WorkerPool();  // kills and reaps every worker
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()); }
  int busy() const;
  bool HasIdle() const { return busy() < size(); }
  // Hands the request to an idle worker. Fails only if no worker can be started.
  Status Dispatch(WorkRequest request);
  // Waits up to `max_wait_ms` for results (finished, failed, timed out or crashed documents).
  std::vector<WorkResult> Collect(int max_wait_ms);

 private:
  struct Worker {
    pid_t pid = -1;
    int to_child = -1;
    int from_child = -1;
    bool busy = false;
    std::chrono::steady_clock::time_point started;
    WorkRequest request;
    std::string inbox;
  };
  Status Spawn(Worker& w);
  void Retire(Worker& w);  // SIGKILL + reap
  WorkResult Fail(Worker& w, StatusCode code, const std::string& message);

  const Normalizer& normalizer_;
  const Extractor& extractor_;
  int timeout_seconds_;
  std::vector<Worker> workers_;
};

}  // namespace gyosei::archive
