// Internal to archive/ (and serve/, which reads archives, and the import in pipeline/, which
// writes them): a thin RAII layer over the SQLite C API whose errors are Status values naming
// the archive. sqlite3.h stays in the .cc files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace gyosei::archive {

class Db;

// A prepared statement, compiled once and reused: Reset() between executions.
class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Parameters are 1-based. An empty string / zero / nullopt binds NULL where the *OrNull
  // variant is used, mirroring the contract's "" = null convention.
  Stmt& Bind(int i, std::string_view text);
  Stmt& BindOrNull(int i, std::string_view text);
  Stmt& Bind(int i, int64_t value);
  Stmt& BindOrNull(int i, int64_t value);  // 0 -> NULL
  Stmt& Bind(int i, double value);
  Stmt& Bind(int i, std::optional<double> value);
  Stmt& BindNull(int i);

  // One step: true while rows come, false when done. Errors are kept for Done()/status().
  bool Step();
  // Runs to completion (for INSERT/UPDATE/DELETE) and resets; returns the outcome.
  Status Run();
  void Reset();

  bool IsNull(int col) const;
  std::string Text(int col) const;
  int64_t Int(int col) const;
  double Real(int col) const;
  int Columns() const;
  std::string ColumnName(int col) const;
  bool ColumnIsInteger(int col) const;  // the value's storage class, this row
  bool ColumnIsReal(int col) const;

  const Status& status() const { return status_; }

 private:
  friend class Db;
  Stmt(sqlite3_stmt* stmt, const Db* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  const Db* db_ = nullptr;
  Status status_;
};

class Db {
 public:
  // kImmutable: read-only without any locking, for an archive on a read-only filesystem (no
  // writer can be running there), whose WAL index SQLite could not otherwise create.
  enum class Mode { kReadOnly, kImmutable, kReadWriteCreate };
  // Opens the archive, registers gyosei's FTS5 tokenizer, sets a busy timeout. kReadOnly and
  // kImmutable fail with kNotFound when the file does not exist.
  static Expected<Db> Open(const std::string& path, Mode mode);

  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  Status Exec(std::string_view sql);
  Expected<Stmt> Prepare(std::string_view sql) const;
  int64_t LastInsertId() const;
  // "ARCHIVE: what failed: sqlite's message", with the code mapped (full disk -> kIoError).
  Status Error(std::string_view what) const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

// The archive's schema version (PRAGMA user_version) this build writes, and the oldest it
// reads. 1: the first schema.sql; 2: documents keyed by source path, every cascading key
// indexed (MigrateV1ToV2); 3: + schema_indicators.sql (indicators, actuals, a target's year and
// indicator); 4: + schema_booklets.sql (a document is a source path and a booklet's sheet,
// `part`, with its pages; indicators searchable as passages of kind 'indicator'). The readers
// query version 4's tables and columns, so they take version 4 only and say that `gyosei
// import` upgrades an older archive (in one transaction, keeping ids).
inline constexpr int kSchemaVersion = 4;
inline constexpr int kOldestReadableVersion = 4;

// Creates the schema in an empty archive, migrates an older one, or checks the version.
Status EnsureSchema(Db& db);
// For readers: the archive must exist and have a schema this build reads. Opened read-only, so
// it works on a read-only filesystem and never changes the file.
Expected<Db> OpenForReading(const std::string& path);

// Numbers as the contract prints them: 318, not 318.0.
std::string FormatReal(double v);

// UTC now as "2026-11-23T04:05:06Z".
std::string NowUtc();

}  // namespace gyosei::archive
