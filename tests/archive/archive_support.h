// Shared by the archive tests: a temporary folder, collections made from the corpus, and SQL
// run straight against the archive file (no mocks).
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "archive/archive.h"
#include "pipeline/import.h"

namespace gyosei::testing {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "gyosei-archive-XXXXXX").string();
    REQUIRE(mkdtemp(templ.data()) != nullptr);
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// The five corpus text renderings, copied into `dir` (`copies` times, each copy's bytes made
// distinct by an appended line, so each is its own document).
inline int CopyCorpusTexts(const std::string& dir, int copies = 1) {
  int n = 0;
  for (const char* name : {"000_ffb01740a82d06a7", "001_c5bbb58d7165dbb1", "002_5f1a78a3c3e66711",
                           "003_2a7c210278e47f29", "004_c3cb6c837472769f"}) {
    std::string text = ReadFile(std::string("corpus/") + name + ".txt");
    REQUIRE(!text.empty());
    for (int c = 0; c < copies; ++c) {
      std::string suffix = copies == 1 ? "" : "_" + std::to_string(c);
      WriteFile(dir + "/" + name + suffix + ".txt",
                copies == 1 ? text : text + "\n(copy " + std::to_string(c) + ")\n");
      ++n;
    }
  }
  return n;
}

// About 64 MB of policy text: seconds of work for one worker even in a Release build (about
// 20 MB/s there); the tests that use it kill the worker long before it is done.
inline void WriteHugeText(const std::string& path) {
  std::string seed = ReadFile("corpus/004_c3cb6c837472769f.txt");
  REQUIRE(!seed.empty());
  std::string big;
  while (big.size() < 64'000'000) big += seed;
  WriteFile(path, big);
}

// Imports with the built-in rules (2 workers unless the options say), requiring success.
inline ImportSummary Import(const std::string& db, const std::vector<std::string>& inputs,
                            ImportOptions options = {}) {
  if (options.jobs == 0) options.jobs = 2;
  auto s = ImportDocuments(db, inputs, RuleFiles::Builtin(), options);
  INFO((s ? "" : s.status().message()));
  REQUIRE(s);
  return *s;
}

// Runs SQL on the archive file with plain SQLite (as a dashboard would).
class SqlFile {
 public:
  explicit SqlFile(const std::string& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~SqlFile() { sqlite3_close(db_); }
  std::string Text(const std::string& sql) const {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }
  int64_t Int(const std::string& sql) const {
    std::string t = Text(sql);
    return t.empty() ? 0 : std::stoll(t);
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace gyosei::testing
