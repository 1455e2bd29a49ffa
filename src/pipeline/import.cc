// ImportDocuments: walk -> hash -> (skip | worker pool) -> one writer, one transaction per
// document. See import.h for the guarantees and docs/archive.md for the design.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "archive/sqlite.h"
#include "archive/writer.h"
#include "ingest/ingest.h"
#include "pipeline/import.h"
#include "pipeline/manifest.h"
#include "pipeline/worker_pool.h"

namespace gyosei {
namespace {

namespace fs = std::filesystem;
using archive::Db;
using pipeline::CanonicalPath;

constexpr const char* kExtensions[] = {".pdf", ".txt", ".md", ".html", ".htm", ".csv", ".tsv"};

bool HasDocumentExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions);
}

// Why stat failed, for a message ending "; skipped".
std::string StatProblem(const fs::path& p, int err) {
  struct stat st;
  if (err == ELOOP) return "a symbolic link loop (following it leads back to itself)";
  if (err == ENOENT && lstat(p.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
    return "a symbolic link to nothing (its target does not exist)";
  return strerror(err);
}

// A file the walk found: a document to offer, or (named on the command line) one that cannot
// be a document, which the run reports as failed.
struct Found {
  std::string path;
  Status problem;
};

// Depth-first over the inputs, one directory listing in memory at a time. Symlinks are
// followed, but a directory already visited (a loop, or the same folder reached twice) is
// skipped with a warning.
class FileWalker {
 public:
  explicit FileWalker(const std::vector<std::string>& roots) {
    Dir top;
    for (const std::string& r : roots) top.entries.emplace_back(r);
    top.explicit_files = true;
    stack_.push_back(std::move(top));
  }

  std::optional<Found> Next() {
    while (!stack_.empty()) {
      Dir& dir = stack_.back();
      if (dir.next == dir.entries.size()) {
        stack_.pop_back();
        continue;
      }
      fs::path p = dir.entries[dir.next++];
      bool explicit_file = dir.explicit_files;
      std::string name = PrintablePath(p.string());
      struct stat st;
      if (stat(p.c_str(), &st) != 0) {
        warnings.push_back(name + ": " + StatProblem(p, errno) + "; skipped");
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        if (!visited_.insert({st.st_dev, st.st_ino}).second) {
          warnings.push_back(name + ": directory already visited (a symlink loop?); skipped");
          continue;
        }
        Dir sub;
        std::error_code ec;
        for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
          sub.entries.push_back(it->path());
        }
        if (ec) warnings.push_back(name + ": " + ec.message());
        std::sort(sub.entries.begin(), sub.entries.end());
        stack_.push_back(std::move(sub));
        continue;
      }
      if (S_ISREG(st.st_mode)) {
        if (explicit_file || HasDocumentExtension(p)) return Found{p.string(), Status::Ok()};
        continue;
      }
      // A FIFO would block the worker reading it until the time limit; a device may never end.
      std::string what = S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)" : "not a regular file";
      if (explicit_file) {
        return Found{p.string(), Status(StatusCode::kUnsupported,
                                        name + ": " + what + ", not a document file; not read")};
      }
      if (HasDocumentExtension(p)) warnings.push_back(name + ": " + what + "; skipped");
    }
    return std::nullopt;
  }

  std::vector<std::string> warnings;

 private:
  struct Dir {
    std::vector<fs::path> entries;
    size_t next = 0;
    bool explicit_files = false;  // the command line's own files count whatever their extension
  };
  std::vector<Dir> stack_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

// One import per archive at a time: a POSIX lock on ARCHIVE-import-lock, ARCHIVE being the
// archive's path with symlinks resolved (as SQLite resolves them to name its -wal file), so a
// second import through a symlink or another relative path finds the same lock. POSIX locks
// belong to the process, so the worker processes do not inherit it and it vanishes with the
// importer, even on kill -9. (Not a lock on the archive file itself: closing any descriptor of
// a file drops the process's POSIX locks on it, SQLite's own among them.)
class ImportLock {
 public:
  static Expected<ImportLock> Acquire(const std::string& archive_path) {
    std::string path = CanonicalPath(archive_path) + "-import-lock";
    int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return Status(StatusCode::kIoError,
                    path + ": cannot create the lock file: " + strerror(errno));
    }
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_SETLK, &fl) != 0) {
      struct flock who {};
      who.l_type = F_WRLCK;
      who.l_whence = SEEK_SET;
      fcntl(fd, F_GETLK, &who);
      close(fd);
      std::string pid = who.l_type != F_UNLCK ? " (pid " + std::to_string(who.l_pid) + ")" : "";
      return Status(StatusCode::kIoError, archive_path +
                                              ": another gyosei import is running on this archive" +
                                              pid + "; wait for it to finish and run again");
    }
    return ImportLock(fd);
  }
  ImportLock(ImportLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  ImportLock(const ImportLock&) = delete;
  ImportLock& operator=(const ImportLock&) = delete;
  ~ImportLock() {
    if (fd_ >= 0) close(fd_);
  }

 private:
  explicit ImportLock(int fd) : fd_(fd) {}
  int fd_;
};

class Importer {
 public:
  Importer(archive::ArchiveWriter& writer, pipeline::WorkerPool& pool,
           const pipeline::Manifest* manifest, const ImportOptions& options, ImportSummary& summary)
      : writer_(writer),
        pool_(pool),
        manifest_(manifest),
        options_(options),
        summary_(summary),
        started_(std::chrono::steady_clock::now()) {}

  bool Stopped() {
    if (!stopped_ && options_.stop_requested && options_.stop_requested()) stopped_ = true;
    return stopped_;
  }

  // Hashes, skips what the archive has, hands the rest to a worker. Archive errors stop.
  Status Offer(const Found& found) {
    const std::string& path = found.path;
    if (!found.problem.ok()) return Failed(path, "", found.problem);
    while (!pool_.HasIdle()) {
      if (Status s = Drain(200); !s.ok()) return s;
      if (Stopped()) return Status::Ok();
    }
    // Refused before it is hashed: reading many gigabytes only to refuse them is no better.
    IngestOptions limits;
    limits.max_file_bytes = options_.max_file_bytes;
    if (Status s = CheckDocumentFile(path, limits); !s.ok()) return Failed(path, "", s);
    auto sha = Sha256OfFile(path);
    if (!sha) return Failed(path, "", sha.status());
    if (!options_.force) {
      auto known = writer_.Known(path, *sha);
      if (!known) return known.status();
      if (*known) {
        ++summary_.counts.unchanged;
        Progress();
        return Status::Ok();
      }
    }
    pipeline::WorkRequest request;
    request.path = path;
    request.options.max_file_bytes = options_.max_file_bytes;
    request.options.sheets_per_booklet = true;  // a booklet: one document per sheet
    request.options.body_passages = true;
    if (const pipeline::ManifestEntry* m = manifest_ ? manifest_->Find(path) : nullptr) {
      request.options.municipality = m->municipality;
      request.options.fiscal_year_override = m->fiscal_year;
      request.options.document_type = m->document_type;
    }
    shas_[path] = *sha;
    return pool_.Dispatch(std::move(request));
  }

  Status Drain(int wait_ms) {
    for (pipeline::WorkResult& r : pool_.Collect(wait_ms)) {
      std::string sha = shas_[r.request.path];
      shas_.erase(r.request.path);
      if (r.status.ok() && (r.extractions.empty() || r.extractions.size() != r.json.size())) {
        r.status = Status(StatusCode::kInternal,
                          PrintablePath(r.request.path) + ": the worker gave no extraction");
      }
      if (!r.status.ok()) {
        if (Status s = Failed(r.request.path, sha, r.status); !s.ok()) return s;
        continue;
      }
      auto stored = writer_.Store(
          {r.request.path, std::move(r.extractions), std::move(r.json), std::move(r.body)});
      if (!stored) return stored.status();
      ++(stored->outcome == archive::ArchiveWriter::Outcome::kReplaced ? uncommitted_.replaced
                                                                       : uncommitted_.imported);
      uncommitted_.pages += stored->pages;
    }
    if (Status s = Commit(/*force=*/false); !s.ok()) return s;
    Progress();
    return Status::Ok();
  }

  Status Finish() { return Commit(/*force=*/true); }

  Status Failed(const std::string& path, const std::string& sha, const Status& error) {
    ++summary_.counts.failed;
    summary_.failures.push_back(error.message());
    if (Status s = writer_.RecordFailure(path, sha, error); !s.ok()) return s;
    Progress();
    return Status::Ok();
  }

  void Progress() {
    ImportProgress& c = summary_.counts;
    c.files_done = c.imported + c.replaced + c.unchanged + c.failed + uncommitted_.imported +
                   uncommitted_.replaced;
    c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (options_.progress) options_.progress(c);
  }

 private:
  // The counts say what the archive holds: documents stored in the open batch count once it
  // is committed (a full disk rolls the batch back, and they were never imported).
  Status Commit(bool force) {
    auto committed = writer_.CommitBatch(force);
    if (!committed) return committed.status();
    if (*committed) {
      summary_.counts.imported += uncommitted_.imported;
      summary_.counts.replaced += uncommitted_.replaced;
      summary_.counts.pages += uncommitted_.pages;
      uncommitted_ = ImportProgress{};
    }
    return Status::Ok();
  }

  archive::ArchiveWriter& writer_;
  pipeline::WorkerPool& pool_;
  const pipeline::Manifest* manifest_;
  const ImportOptions& options_;
  ImportSummary& summary_;
  std::chrono::steady_clock::time_point started_;
  std::map<std::string, std::string> shas_;  // in flight: path -> sha256
  ImportProgress uncommitted_;               // stored in the open batch
  bool stopped_ = false;
};

Status SetRunCounts(Db& db, int64_t run_id, const ImportSummary& s, const char* status) {
  auto stmt = db.Prepare(
      "UPDATE runs SET finished_at = ?2, status = ?3, files_seen = ?4, imported = ?5, "
      "replaced = ?6, unchanged = ?7, failed = ?8 WHERE id = ?1");
  if (!stmt) return stmt.status();
  const ImportProgress& c = s.counts;
  stmt->Bind(1, run_id).Bind(2, archive::NowUtc()).Bind(3, std::string_view(status));
  stmt->Bind(4, c.files_total).Bind(5, c.imported).Bind(6, c.replaced).Bind(7, c.unchanged);
  return stmt->Bind(8, c.failed).Run();
}

// Back from WAL to a rollback journal: a WAL archive cannot be read where its folder is
// read-only (the reader must create ARCHIVE-shm), e.g. on a read-only share or a CD. Best
// effort: while a reader has the archive open it stays in WAL, and that is fine.
void LeaveRollbackJournal(Db& db) {
  (void)db.Exec("PRAGMA busy_timeout = 0");
  (void)db.Exec("PRAGMA journal_mode = DELETE");
}

}  // namespace

Expected<ImportSummary> ImportDocuments(const std::string& archive_path,
                                        const std::vector<std::string>& inputs,
                                        const RuleFiles& rules, const ImportOptions& options) {
  for (const std::string& in : inputs) {
    struct stat st;
    if (stat(in.c_str(), &st) != 0) {
      int err = errno;
      return Status(err == ENOENT ? StatusCode::kNotFound : StatusCode::kIoError,
                    PrintablePath(in) + ": " + StatProblem(in, err));
    }
  }
  auto pipeline = Pipeline::Create(rules);
  if (!pipeline) return pipeline.status();
  std::optional<pipeline::Manifest> manifest;
  if (!options.manifest.empty()) {
    auto m = pipeline::Manifest::Load(options.manifest, (*pipeline)->extractor());
    if (!m) return m.status();
    manifest = std::move(*m);
  }

  auto lock = ImportLock::Acquire(archive_path);
  if (!lock) return lock.status();
  auto db = Db::Open(archive_path, Db::Mode::kReadWriteCreate);
  if (!db) return db.status();
  // WAL + NORMAL: a commit survives the process dying at any point (not a power cut, which
  // would lose at most the last commits, never consistency).
  if (Status s = db->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"); !s.ok())
    return s;
  if (Status s = archive::EnsureSchema(*db); !s.ok()) return s;

  std::string rules_version = rules.Version();
  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // We hold the import lock: any run still marked running was killed.
  if (Status s = db->Exec("UPDATE runs SET status = 'interrupted' WHERE status = 'running'");
      !s.ok())
    return s;
  {
    auto run = db->Prepare(
        "INSERT INTO runs(started_at, status, rules_version, jobs, forced) VALUES(?1, 'running', "
        "?2, ?3, ?4)");
    if (!run) return run.status();
    run->Bind(1, archive::NowUtc())
        .Bind(2, rules_version)
        .Bind(3, int64_t{jobs})
        .Bind(4, int64_t{options.force});
    if (Status s = run->Run(); !s.ok()) return s;
  }
  ImportSummary summary;
  summary.run_id = db->LastInsertId();
  auto writer = archive::ArchiveWriter::Create(*db, rules_version, summary.run_id);
  if (!writer) return writer.status();

  // Manifest files outside the inputs are imported too; with no inputs, the manifest is the list.
  std::set<std::string> manifest_seen;
  auto note_manifest = [&](const std::string& path) {
    if (manifest && manifest->Find(path)) manifest_seen.insert(CanonicalPath(path));
  };
  {
    FileWalker counter(inputs);
    while (auto found = counter.Next()) {
      ++summary.counts.files_total;
      note_manifest(found->path);
    }
  }
  std::vector<std::string> manifest_rest;
  if (manifest) {
    for (const pipeline::ManifestEntry& e : manifest->entries()) {
      if (!manifest_seen.count(CanonicalPath(e.path))) manifest_rest.push_back(e.path);
    }
    summary.counts.files_total += static_cast<int64_t>(manifest_rest.size());
  }

  pipeline::WorkerPool pool(jobs, **pipeline, options.timeout_seconds,
                            {options.memory_limit_bytes, options.max_file_bytes});
  Importer importer(*writer, pool, manifest ? &*manifest : nullptr, options, summary);
  importer.Progress();
  FileWalker walker(inputs);
  Status status;
  auto offer_all = [&](auto next) {
    while (status.ok() && !importer.Stopped()) {
      std::optional<Found> found = next();
      if (!found) break;
      status = importer.Offer(*found);
    }
  };
  offer_all([&] { return walker.Next(); });
  size_t rest_index = 0;
  offer_all([&]() -> std::optional<Found> {
    if (rest_index == manifest_rest.size()) return std::nullopt;
    return Found{manifest_rest[rest_index++], Status::Ok()};
  });
  while (status.ok() && !importer.Stopped() && pool.busy() > 0) status = importer.Drain(200);
  // Stopped or not, what is stored is whole documents: keep them.
  if (status.ok()) status = importer.Finish();
  summary.warnings = std::move(walker.warnings);
  summary.interrupted = importer.Stopped();
  importer.Progress();
  if (!status.ok()) {
    (void)SetRunCounts(*db, summary.run_id, summary, "error");
    LeaveRollbackJournal(*db);
    return status;
  }
  if (Status s =
          SetRunCounts(*db, summary.run_id, summary, summary.interrupted ? "interrupted" : "done");
      !s.ok())
    return s;
  LeaveRollbackJournal(*db);
  return summary;
}

}  // namespace gyosei
