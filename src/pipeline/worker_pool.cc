#include "pipeline/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

#include "core/printable_path.h"
#include "emit/json.h"
#include "emit/json_decode.h"
#include "rules/rule_set.h"

namespace gyosei::pipeline {
namespace {

// Message: u32 payload size, then fields as u32 size + bytes.
void PutU32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
uint32_t GetU32(std::string_view in, size_t at) {
  uint32_t v;
  std::memcpy(&v, in.data() + at, 4);
  return v;
}

std::string Encode(const std::vector<std::string>& fields) {
  std::string payload;
  for (const std::string& f : fields) {
    PutU32(payload, static_cast<uint32_t>(f.size()));
    payload += f;
  }
  std::string msg;
  PutU32(msg, static_cast<uint32_t>(payload.size()));
  return msg + payload;
}

std::vector<std::string> Decode(std::string_view payload) {
  std::vector<std::string> fields;
  size_t at = 0;
  while (at + 4 <= payload.size()) {
    uint32_t n = GetU32(payload, at);
    at += 4;
    fields.emplace_back(payload.substr(at, n));
    at += n;
  }
  return fields;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool ReadExactly(int fd, char* buf, size_t size) {
  while (size > 0) {
    ssize_t n = read(fd, buf, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buf += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// A request's fields, in order (the reply: "ok", "", the number of extractions, each one's
// JSON, then page, line and text of each body passage; or the status code's name and message).
enum RequestField {
  kPath,
  kMunicipalityCode,
  kMunicipalityName,
  kPrefecture,
  kMunicipalityEvidence,
  kFiscalYear,
  kFiscalYearOverride,
  kDocumentType,
  kPdfPassword,
  kPdfThreads,
  kMaxFileBytes,
  kSheetsPerBooklet,
  kBodyPassages,
  kHasInput,
  kInput,
  kRequestFields
};

std::string Number(int64_t n) { return n ? std::to_string(n) : ""; }
int64_t NumberOf(const std::string& field) { return field.empty() ? 0 : std::stoll(field); }

std::vector<std::string> EncodeRequest(const WorkRequest& request) {
  const PipelineOptions& o = request.options;
  const Municipality* m = o.municipality ? &*o.municipality : nullptr;
  return {request.path,
          m ? m->code : "",
          m ? m->name : "",
          m ? m->prefecture : "",
          m ? m->evidence : "",
          Number(o.fiscal_year),
          Number(o.fiscal_year_override),
          o.document_type,
          o.pdf_password,
          Number(o.pdf_threads),
          Number(o.max_file_bytes),
          o.sheets_per_booklet ? "1" : "",
          o.body_passages ? "1" : "",
          request.input ? "1" : "",
          request.input ? *request.input : ""};
}

std::vector<std::string> Process(const std::vector<std::string>& req, const Pipeline& pipeline,
                                 const WorkerLimits& limits) {
  if (req.size() != kRequestFields) {
    return {StatusCodeName(StatusCode::kInternal), "malformed request to the worker"};
  }
  DocumentSource source{req[kPath], std::nullopt};
  if (!req[kHasInput].empty()) source.bytes = req[kInput];
  PipelineOptions options;
  if (!req[kMunicipalityCode].empty()) {
    options.municipality = Municipality{req[kMunicipalityName], req[kPrefecture],
                                        req[kMunicipalityCode], req[kMunicipalityEvidence]};
  }
  options.fiscal_year = static_cast<int>(NumberOf(req[kFiscalYear]));
  options.fiscal_year_override = static_cast<int>(NumberOf(req[kFiscalYearOverride]));
  options.document_type = req[kDocumentType];
  options.pdf_password = req[kPdfPassword];
  options.pdf_threads = std::max<int>(1, static_cast<int>(NumberOf(req[kPdfThreads])));
  options.max_file_bytes = NumberOf(req[kMaxFileBytes]);
  if (limits.max_file_bytes > 0 &&
      (options.max_file_bytes == 0 || options.max_file_bytes > limits.max_file_bytes)) {
    options.max_file_bytes = limits.max_file_bytes;
  }
  options.sheets_per_booklet = !req[kSheetsPerBooklet].empty();
  options.body_passages = !req[kBodyPassages].empty();
  auto result = pipeline.Run(source, options);
  if (!result) return {StatusCodeName(result.status().code()), result.status().message()};
  std::vector<std::string> out = {"ok", "", std::to_string(result->extractions.size())};
  for (const Extraction& e : result->extractions) out.push_back(ExtractionToJson(e, false));
  for (Passage& p : result->body) {
    out.push_back(std::to_string(p.page));
    out.push_back(std::to_string(p.line));
    out.push_back(std::move(p.text));
  }
  return out;
}

// Under AddressSanitizer or ThreadSanitizer the shadow memory alone is far over any limit.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// RLIMIT_DATA (heap and private mappings, not the shared libraries or mapped files) rather
// than RLIMIT_AS: it counts the memory a document makes the worker allocate.
void LimitMemory(int64_t bytes) {
  if (bytes <= 0 || kSanitized) return;
  rlimit limit{static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
  setrlimit(RLIMIT_DATA, &limit);
}

std::string PathOf(const std::vector<std::string>& request) {
  return request.empty() ? "?" : PrintablePath(request[0]);
}

[[noreturn]] void WorkerMain(int in, int out, const Pipeline& pipeline,
                             const WorkerLimits& limits) {
  LimitMemory(limits.memory_bytes);
  for (;;) {
    char size_buf[4];
    if (!ReadExactly(in, size_buf, 4)) _exit(0);  // the importer closed the pipe or died
    uint32_t size = GetU32(std::string_view(size_buf, 4), 0);
    std::string payload(size, '\0');
    if (!ReadExactly(in, payload.data(), size)) _exit(0);
    std::vector<std::string> request = Decode(payload);
    std::vector<std::string> reply;
    try {
      reply = Process(request, pipeline, limits);
    } catch (const std::bad_alloc&) {
      // The stack unwound, freeing what the document took: the worker can go on.
      reply = {StatusCodeName(StatusCode::kUnsupported),
               PathOf(request) + ": needs more than the " +
                   std::to_string(limits.memory_bytes >> 20) +
                   " MB of memory a worker may use (--memory-limit); skipped"};
    } catch (const std::exception& ex) {
      reply = {StatusCodeName(StatusCode::kInternal),
               PathOf(request) + ": internal error: " + ex.what()};
    }
    // The importer holds a reply several times over while it stores it (the JSON parsed):
    // a reply over an eighth of the limit would move the memory problem into the importer,
    // which must not die.
    size_t bytes = 0;
    for (const std::string& field : reply) bytes += field.size();
    if (limits.memory_bytes > 0 && bytes > static_cast<size_t>(limits.memory_bytes / 8)) {
      reply = {StatusCodeName(StatusCode::kUnsupported),
               PathOf(request) + ": its extraction is " + std::to_string(bytes >> 20) +
                   " MB, more than the importer takes from one document (an eighth of "
                   "--memory-limit: " +
                   std::to_string(limits.memory_bytes >> 23) + " MB); skipped"};
    }
    if (!WriteAll(out, Encode(reply))) _exit(0);
  }
}

StatusCode CodeFromName(const std::string& name) {
  for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    if (name == StatusCodeName(static_cast<StatusCode>(c))) return static_cast<StatusCode>(c);
  }
  return StatusCode::kInternal;
}

}  // namespace

WorkerPool::WorkerPool(int workers, const Pipeline& pipeline, int timeout_seconds,
                       WorkerLimits limits)
    : pipeline_(pipeline),
      timeout_seconds_(timeout_seconds),
      limits_(limits),
      workers_(static_cast<size_t>(workers)) {
  // A worker that dies mid-request must not kill the importer with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  // Before any worker is forked: they share the built patterns, and a worker's first document
  // is not charged for building them against --timeout.
  BuildAllPatterns();
}

WorkerPool::~WorkerPool() {
  for (Worker& w : workers_) Retire(w);
}

int WorkerPool::busy() const {
  int n = 0;
  for (const Worker& w : workers_) n += static_cast<int>(w.queue.size());
  return n;
}

bool WorkerPool::HasIdle() const {
  for (const Worker& w : workers_) {
    if (w.queue.size() < kQueueDepth) return true;
  }
  return false;
}

Status WorkerPool::Spawn(Worker& w) {
  int down[2], up[2];
  if (pipe2(down, O_CLOEXEC) != 0)
    return Status(StatusCode::kIoError, std::string("pipe: ") + strerror(errno));
  if (pipe2(up, O_CLOEXEC) != 0) {
    close(down[0]);
    close(down[1]);
    return Status(StatusCode::kIoError, std::string("pipe: ") + strerror(errno));
  }
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {down[0], down[1], up[0], up[1]}) close(fd);
    return Status(StatusCode::kIoError,
                  std::string("cannot start a worker process: ") + strerror(errno));
  }
  if (pid == 0) {
    // Dies with the importer, even when that one is killed with -9 mid-document.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(0);
    // Ctrl-C reaches the whole process group; the importer decides what stops.
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_DFL);
    // Other workers' pipe ends would keep them from seeing the importer's end of their pipe.
    for (const Worker& other : workers_) {
      if (other.to_child >= 0) close(other.to_child);
      if (other.from_child >= 0) close(other.from_child);
    }
    close(down[1]);
    close(up[0]);
    WorkerMain(down[0], up[1], pipeline_, limits_);
  }
  close(down[0]);
  close(up[1]);
  // A reply larger than the pipe (64 KB by default; a 12-page plan's JSON and text are more)
  // would stall the worker until the writer next reads, instead of letting it start on its
  // next document. Best effort: the system may cap the size.
  fcntl(up[0], F_SETPIPE_SZ, 1 << 20);
  w.pid = pid;
  w.to_child = down[1];
  w.from_child = up[0];
  fcntl(w.from_child, F_SETFL, fcntl(w.from_child, F_GETFL) | O_NONBLOCK);
  w.inbox.clear();
  w.started = std::chrono::steady_clock::now();
  // Requests queued for a worker that was killed were never started: the new one takes them.
  for (const WorkRequest& r : w.queue) Send(w, r);
  return Status::Ok();
}

void WorkerPool::Send(Worker& w, const WorkRequest& request) {
  std::string msg = Encode(EncodeRequest(request));
  // A write error means the worker died; Collect() finds its pipe closed and reports it.
  WriteAll(w.to_child, msg);
}

void WorkerPool::Retire(Worker& w) {
  if (w.pid > 0) {
    kill(w.pid, SIGKILL);
    while (waitpid(w.pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  if (w.to_child >= 0) close(w.to_child);
  if (w.from_child >= 0) close(w.from_child);
  w.pid = w.to_child = w.from_child = -1;
}

Status WorkerPool::Dispatch(WorkRequest request) {
  auto least = std::min_element(
      workers_.begin(), workers_.end(),
      [](const Worker& a, const Worker& b) { return a.queue.size() < b.queue.size(); });
  if (least == workers_.end() || least->queue.size() >= kQueueDepth) {
    return Status(StatusCode::kInternal, "no idle worker");
  }
  Worker& w = *least;
  if (w.queue.empty()) w.started = std::chrono::steady_clock::now();
  w.queue.push_back(std::move(request));
  if (w.pid < 0) return Spawn(w);  // sends the queue
  Send(w, w.queue.back());
  return Status::Ok();
}

WorkResult WorkerPool::FailHead(Worker& w, StatusCode code, const std::string& message) {
  WorkResult r;
  r.request = std::move(w.queue.front());
  w.queue.pop_front();
  r.status = Status(code, PrintablePath(r.request.path) + ": " + message);
  Retire(w);
  if (!w.queue.empty()) {
    if (Status s = Spawn(w); !s.ok()) {
      // Without a worker the queued documents cannot be read: they fail with the reason.
      for (WorkRequest& q : w.queue) pending_failures_.push_back({std::move(q), s, {}, {}, {}});
      w.queue.clear();
    }
  }
  return r;
}

bool WorkerPool::TakeReply(Worker& w, std::vector<WorkResult>& results) {
  if (w.inbox.size() < 4) return false;
  uint32_t size = GetU32(w.inbox, 0);
  if (w.inbox.size() < 4 + size) return false;
  std::vector<std::string> f = Decode(std::string_view(w.inbox).substr(4, size));
  w.inbox.erase(0, 4 + size);
  WorkResult r;
  r.request = std::move(w.queue.front());
  w.queue.pop_front();
  w.started = std::chrono::steady_clock::now();  // the worker goes on with the next request
  if (f.size() >= 2 && f[0] != "ok") {
    r.status = Status(CodeFromName(f[0]), f[1]);
  } else if (f.size() >= 3 && 3 + std::stoull(f[2]) <= f.size()) {
    // Decoded once into the typed Extraction: a field missing or mistyped in the worker's
    // JSON fails the document, naming it and the field, never a silent NULL downstream.
    size_t end = 3 + std::stoull(f[2]);
    std::string name = PrintablePath(r.request.path);
    for (size_t k = 3; k < end && r.status.ok(); ++k) {
      auto e = ExtractionFromJson(f[k], name);
      if (!e) {
        r.status = e.status();
        break;
      }
      r.extractions.push_back(std::move(*e));
      r.json.push_back(std::move(f[k]));
    }
    for (size_t k = end; r.status.ok() && k + 2 < f.size(); k += 3) {
      r.body.push_back({std::stoi(f[k]), std::stoi(f[k + 1]), std::move(f[k + 2])});
    }
    if (!r.status.ok()) {
      r.extractions.clear();
      r.json.clear();
      r.body.clear();
    }
  } else {
    r.status =
        Status(StatusCode::kInternal, PrintablePath(r.request.path) + ": malformed worker reply");
  }
  results.push_back(std::move(r));
  return true;
}

std::vector<WorkResult> WorkerPool::Collect(int max_wait_ms) {
  std::vector<WorkResult> results = std::move(pending_failures_);
  pending_failures_.clear();
  auto now = std::chrono::steady_clock::now();
  auto limit = std::chrono::seconds(timeout_seconds_);
  std::vector<pollfd> fds;
  std::vector<Worker*> owners;
  int wait_ms = results.empty() ? max_wait_ms : 0;
  for (Worker& w : workers_) {
    if (w.queue.empty()) continue;
    fds.push_back({w.from_child, POLLIN, 0});
    owners.push_back(&w);
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(w.started + limit - now);
    wait_ms = std::min<int>(wait_ms, std::max<int>(0, static_cast<int>(left.count()) + 1));
  }
  if (fds.empty()) return results;
  int n = poll(fds.data(), fds.size(), wait_ms);
  if (n < 0 && errno != EINTR) return results;
  for (size_t i = 0; i < fds.size(); ++i) {
    Worker& w = *owners[i];
    if (fds[i].revents != 0) {
      char buf[65536];
      bool closed = false;
      for (;;) {
        ssize_t got = read(w.from_child, buf, sizeof buf);
        if (got > 0) {
          w.inbox.append(buf, static_cast<size_t>(got));
          continue;
        }
        if (got < 0 && errno == EINTR) continue;
        closed = got == 0;
        break;
      }
      while (!w.queue.empty() && TakeReply(w, results)) {
      }
      if (closed) {
        int wstatus = 0;
        waitpid(w.pid, &wstatus, 0);
        w.pid = -1;  // reaped: Retire must not wait again
        if (w.queue.empty()) {
          Retire(w);
          continue;
        }
        std::string how = WIFSIGNALED(wstatus)
                              ? "signal " + std::to_string(WTERMSIG(wstatus)) + ": " +
                                    strsignal(WTERMSIG(wstatus))
                              : "exit status " + std::to_string(WEXITSTATUS(wstatus));
        // Poppler aborts when an allocation fails instead of throwing.
        std::string memory =
            limits_.memory_bytes > 0 && WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGABRT
                ? "; it may have run out of its " + std::to_string(limits_.memory_bytes >> 20) +
                      " MB of memory (--memory-limit)"
                : "";
        results.push_back(
            FailHead(w, StatusCode::kInternal,
                     "the worker extracting this file died (" + how + memory + "); skipped"));
        continue;
      }
    }
    if (!w.queue.empty() && std::chrono::steady_clock::now() - w.started > limit) {
      results.push_back(
          FailHead(w, StatusCode::kTimeout,
                   "took longer than " + std::to_string(timeout_seconds_) + " s; skipped"));
    }
  }
  return results;
}

}  // namespace gyosei::pipeline
