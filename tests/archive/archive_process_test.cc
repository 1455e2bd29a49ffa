// The real gyosei binary under kill -9, Ctrl-C and a second concurrent import: the archive
// stays valid (PRAGMA integrity_check), every committed document is whole, the next run
// resumes and ends with every document exactly once.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "archive_support.h"

namespace gyosei {
namespace {

using testing::SqlFile;
using testing::TempDir;

pid_t Spawn(const std::vector<std::string>& args, const std::string& output) {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fd = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(GYOSEI_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::string> ImportArgs(const TempDir& tmp) {
  return {GYOSEI_BINARY, "import", "--archive", tmp / "a.db", "--jobs", "2", tmp / "docs"};
}

// Every document's rows agree with its own counts and JSON: a document is all there or absent.
void CheckWholeDocuments(const std::string& db) {
  SqlFile sql(db);
  CHECK(sql.Text("PRAGMA integrity_check") == "ok");
  // Killed before the schema's transaction committed: an empty database, which is valid.
  if (sql.Text("SELECT name FROM sqlite_master WHERE name = 'documents'").empty()) return;
  CHECK(sql.Int("SELECT COUNT(*) FROM documents d WHERE goal_count != "
                "(SELECT COUNT(*) FROM goals g WHERE g.document_id = d.id) OR target_count != "
                "(SELECT COUNT(*) FROM targets t WHERE t.document_id = d.id) OR "
                "json_array_length(json, '$.goals') != goal_count OR NOT EXISTS "
                "(SELECT 1 FROM passages p WHERE p.document_id = d.id AND p.kind = 'body')") == 0);
  CHECK(sql.Int("SELECT COUNT(*) FROM goals WHERE document_id NOT IN (SELECT id FROM documents)") ==
        0);
  CHECK(sql.Int("SELECT COUNT(*) - COUNT(DISTINCT source_path) FROM documents") == 0);
}

int64_t Documents(const std::string& db) {
  if (!testing::fs::exists(db)) return 0;
  SqlFile sql(db);
  // Before the first commit the schema may not exist yet.
  return sql.Text("SELECT name FROM sqlite_master WHERE name = 'documents'").empty()
             ? 0
             : sql.Int("SELECT COUNT(*) FROM documents");
}

// Waits until the running import `pid` has committed `n` documents (polling the archive as a
// reader would). The collections are large enough for the import to be still running then.
void WaitForDocuments(const std::string& db, int64_t n, pid_t pid) {
  for (int i = 0; i < 6000; ++i) {
    if (n == 0 || Documents(db) >= n) return;
    int status;
    REQUIRE(waitpid(pid, &status, WNOHANG) == 0);  // still running
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  FAIL("the import committed fewer than " << n << " documents in 30 s");
}

TEST_CASE("kill -9 at several points, then the next run resumes") {
  TempDir tmp;
  int total = testing::CopyCorpusTexts(tmp / "docs", 30);  // 150 documents
  std::string db = tmp / "a.db";
  std::vector<int64_t> at_kill;
  // Right at the start (before or during the schema's creation), then after 5, 40, 90 commits.
  for (int64_t threshold : {0, 5, 40, 90}) {
    pid_t pid = Spawn(ImportArgs(tmp), tmp / "out.txt");
    WaitForDocuments(db, threshold, pid);
    kill(pid, SIGKILL);
    CHECK(Wait(pid) == 128 + SIGKILL);
    at_kill.push_back(Documents(db));
    if (testing::fs::exists(db)) CheckWholeDocuments(db);
  }
  INFO("documents after each kill: " << at_kill[0] << " " << at_kill[1] << " " << at_kill[2] << " "
                                     << at_kill[3]);
  CHECK(at_kill.back() >= 90);
  CHECK(at_kill.back() < total);

  pid_t pid = Spawn(ImportArgs(tmp), tmp / "out.txt");
  CHECK(Wait(pid) == 0);
  std::string out = testing::ReadFile(tmp / "out.txt");
  INFO(out);
  CHECK_THAT(out, Catch::Contains("unchanged " + std::to_string(at_kill.back())));
  CHECK(Documents(db) == total);
  CheckWholeDocuments(db);
  SqlFile sql(db);
  CHECK(sql.Int("SELECT COUNT(*) FROM runs WHERE status = 'interrupted'") >= 1);
  CHECK(sql.Int("SELECT COUNT(*) FROM runs WHERE status = 'running'") == 0);
}

TEST_CASE("Ctrl-C stops an import cleanly (exit 130) and the next run resumes") {
  TempDir tmp;
  int total = testing::CopyCorpusTexts(tmp / "docs", 30);
  pid_t pid = Spawn(ImportArgs(tmp), tmp / "out.txt");
  WaitForDocuments(tmp / "a.db", 10, pid);
  kill(pid, SIGINT);
  CHECK(Wait(pid) == 130);
  CHECK_THAT(testing::ReadFile(tmp / "out.txt"), Catch::Contains("run the same command again"));
  CheckWholeDocuments(tmp / "a.db");
  CHECK(Documents(tmp / "a.db") < total);
  CHECK(Wait(Spawn(ImportArgs(tmp), tmp / "out.txt")) == 0);
  CHECK(Documents(tmp / "a.db") == total);
}

// Starts an import of a.db, then a second one on `second_archive` (a.db by some path): it must
// fail at once naming the first, which goes on to import everything.
void CheckSecondImportRefused(const TempDir& tmp, const std::string& second_archive) {
  int total = testing::CopyCorpusTexts(tmp / "docs", 30);
  pid_t first = Spawn(ImportArgs(tmp), tmp / "first.txt");
  WaitForDocuments(tmp / "a.db", 5, first);
  pid_t second =
      Spawn({GYOSEI_BINARY, "import", "--archive", second_archive, "--jobs", "2", tmp / "docs"},
            tmp / "second.txt");
  CHECK(Wait(second) == 1);
  CHECK_THAT(testing::ReadFile(tmp / "second.txt"),
             Catch::Contains("another gyosei import is running on this archive (pid " +
                             std::to_string(first) + ")"));
  CHECK(Wait(first) == 0);
  CHECK(Documents(tmp / "a.db") == total);
  CheckWholeDocuments(tmp / "a.db");
}

TEST_CASE("a second import on the same archive fails at once with a clear message") {
  TempDir tmp;
  CheckSecondImportRefused(tmp, tmp / "a.db");
}

TEST_CASE("import_lock_through_symlink: a second import through a symlink to the archive fails") {
  TempDir tmp;
  testing::fs::create_directories(tmp / "elsewhere");
  testing::fs::create_symlink(tmp / "a.db", tmp / "elsewhere/link.db");
  CheckSecondImportRefused(tmp, tmp / "elsewhere/link.db");
}

std::vector<pid_t> Children(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> out;
  for (pid_t c; in >> c;) out.push_back(c);
  return out;
}

TEST_CASE("a worker that crashes fails its document only; a fresh worker goes on") {
  TempDir tmp;
  // huge.txt sorts first and keeps the only worker busy for seconds: that is the one to crash.
  testing::WriteHugeText(tmp / "docs/huge.txt");
  testing::WriteFile(tmp / "docs/x_small.txt",
                     testing::ReadFile("corpus/001_c5bbb58d7165dbb1.txt"));
  pid_t pid =
      Spawn({GYOSEI_BINARY, "import", "--archive", tmp / "a.db", "--jobs", "1", tmp / "docs"},
            tmp / "out.txt");
  std::vector<pid_t> workers;
  for (int i = 0; i < 100 && workers.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    workers = Children(pid);
  }
  REQUIRE(workers.size() == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(workers[0], SIGSEGV);
  CHECK(Wait(pid) == 1);
  SqlFile sql(tmp / "a.db");
  CHECK_THAT(sql.Text("SELECT message FROM failures WHERE path LIKE '%huge.txt'"),
             Catch::EndsWith("huge.txt: the worker extracting this file died (signal 11: "
                             "Segmentation fault); skipped"));
  CHECK(sql.Int("SELECT COUNT(*) FROM documents WHERE source_path LIKE '%x_small.txt'") == 1);
}

}  // namespace
}  // namespace gyosei
