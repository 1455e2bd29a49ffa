#include "archive/sqlite.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "archive/register_tokenizer.h"
#include "archive/schema_booklets_sql.h"
#include "archive/schema_indicators_sql.h"
#include "archive/schema_sql.h"
#include "archive/tokenizer.h"
#include "core/printable_path.h"

namespace gyosei::archive {

Stmt::Stmt(Stmt&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), status_(other.status_) {}
Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
    status_ = other.status_;
  }
  return *this;
}
Stmt::~Stmt() { sqlite3_finalize(stmt_); }

Stmt& Stmt::Bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindOrNull(int i, std::string_view text) {
  return text.empty() ? BindNull(i) : Bind(i, text);
}
Stmt& Stmt::Bind(int i, int64_t value) {
  sqlite3_bind_int64(stmt_, i, value);
  return *this;
}
Stmt& Stmt::BindOrNull(int i, int64_t value) { return value == 0 ? BindNull(i) : Bind(i, value); }
Stmt& Stmt::Bind(int i, double value) {
  sqlite3_bind_double(stmt_, i, value);
  return *this;
}
Stmt& Stmt::Bind(int i, std::optional<double> value) {
  return value ? Bind(i, *value) : BindNull(i);
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = db_->Error("cannot read or write the archive");
  return false;
}

Status Stmt::Run() {
  status_ = Status::Ok();
  while (Step()) {
  }
  Status result = status_;
  Reset();
  return result;
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::string Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : "";
}
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(stmt_, col); }
int Stmt::Columns() const { return sqlite3_column_count(stmt_); }
std::string Stmt::ColumnName(int col) const { return sqlite3_column_name(stmt_, col); }
bool Stmt::ColumnIsInteger(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_INTEGER;
}
bool Stmt::ColumnIsReal(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_FLOAT; }

namespace {

// "file:PATH?immutable=1" with PATH percent-encoded where a URI needs it.
std::string ImmutableUri(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

Expected<Db> Db::Open(const std::string& path, Mode mode) {
  struct stat st;
  if (mode != Mode::kReadWriteCreate && stat(path.c_str(), &st) != 0) {
    return Status(StatusCode::kNotFound, path + ": no such archive (create it with gyosei import)");
  }
  sqlite3* handle = nullptr;
  int flags = mode == Mode::kReadWriteCreate ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                             : SQLITE_OPEN_READONLY;
  std::string name = path;
  if (mode == Mode::kImmutable) {
    flags |= SQLITE_OPEN_URI;
    name = ImmutableUri(path);
  }
  int rc = sqlite3_open_v2(name.c_str(), &handle, flags, nullptr);
  Db db(handle, path);
  if (rc != SQLITE_OK) return db.Error("cannot open the archive");
  sqlite3_extended_result_codes(handle, 1);
  // Long enough for a reader to wait out a writer's transaction (one document).
  sqlite3_busy_timeout(handle, 10000);
  if (const char* error = nullptr; RegisterCjkTokenizerOn(handle, &error) != SQLITE_OK) {
    return Status(StatusCode::kInternal, error);
  }
  if (Status s = db.Exec("PRAGMA foreign_keys = ON"); !s.ok()) return s;
  return db;
}

Db::Db(Db&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}
Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}
Db::~Db() { sqlite3_close_v2(db_); }

Status Db::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return Status::Ok();
  sqlite3_free(err);
  return Error("cannot update the archive");
}

Expected<Stmt> Db::Prepare(std::string_view sql) const {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return Error("cannot prepare a query");
  }
  return Stmt(stmt, this);
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

Status Db::Error(std::string_view what) const {
  int rc = db_ ? sqlite3_extended_errcode(db_) : SQLITE_NOMEM;
  std::string message =
      path_ + ": " + std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
  switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return Status(StatusCode::kIoError, message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status(StatusCode::kIoError, message + " (another process holds the archive)");
    case SQLITE_CANTOPEN:
      return Status(StatusCode::kNotFound, message);
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return Status(StatusCode::kPermissionDenied, message);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status(StatusCode::kDamaged, message);
    default:
      return Status(StatusCode::kInternal, message);
  }
}

namespace {

Expected<int> UserVersion(Db& db) {
  auto stmt = db.Prepare("PRAGMA user_version");
  if (!stmt) return stmt.status();
  if (!stmt->Step())
    return stmt->status().ok() ? Status(StatusCode::kInternal, "no user_version") : stmt->status();
  return static_cast<int>(stmt->Int(0));
}

Status CheckVersion(Db& db, int version, int oldest) {
  if (version >= oldest && version <= kSchemaVersion) return Status::Ok();
  if (version >= 1 && version < oldest)
    return Status(StatusCode::kUnsupported,
                  db.path() + ": archive schema version " + std::to_string(version) +
                      ", this gyosei reads versions " + std::to_string(oldest) + " to " +
                      std::to_string(kSchemaVersion) + " (gyosei import upgrades it)");
  return Status(StatusCode::kUnsupported,
                db.path() + ": archive schema version " + std::to_string(version) +
                    ", this gyosei reads versions " + std::to_string(kOldestReadableVersion) +
                    " to " + std::to_string(kSchemaVersion) +
                    (version == 0 ? " (is it a gyosei archive? gyosei import creates one)" : ""));
}

// The statement of schema.sql that starts with `head` and ends with `end` ("\n);" for a table,
// whose comments may hold a ';'), or "".
std::string_view SchemaStatement(std::string_view head, std::string_view end) {
  std::string_view sql = kSchemaSql;
  size_t at = sql.find(head);
  size_t stop = at == std::string_view::npos ? at : sql.find(end, at);
  if (stop == std::string_view::npos) return {};
  return sql.substr(at, stop + end.size() - at);
}

// Version 1 keyed documents by sha256 (UNIQUE), so two files with the same bytes were one
// document; version 2 keys them by source_path and indexes every cascading foreign key. SQLite
// cannot drop a UNIQUE constraint, so documents is rebuilt (the documented 12-step way: foreign
// keys off, copy, drop, rename); the rows that reference it keep their ids. Every index of
// schema.sql is then created if missing, so the migration is the schema itself, not a copy.
Status MigrateV1ToV2(Db& db) {
  std::string create(SchemaStatement("CREATE TABLE documents (", "\n);"));
  if (create.empty()) return Status(StatusCode::kInternal, "schema.sql has no documents table");
  create.replace(0, std::string_view("CREATE TABLE documents").size(), "CREATE TABLE documents_v2");
  std::string sql = create +
                    "\nINSERT INTO documents_v2 SELECT * FROM documents;\n"
                    "DROP TABLE documents;\n"
                    "ALTER TABLE documents_v2 RENAME TO documents;\n";
  std::string_view schema = kSchemaSql;
  constexpr std::string_view kCreateIndex = "CREATE INDEX ";
  for (size_t at = schema.find(kCreateIndex); at != std::string_view::npos;
       at = schema.find(kCreateIndex, at + 1)) {
    size_t end = schema.find(';', at);
    sql += "CREATE INDEX IF NOT EXISTS " +
           std::string(schema.substr(at + kCreateIndex.size(), end - at - kCreateIndex.size())) +
           ";\n";
  }
  if (Status s = db.Exec(sql + "PRAGMA user_version = 2;"); !s.ok()) return s;
  // Version 1 stored paths as the bytes they were; version 2 as PrintablePath gives them, so
  // a re-import finds the same path again (once, on every row: names rarely need it).
  struct PathColumn {
    const char* select;
    const char* update;
  };
  for (PathColumn c : {PathColumn{"SELECT id, source_path FROM documents",
                                  "UPDATE documents SET source_path = ?2 WHERE id = ?1"},
                       PathColumn{"SELECT id, path FROM failures",
                                  "UPDATE failures SET path = ?2 WHERE id = ?1"}}) {
    auto select = db.Prepare(c.select);
    if (!select) return select.status();
    auto update = db.Prepare(c.update);
    if (!update) return update.status();
    while (select->Step()) {
      std::string stored = select->Text(1), printable = PrintablePath(stored);
      if (printable == stored) continue;
      if (Status s = update->Bind(1, select->Int(0)).Bind(2, printable).Run(); !s.ok()) return s;
    }
    if (!select->status().ok()) return select->status();
  }
  return Status::Ok();
}

// Schema step "fts-for-stock-tools" (issue 17), separate from version upgrades: archives made
// before it declare passages_fts with content='passages', which sqlite-utils and Datasette do
// not recognise as the FTS index of passages. Re-declaring it (same tokenizer, same rows;
// rebuilt from passages, about 0.15 s per 4 MB of text) keeps the schema version: both
// declarations read the same, so readers need not care which one an archive has.
Status UpgradeFtsDeclaration(Db& db) {
  {
    auto stmt = db.Prepare("SELECT sql FROM sqlite_master WHERE name = 'passages_fts'");
    if (!stmt) return stmt.status();
    bool old = stmt->Step() && stmt->Text(0).find("content='passages'") != std::string::npos;
    if (!stmt->status().ok()) return stmt->status();
    if (!old) return Status::Ok();
  }  // finalized: DROP TABLE fails while a statement is open
  // Must match passages_fts in schema.sql.
  Status s = db.Exec(R"sql(
BEGIN IMMEDIATE;
DROP TABLE passages_fts;
CREATE VIRTUAL TABLE passages_fts USING fts5(
  text, content="passages", content_rowid="id", tokenize="gyosei_cjk"
);
INSERT INTO passages_fts(passages_fts) VALUES('rebuild');
INSERT INTO passages_fts(passages_fts, rank) VALUES('automerge', 16);
COMMIT;)sql");
  if (!s.ok()) (void)db.Exec("ROLLBACK");
  return s;
}

}  // namespace

Status EnsureSchema(Db& db) {
  auto version = UserVersion(db);
  if (!version) return version.status();
  if (*version == kSchemaVersion) return UpgradeFtsDeclaration(db);
  if (*version < 0 || *version > kSchemaVersion) return CheckVersion(db, *version, kSchemaVersion);
  // The table rebuild of a migration needs foreign keys off (dropping the old documents table
  // would otherwise delete every goal); the pragma is a no-op inside a transaction.
  if (Status s = db.Exec("PRAGMA foreign_keys = OFF"); !s.ok()) return s;
  // Two imports creating the same archive at once: IMMEDIATE makes the second wait, then it
  // sees the schema the first one wrote.
  if (Status s = db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  version = UserVersion(db);
  Status status = version.status();
  // Each schema step in order, from the version found; all in one transaction:
  // 1 -> 2 documents keyed by path, every cascading key indexed (MigrateV1ToV2);
  // 2 -> 3 indicators and actuals (schema_indicators.sql);
  // 3 -> 4 booklets' sheets as documents, indicators searchable (schema_booklets.sql).
  if (status.ok()) {
    if (*version == 0) status = db.Exec(kSchemaSql);
    if (status.ok() && *version == 1) status = MigrateV1ToV2(db);
    if (status.ok() && *version <= 2) status = db.Exec(kSchemaIndicatorsSql);
    if (status.ok() && *version <= 3) {
      status = db.Exec(std::string(kSchemaBookletsSql) +
                       "\nPRAGMA user_version = " + std::to_string(kSchemaVersion) + ";");
    }
  }
  if (status.ok()) status = db.Exec("COMMIT");
  if (!status.ok()) (void)db.Exec("ROLLBACK");
  if (Status s = db.Exec("PRAGMA foreign_keys = ON"); status.ok()) status = s;
  if (status.ok()) status = UpgradeFtsDeclaration(db);  // a migrated v1 archive's old declaration
  return status;
}

namespace {

// True when nothing can write next to the archive: its folder is on a read-only filesystem or
// not writable by us. Then no import can be running, and the archive can be read immutable.
bool FolderReadOnly(const std::string& path) {
  std::string folder = std::filesystem::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  struct statvfs fs;
  if (statvfs(folder.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY)) return true;
  return access(folder.c_str(), W_OK) != 0;
}

}  // namespace

Expected<Db> OpenForReading(const std::string& path) {
  auto db = Db::Open(path, Db::Mode::kReadOnly);
  if (!db) return db.status();
  auto version = UserVersion(*db);
  // A WAL archive needs its -shm index, which a read-only folder cannot hold ("unable to open
  // database file"). An import leaves the archive in rollback mode, so this is for archives
  // copied while an import ran, or made by an older gyosei.
  if (!version && version.status().code() == StatusCode::kNotFound && FolderReadOnly(path)) {
    db = Db::Open(path, Db::Mode::kImmutable);
    if (!db) return db.status();
    version = UserVersion(*db);
  }
  if (!version) return version.status();
  if (Status s = CheckVersion(*db, *version, kOldestReadableVersion); !s.ok()) return s;
  return db;
}

std::string FormatReal(double v) {
  if (v == static_cast<double>(static_cast<int64_t>(v)) && v > -1e15 && v < 1e15) {
    return std::to_string(static_cast<int64_t>(v));
  }
  char buf[32];
  snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace gyosei::archive
