#include "archive/sqlite.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <ctime>

#include "archive/schema_indicators_sql.h"
#include "archive/schema_sql.h"
#include "archive/tokenizer.h"

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

Expected<Db> Db::Open(const std::string& path, Mode mode) {
  struct stat st;
  if (mode == Mode::kReadOnly && stat(path.c_str(), &st) != 0) {
    return Status(StatusCode::kNotFound, path + ": no such archive (create it with gyosei import)");
  }
  sqlite3* handle = nullptr;
  int flags =
      mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  Db db(handle, path);
  if (rc != SQLITE_OK) return db.Error("cannot open the archive");
  sqlite3_extended_result_codes(handle, 1);
  // Long enough for a reader to wait out a writer's transaction (one document).
  sqlite3_busy_timeout(handle, 10000);
  if (Status s = RegisterCjkTokenizer(handle); !s.ok()) return s;
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

Status CheckVersion(Db& db, int version) {
  if (version == kSchemaVersion) return Status::Ok();
  if (version >= 1 && version < kSchemaVersion)
    return Status(StatusCode::kUnsupported,
                  db.path() + ": archive schema version " + std::to_string(version) +
                      ", this gyosei reads version " + std::to_string(kSchemaVersion) +
                      " (gyosei import upgrades it)");
  return Status(StatusCode::kUnsupported,
                db.path() + ": archive schema version " + std::to_string(version) +
                    ", this gyosei reads version " + std::to_string(kSchemaVersion));
}

}  // namespace

Status EnsureSchema(Db& db) {
  auto version = UserVersion(db);
  if (!version) return version.status();
  if (*version == kSchemaVersion) return Status::Ok();
  // An older archive is upgraded by the schema steps below; a newer one is refused.
  if (*version > kSchemaVersion) return CheckVersion(db, *version);
  // Two imports creating the same archive at once: IMMEDIATE makes the second wait, then it
  // sees the schema the first one wrote.
  if (Status s = db.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  version = UserVersion(db);
  if (!version) return version.status();
  // Each schema step in order, from the version found; all in one transaction.
  std::string sql;
  if (*version == 0) sql += kSchemaSql;
  if (*version <= 1) sql += kSchemaIndicatorsSql;
  if (!sql.empty()) {
    sql += "\nPRAGMA user_version = " + std::to_string(kSchemaVersion) + ";";
    if (Status s = db.Exec(sql); !s.ok()) {
      (void)db.Exec("ROLLBACK");
      return s;
    }
  }
  return db.Exec("COMMIT");
}

Expected<Db> OpenForReading(const std::string& path) {
  auto db = Db::Open(path, Db::Mode::kReadOnly);
  if (!db) return db.status();
  auto version = UserVersion(*db);
  if (!version) return version.status();
  if (Status s = CheckVersion(*db, *version); !s.ok()) return s;
  return db;
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
