// Regression tests for issue 13 (data loss and silent failures found by a hostile probe), each
// named after the bug: the archive library on real files in a temporary folder.
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <set>
#include <sstream>

#include "archive/archive.h"
#include "archive_support.h"
#include "core/utf8.h"
#include "ingest/ingest.h"

namespace gyosei {
namespace {

using testing::CopyCorpusTexts;
using testing::Import;
using testing::ReadFile;
using testing::SqlFile;
using testing::TempDir;
using testing::WriteFile;

// Runs statements on the archive with plain SQLite, read-write (to make an old archive).
void ExecSql(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(handle);
  REQUIRE(rc == SQLITE_OK);
}

// A version-4 archive back to version 3 (tests/archive/schema_v4_undo.sql).
void UndoSchemaV4(const std::string& db) {
  std::string undo = ReadFile("tests/archive/schema_v4_undo.sql");
  REQUIRE(!undo.empty());
  ExecSql(db, "PRAGMA foreign_keys = OFF; " + undo);
  REQUIRE(SqlFile(db).Int("PRAGMA user_version") == 3);
}

SearchQuery Query(const std::string& text) {
  SearchQuery q;
  q.text = text;
  return q;
}

TEST_CASE("same_bytes_two_paths: two files with the same bytes are two documents") {
  TempDir tmp;
  std::string text = ReadFile("corpus/001_c5bbb58d7165dbb1.txt");
  WriteFile(tmp / "docs/a.txt", text);
  WriteFile(tmp / "docs/b.txt", text);
  ImportSummary first = Import(tmp / "a.db", {tmp / "docs"});
  CHECK(first.counts.imported == 2);
  {
    SqlFile sql(tmp / "a.db");
    CHECK(sql.Int("SELECT COUNT(*) FROM documents") == 2);
    CHECK(sql.Int("SELECT COUNT(DISTINCT source_path) FROM documents") == 2);
  }
  // b changes: its record is replaced, a's stays, and a is rightly "unchanged".
  WriteFile(tmp / "docs/b.txt", text + "\n追記: 令和4年度も継続します。\n");
  ImportSummary second = Import(tmp / "a.db", {tmp / "docs"});
  CHECK(second.counts.replaced == 1);
  CHECK(second.counts.unchanged == 1);
  SqlFile sql(tmp / "a.db");
  CHECK(sql.Int("SELECT COUNT(*) FROM documents WHERE source_path LIKE '%/a.txt' AND sha256 = '" +
                Sha256Hex(text) + "'") == 1);
  CHECK(sql.Int("SELECT COUNT(*) FROM documents WHERE source_path LIKE '%/b.txt' AND sha256 != '" +
                Sha256Hex(text) + "'") == 1);
  CHECK(sql.Int("SELECT COUNT(*) FROM runs WHERE imported + replaced + unchanged != files_seen") ==
        0);
}

TEST_CASE("force_import_cascade_index: every cascading foreign key has an index") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  Import(tmp / "a.db", {tmp / "docs"});
  SqlFile sql(tmp / "a.db");
  // A cascading key without an index makes each deleted parent scan the whole child table:
  // import --force deleting N goals over M passages was N x M.
  std::string unindexed = sql.Text(
      "SELECT group_concat(m.name || '.' || f.\"from\") FROM sqlite_master m, "
      "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.on_delete = 'CASCADE' "
      "AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.name) i, pragma_index_info(i.name) c "
      "WHERE c.seqno = 0 AND c.name = f.\"from\") AND NOT EXISTS (SELECT 1 FROM "
      "pragma_table_info(m.name) t WHERE t.pk = 1 AND t.name = f.\"from\")");
  CHECK(unindexed == "");
}

TEST_CASE("schema_migration_v1_to_v2: an import migrates a version 1 archive, keeping its rows") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  WriteFile(tmp / "docs/name\xff.txt", ReadFile("corpus/001_c5bbb58d7165dbb1.txt") + "\n追記\n");
  std::string db = tmp / "a.db";
  Import(db, {tmp / "docs"});
  int64_t goals = SqlFile(db).Int("SELECT COUNT(*) FROM goals");
  REQUIRE(goals > 0);
  // Back to version 1: documents keyed by sha256 (UNIQUE), no index on passages.goal_id, the
  // path's bytes as they were.
  UndoSchemaV4(db);
  std::string create = SqlFile(db).Text("SELECT sql FROM sqlite_master WHERE name = 'documents'");
  create =
      std::regex_replace(create, std::regex("CREATE TABLE \"?documents\"?"), "CREATE TABLE v1");
  create = std::regex_replace(create, std::regex("(sha256 +TEXT NOT NULL)"), "$1 UNIQUE");
  create = std::regex_replace(create, std::regex("(source_path +TEXT NOT NULL) UNIQUE"), "$1");
  ExecSql(db, "PRAGMA foreign_keys = OFF; BEGIN; " + create +
                  "; INSERT INTO v1 SELECT * FROM documents; DROP TABLE documents; "
                  "ALTER TABLE v1 RENAME TO documents; DROP INDEX passages_by_goal; "
                  "CREATE INDEX documents_by_path ON documents(source_path); "
                  "UPDATE documents SET source_path = replace(source_path, '\\xff', "
                  "CAST(X'FF' AS TEXT)); "
                  "DROP TABLE indicators; DROP TABLE actuals; "
                  "ALTER TABLE targets DROP COLUMN fiscal_year; "
                  "ALTER TABLE targets DROP COLUMN indicator_key; "
                  "PRAGMA user_version = 1; COMMIT;");
  REQUIRE(SqlFile(db).Int("PRAGMA user_version") == 1);
  // Readers refuse it (they query version 4's tables) and say how to upgrade it.
  auto old = SearchArchive(db, Query("市"));
  REQUIRE_FALSE(old);
  CHECK(old.status().message().find("gyosei import upgrades it") != std::string::npos);

  ImportSummary again = Import(db, {tmp / "docs"});
  CHECK(again.counts.unchanged == 6);
  SqlFile sql(db);
  CHECK(sql.Int("PRAGMA user_version") == 4);  // and on to version 4 (indicators, booklets)
  CHECK(sql.Text("PRAGMA integrity_check") == "ok");
  CHECK(sql.Int("SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
  CHECK(sql.Int("SELECT COUNT(*) FROM goals") == goals);  // the rebuild cascaded nothing away
  CHECK(sql.Int("SELECT COUNT(*) FROM sqlite_master WHERE name = 'passages_by_goal'") == 1);
  // A stored name that is not UTF-8 is rewritten as version 2 writes it.
  CHECK(sql.Int("SELECT COUNT(*) FROM documents WHERE source_path LIKE '%/name\\xff.txt'") == 1);
  // Two paths with the same bytes are two documents there too (sha256 is no longer UNIQUE).
  WriteFile(tmp / "docs/copy.txt", ReadFile(tmp / "docs/000_ffb01740a82d06a7.txt"));
  CHECK(Import(db, {tmp / "docs"}).counts.imported == 1);
}

TEST_CASE("schema_migration_v3_to_v4: an import keys documents by path and part, keeping rows") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  std::string db = tmp / "a.db";
  Import(db, {tmp / "docs"});
  int64_t goals = SqlFile(db).Int("SELECT COUNT(*) FROM goals");
  int64_t passages = SqlFile(db).Int("SELECT COUNT(*) FROM passages");
  REQUIRE(goals > 0);
  UndoSchemaV4(db);
  // Readers refuse a version-3 archive (they read documents.part) and say how to upgrade it.
  std::ostringstream out;
  Status old = ExportTable(db, ExportWhat::kDocuments, ExportFormat::kCsv, out);
  REQUIRE_FALSE(old.ok());
  CHECK(old.message().find("archive schema version 3") != std::string::npos);
  CHECK(old.message().find("gyosei import upgrades it") != std::string::npos);

  ImportSummary again = Import(db, {tmp / "docs"});
  CHECK(again.counts.unchanged == 5);
  SqlFile sql(db);
  CHECK(sql.Int("PRAGMA user_version") == 4);
  CHECK(sql.Text("PRAGMA integrity_check") == "ok");
  CHECK(sql.Int("SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
  CHECK(sql.Int("SELECT COUNT(*) FROM goals") == goals);  // the rebuild cascaded nothing away
  CHECK(sql.Int("SELECT COUNT(*) FROM passages") == passages);
  // Every document was a whole file: part 0, no page range.
  CHECK(sql.Int("SELECT COUNT(*) FROM documents WHERE part != 0 OR first_page IS NOT NULL") == 0);
  CHECK(sql.Int("SELECT COUNT(*) FROM sqlite_master WHERE name = 'passages_by_indicator'") == 1);
  CHECK(SearchArchive(db, Query("市")).ok());
  // --force re-extracts each file and stores it again under the same key.
  ImportOptions force;
  force.force = true;
  CHECK(Import(db, {tmp / "docs"}, force).counts.replaced == 5);
  CHECK(SqlFile(db).Int("SELECT COUNT(*) FROM documents") == 5);
}

TEST_CASE("search_query_bound: too many terms or bytes is a clear error, at once") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  Import(tmp / "a.db", {tmp / "docs"});
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "市民 ";
  auto start = std::chrono::steady_clock::now();
  auto refused = SearchArchive(tmp / "a.db", Query(many));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  REQUIRE(!refused);
  CHECK(refused.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(refused.status().message(), Catch::Contains("35000 bytes long; at most 1024"));
  std::string short_terms;
  for (int i = 0; i < 33; ++i) short_terms += "a ";
  auto too_many = SearchArchive(tmp / "a.db", Query(short_terms));
  REQUIRE(!too_many);
  CHECK_THAT(too_many.status().message(), Catch::Contains("33 terms; at most 32"));

  std::string at_cap;
  for (size_t i = 0; i < kMaxQueryTerms; ++i) at_cap += i % 2 ? "市\u3000" : "計画 ";
  CHECK(SearchArchive(tmp / "a.db", Query(at_cap)));
  CHECK(!SearchArchive(tmp / "a.db", Query(at_cap + "広報")));
  CHECK(!SearchArchive(tmp / "a.db", Query(std::string(kMaxQueryBytes + 1, 'a'))));
}

TEST_CASE("huge_input_max_file_size: a file over --max-file-size is a failure, not read") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  testing::WriteHugeText(tmp / "docs/huge.txt");
  ImportOptions options;
  options.max_file_bytes = 1 << 20;
  ImportSummary s = Import(tmp / "a.db", {tmp / "docs"}, options);
  CHECK(s.counts.imported == 5);
  CHECK(s.counts.failed == 1);
  SqlFile sql(tmp / "a.db");
  CHECK(sql.Text("SELECT code FROM failures") == "unsupported");
  CHECK_THAT(sql.Text("SELECT message FROM failures"),
             Catch::EndsWith("huge.txt: 61 MB, larger than the limit of 1 MB (--max-file-size); "
                             "not read"));
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST_CASE("huge_input_memory_limit: a worker over --memory-limit fails its document only") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  testing::WriteHugeText(tmp / "docs/huge.txt");  // about 10x its 61 MB in memory
  ImportOptions options;
  options.memory_limit_bytes = int64_t{400} << 20;
  options.jobs = 1;
  ImportSummary s = Import(tmp / "a.db", {tmp / "docs"}, options);
  CHECK(s.counts.imported == 5);
  CHECK(s.counts.failed == 1);
  SqlFile sql(tmp / "a.db");
  CHECK_THAT(sql.Text("SELECT message FROM failures"),
             Catch::Contains("huge.txt: needs more than the 400 MB of memory a worker may use "
                             "(--memory-limit); skipped"));
}
#endif

TEST_CASE("fifo_named_is_failure: a FIFO is never read; named, it is a failure") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  REQUIRE(mkfifo((tmp / "named.txt").c_str(), 0644) == 0);
  REQUIRE(mkfifo((tmp / "docs/in-folder.txt").c_str(), 0644) == 0);
  ImportSummary s = Import(tmp / "a.db", {tmp / "docs", tmp / "named.txt"});
  CHECK(s.counts.imported == 5);
  CHECK(s.counts.failed == 1);
  REQUIRE(s.failures.size() == 1);
  CHECK_THAT(s.failures[0], Catch::EndsWith("named.txt: a FIFO (named pipe), not a document file; "
                                            "not read"));
  REQUIRE(s.warnings.size() == 1);
  CHECK_THAT(s.warnings[0], Catch::EndsWith("in-folder.txt: a FIFO (named pipe); skipped"));
}

TEST_CASE("self_loop_symlink: a symlink to itself is called a loop, not a missing file") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  testing::fs::create_symlink("loop.txt", tmp / "docs/loop.txt");
  ImportSummary s = Import(tmp / "a.db", {tmp / "docs"});
  REQUIRE(s.warnings.size() == 1);
  CHECK_THAT(s.warnings[0], Catch::EndsWith("loop.txt: a symbolic link loop (following it "
                                            "leads back to itself); skipped"));
  auto named = ImportDocuments(tmp / "a.db", {tmp / "docs/loop.txt"}, RuleFiles::Builtin(), {});
  REQUIRE(!named);
  CHECK_THAT(named.status().message(), Catch::Contains("symbolic link loop"));
  CHECK_THAT(named.status().message(), !Catch::Contains("No such file"));
}

TEST_CASE("non_utf8_file_names: two names stay two, written as valid UTF-8") {
  TempDir tmp;
  std::string text = ReadFile("corpus/001_c5bbb58d7165dbb1.txt");
  WriteFile(tmp / "docs/a\xff.txt", text);
  WriteFile(tmp / "docs/a\xfe.txt", text + "\n追記\n");
  WriteFile(tmp / "docs/a\\xff.txt", text + "\n追記2\n");  // a name that looks escaped
  ImportSummary s = Import(tmp / "a.db", {tmp / "docs"});
  CHECK(s.counts.imported == 3);
  SqlFile sql(tmp / "a.db");
  std::set<std::string> names;
  for (const char* like : {"%/a\\xff.txt", "%/a\\xfe.txt", "%/a\\\\xff.txt"}) {
    names.insert(sql.Text(
        std::string("SELECT source_path FROM documents WHERE source_path LIKE '") + like + "'"));
  }
  CHECK(names.size() == 3);
  CHECK(names.count("") == 0);
  CHECK(sql.Int("SELECT COUNT(*) FROM documents WHERE json_extract(json, '$.source.path') = "
                "source_path") == 3);
  std::ostringstream csv;
  REQUIRE(ExportTable(tmp / "a.db", ExportWhat::kDocuments, ExportFormat::kCsv, csv).ok());
  std::string out = csv.str();
  bool valid = true;
  for (size_t i = 0; i < out.size();) valid = valid && DecodeUtf8(out, i) != 0xFFFD;
  CHECK(valid);
}

TEST_CASE("readonly_archive: an import leaves no -wal/-shm, so a read-only folder can be read") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  std::string db = tmp / "store/a.db";
  testing::fs::create_directories(tmp / "store");
  Import(db, {tmp / "docs"});
  CHECK(SqlFile(db).Text("PRAGMA journal_mode") == "delete");
  CHECK(!testing::fs::exists(db + "-wal"));
  CHECK(!testing::fs::exists(db + "-shm"));
  // An archive left in WAL mode (copied mid-import, or made by an older gyosei) too.
  ExecSql(db, "PRAGMA journal_mode = WAL");
  if (geteuid() == 0) {
    WARN("running as root: a read-only folder cannot be simulated with chmod; skipped that part");
    return;
  }
  testing::fs::permissions(tmp / "store",
                           testing::fs::perms::owner_read | testing::fs::perms::owner_exec);
  auto hits = SearchArchive(db, Query("市"));
  testing::fs::permissions(tmp / "store", testing::fs::perms::owner_all);
  INFO((hits ? "" : hits.status().message()));
  CHECK(hits);
}

}  // namespace
}  // namespace gyosei
