// The archive's one writer (the import in pipeline/ drives it). Documents are committed in small
// batches (up to kBatchDocuments or kBatchMillis, whichever comes first): an import stopped at any
// instant leaves whole documents only and loses at most the last batch, which the next run redoes.
// Batches, not single documents, because every FTS5 commit (and every savepoint) writes a new
// index segment that must later be merged: committing per document made index merging a
// large part of the writer's time.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include <vector>

#include "archive/sqlite.h"
#include "core/document.h"
#include "core/status.h"
#include "extract/extraction.h"

namespace gyosei::archive {

// One file as the pipeline hands it to the archive: the typed Extractions the rows are bound
// from (one, or one per sheet of a booklet, each with source.part), the contract-v1 JSON each
// was encoded as (stored as is), and the file's body text in page order.
struct ExtractedDocument {
  std::string path;
  std::vector<Extraction> extractions;
  std::vector<std::string> json;  // json[i] encodes extractions[i]
  std::vector<Passage> body;
};

class ArchiveWriter {
 public:
  // Prepares every statement once; `db` must outlive the writer.
  static Expected<ArchiveWriter> Create(Db& db, std::string rules_version, int64_t run_id);

  // True when the archive holds `path` with these bytes, as a document or as a failure.
  Expected<bool> Known(const std::string& path, const std::string& sha256);

  enum class Outcome { kImported, kReplaced };
  struct Stored {
    Outcome outcome = Outcome::kImported;
    int pages = 0;
  };
  // Stores an extracted file: one document, or one per sheet when the pipeline split a
  // booklet (each extraction with its source.part). Replaces every document with the same
  // path (the same bytes under another path are other documents) and clears the path's
  // failure. Errors are the
  // archive's (full disk, …), not the document's; they roll the open batch back.
  Expected<Stored> Store(const ExtractedDocument& document);
  // Records (or updates) the failure of `path`.
  Status RecordFailure(const std::string& path, const std::string& sha256, const Status& error);

  static constexpr int kBatchDocuments = 32;
  static constexpr int kBatchMillis = 250;
  // Commits the open batch if it is full or old enough (force: whenever one is open). True
  // when a batch was committed: what was stored since the last commit is now in the archive.
  Expected<bool> CommitBatch(bool force);

 private:
  explicit ArchiveWriter(Db& db) : db_(&db) {}
  Status StoreRows(const ExtractedDocument& document, Stored& stored);
  // One document: a whole file, or one sheet of a booklet with the body passages on its pages.
  Status StoreDocument(const Extraction& doc, const std::string& path, std::string_view json,
                       std::span<const Passage> body, Stored& stored);
  Status OpenBatch();
  Status DeleteDocuments(const std::string& path);  // every document (sheet) of the file

  Db* db_;
  std::string rules_version_;
  int64_t run_id_ = 0;
  bool in_batch_ = false;
  int batch_documents_ = 0;
  std::chrono::steady_clock::time_point batch_started_;
  Stmt known_, find_old_, delete_fts_, delete_doc_, insert_doc_, insert_goal_, insert_target_,
      insert_rating_, insert_date_, insert_passage_, insert_fts_, delete_failure_, upsert_failure_,
      insert_indicator_, insert_actual_;
};

}  // namespace gyosei::archive
