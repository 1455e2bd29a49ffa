// The archive library on real SQLite files: import (idempotent, changed file, failures,
// manifest, timeout), search with each filter and 1-, 2-, 3+-character Japanese queries,
// export parsed back, stats; and the tokenizer and CSV reader it rests on.
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "archive/archive.h"
#include "archive/tokenizer.h"
#include "archive_support.h"
#include "core/csv.h"
#include "ingest/ingest.h"

// Queries are written with designated initializers; the fields left out keep their defaults on
// purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace gyosei {
namespace {

using testing::CopyCorpusTexts;
using testing::Import;
using testing::SqlFile;
using testing::TempDir;
using testing::WriteFile;

std::vector<std::string> Texts(const std::vector<archive::FtsToken>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.text);
  return out;
}

TEST_CASE("tokenizer: a bigram per CJK character, the run's last alone; ASCII words lowercased") {
  using V = std::vector<std::string>;
  CHECK(Texts(archive::TokenizeForFts("働き方改革")) == V{"働き", "き方", "方改", "改革", "革"});
  CHECK(Texts(archive::TokenizeForFts("建設DXの推進")) ==
        V{"建設", "設", "dx", "の推", "推進", "進"});
  CHECK(Texts(archive::TokenizeForFts("ＩｏＴ、2021年")) == V{"iot", "2021", "年"});
  CHECK(Texts(archive::TokenizeForFts("市")) == V{"市"});
  // A bigram marks only its first character for snippets: the query's last character is not
  // followed by the text's next one.
  auto tokens = archive::TokenizeForFts("の推進");
  CHECK(tokens[1].text == "推進");
  CHECK(tokens[1].start == 3);
  CHECK(tokens[1].end == 6);
}

TEST_CASE(
    "tokenizer, query mode: a run ending the term gives its bigrams only (the text may go on)") {
  using V = std::vector<std::string>;
  const auto kQuery = archive::FtsMode::kQuery;
  CHECK(Texts(archive::TokenizeForFts("働き方改革", kQuery)) == V{"働き", "き方", "方改", "改革"});
  CHECK(Texts(archive::TokenizeForFts("広報", kQuery)) == V{"広報"});
  CHECK(Texts(archive::TokenizeForFts("市", kQuery)) == V{"市"});
  // A run that ends inside the term does end there in the text too.
  CHECK(Texts(archive::TokenizeForFts("広報DX", kQuery)) == V{"広報", "報", "dx"});
  CHECK(Texts(archive::TokenizeForFts("建設、工事", kQuery)) == V{"建設", "設", "工事"});
}

TEST_CASE(
    "tokenizer: the MATCH expression quotes each term, prefix-final after CJK, all required") {
  CHECK(*archive::FtsMatchExpression("働き方改革") == "\"働き方改革\" + \"革\"*");
  CHECK(*archive::FtsMatchExpression("広報　DX") == "\"広報\" + \"報\"* AND \"DX\"");
  CHECK(*archive::FtsMatchExpression("市") == "\"市\"*");
  CHECK(*archive::FtsMatchExpression("広報、") == "\"広報、\"*");
  CHECK(*archive::FtsMatchExpression("a\"b") == "\"a\"\"b\"");
  CHECK(*archive::FtsMatchExpression("、 DX 。") == "\"DX\"");
  CHECK(archive::FtsMatchExpression(" 、。 ").status().code() == StatusCode::kInvalidArgument);
}

// search_query_linear (issue 13, item 6): ideographic spaces were replaced by searching the
// query from its start after each replacement, quadratic in the query (this input moved about
// 10^11 bytes); one pass reads it in milliseconds. The CLI caps queries anyway (32 terms, 1,024
// bytes); the library takes any length. No timing here: the size makes a regression obvious.
TEST_CASE("search_query_linear: a long query's ideographic spaces are read in one pass") {
  std::string query;
  for (int i = 0; i < 300000; ++i) query += "\u3000";
  query += "広報";
  CHECK(*archive::FtsMatchExpression(query) == "\"広報\" + \"報\"*");
}

std::vector<SearchHit> Search(const std::string& db, SearchQuery q) {
  auto hits = SearchArchive(db, q);
  INFO((hits ? "" : hits.status().message()));
  REQUIRE(hits);
  return *hits;
}

std::set<std::string> Files(const std::vector<SearchHit>& hits) {
  std::set<std::string> out;
  for (const SearchHit& h : hits) out.insert(testing::fs::path(h.source_path).filename().string());
  return out;
}

TEST_CASE("import: failures recorded, re-import adds nothing, a changed file replaces its record") {
  TempDir tmp;
  std::string docs = tmp / "docs", db = tmp / "a.db";
  CopyCorpusTexts(docs);
  testing::fs::create_directories(docs + "/sub");
  testing::fs::copy_file("tests/malformed/truncated-half.pdf", docs + "/sub/truncated-half.pdf");
  testing::fs::copy_file("tests/malformed/xlsx-renamed.pdf", docs + "/sub/xlsx-renamed.pdf");
  WriteFile(docs + "/sub/notes.docx", "not a document type gyosei walks into");

  ImportSummary first = Import(db, {docs});
  CHECK(first.counts.files_total == 7);
  CHECK(first.counts.imported == 5);
  CHECK(first.counts.failed == 2);
  CHECK(first.failures.size() == 2);
  {
    SqlFile sql(db);
    CHECK(sql.Text("PRAGMA integrity_check") == "ok");
    CHECK(sql.Int("SELECT COUNT(*) FROM documents") == 5);
    CHECK(sql.Text("SELECT code FROM failures WHERE path LIKE '%truncated-half.pdf'") == "damaged");
    CHECK(sql.Text("SELECT code FROM failures WHERE path LIKE '%xlsx-renamed.pdf'") ==
          "unsupported");
    CHECK_THAT(sql.Text("SELECT message FROM failures WHERE path LIKE '%xlsx-renamed.pdf'"),
               Catch::StartsWith(docs + "/sub/xlsx-renamed.pdf: not a PDF"));
    // Rows agree with the contract JSON kept beside them.
    CHECK(sql.Int("SELECT SUM(json_array_length(json, '$.goals')) FROM documents") ==
          sql.Int("SELECT COUNT(*) FROM goals"));
    CHECK(sql.Int("SELECT SUM(target_count) FROM documents") ==
          sql.Int("SELECT COUNT(*) FROM targets"));
    CHECK(sql.Int("SELECT COUNT(*) FROM targets t JOIN documents d ON d.id = t.document_id "
                  "WHERE d.municipality_code = '222241' AND t.value = 318 AND t.unit = '人'") == 1);
    CHECK(sql.Int("SELECT COUNT(*) FROM runs WHERE status = 'done'") == 1);
  }

  ImportSummary second = Import(db, {docs});
  CHECK(second.counts.unchanged == 7);  // failed files too: their bytes are known
  CHECK(second.counts.imported + second.counts.replaced + second.counts.failed == 0);

  std::string changed = docs + "/001_c5bbb58d7165dbb1.txt";
  std::string old_sha = Sha256Hex(testing::ReadFile(changed));
  WriteFile(changed, testing::ReadFile(changed) + "\n追記: 令和4年度も継続します。\n");
  ImportSummary third = Import(db, {docs});
  CHECK(third.counts.replaced == 1);
  CHECK(third.counts.unchanged == 6);
  SqlFile sql(db);
  CHECK(sql.Int("SELECT COUNT(*) FROM documents") == 5);
  CHECK(sql.Int("SELECT COUNT(*) FROM documents WHERE sha256 = '" + old_sha + "'") == 0);
  CHECK(sql.Int("SELECT COUNT(*) FROM documents WHERE sha256 = '" +
                Sha256Hex(testing::ReadFile(changed)) + "'") == 1);
  // The old record's rows and index entries went with it: no orphans, search sees one copy.
  CHECK(sql.Int("SELECT COUNT(*) FROM goals WHERE document_id NOT IN (SELECT id FROM documents)") ==
        0);
  CHECK(sql.Int(
            "SELECT COUNT(*) FROM passages WHERE document_id NOT IN (SELECT id FROM documents)") ==
        0);
  CHECK(Files(Search(db, {.text = "追記"})) == std::set<std::string>{"001_c5bbb58d7165dbb1.txt"});
  CHECK(Search(db, {.text = "定員管理計画の推進"}).size() >= 1);
  CHECK(sql.Text("PRAGMA integrity_check") == "ok");

  // --force re-extracts every document (and retries the failures).
  ImportOptions force;
  force.force = true;
  ImportSummary forced = Import(db, {docs}, force);
  CHECK(forced.counts.imported + forced.counts.replaced == 5);
  CHECK(forced.counts.failed == 2);
  CHECK(sql.Int("SELECT COUNT(*) FROM documents") == 5);
  CHECK(sql.Int("SELECT COUNT(*) FROM failures") == 2);
}

class SearchArchiveFixture {
 public:
  SearchArchiveFixture() {
    CopyCorpusTexts(tmp / "docs");
    static_cast<void>(Import(db, {tmp / "docs"}));
  }
  TempDir tmp;
  std::string db = tmp / "a.db";
};

TEST_CASE_METHOD(
    SearchArchiveFixture,
    "search: 1-, 2- and 3+-character queries find exactly the documents containing them") {
  // "DX" (an ASCII word inside 建設DX), 広報 (2 kanji), 市 (1), 働き方改革 (a phrase of 5).
  CHECK(Files(Search(db, {.text = "DX"})) == std::set<std::string>{"002_5f1a78a3c3e66711.txt"});
  CHECK(Files(Search(db, {.text = "ｄｘ"})) == std::set<std::string>{"002_5f1a78a3c3e66711.txt"});
  CHECK(Files(Search(db, {.text = "広報", .limit = 0})) ==
        std::set<std::string>{"000_ffb01740a82d06a7.txt", "001_c5bbb58d7165dbb1.txt",
                              "002_5f1a78a3c3e66711.txt"});
  CHECK(Files(Search(db, {.text = "市", .limit = 0})).size() == 5);
  CHECK(Files(Search(db, {.text = "働き方改革", .limit = 0})) ==
        std::set<std::string>{"000_ffb01740a82d06a7.txt", "002_5f1a78a3c3e66711.txt"});
  // The characters of a phrase present apart are no hit.
  CHECK(Search(db, {.text = "改革働き方"}).empty());
  CHECK(Files(Search(db, {.text = "建設 DX"})) ==
        std::set<std::string>{"002_5f1a78a3c3e66711.txt"});
  CHECK(Search(db, {.text = "広報 DX"}).empty());  // both terms in one passage: none has

  auto hits = Search(db, {.text = "働き方改革"});
  REQUIRE(!hits.empty());
  CHECK(hits[0].snippet.find("«働き方改革»") != std::string::npos);
  CHECK((hits[0].fiscal_year == 2021 || hits[0].fiscal_year == 2024));
  CHECK(hits[0].line > 0);
  CHECK(!hits[0].goal_title.empty());

  auto goal_hits = Search(db, {.text = "定員管理計画の推進"});
  REQUIRE(!goal_hits.empty());
  CHECK(goal_hits[0].in_goal);
  CHECK(goal_hits[0].goal_title == "定員管理計画の推進");
  CHECK(goal_hits[0].municipality_name == "菊川市");
  CHECK(goal_hits[0].snippet.find("«定員管理計画の推進»") != std::string::npos);
}

TEST_CASE_METHOD(SearchArchiveFixture, "search: each filter") {
  auto files = [&](SearchQuery q) {
    q.text = "市";
    q.limit = 0;
    return Files(Search(db, q));
  };
  using S = std::set<std::string>;
  CHECK(files({.municipality = "222241"}) == S{"001_c5bbb58d7165dbb1.txt"});
  CHECK(files({.municipality = "22224"}) == S{"001_c5bbb58d7165dbb1.txt"});
  CHECK(files({.municipality = "伊賀市"}) == S{"002_5f1a78a3c3e66711.txt"});
  CHECK(files({.prefecture = "静岡県"}) == S{"001_c5bbb58d7165dbb1.txt"});
  CHECK(files({.prefecture = "秋田"}) == S{"003_2a7c210278e47f29.txt"});
  CHECK(files({.fiscal_year_from = 2024, .fiscal_year_to = 2024}) == S{"002_5f1a78a3c3e66711.txt"});
  CHECK(files({.fiscal_year_from = 2008, .fiscal_year_to = 2021}) ==
        S{"000_ffb01740a82d06a7.txt", "001_c5bbb58d7165dbb1.txt", "004_c3cb6c837472769f.txt"});
  CHECK(files({.fiscal_year_from = 2022}) == S{"002_5f1a78a3c3e66711.txt"});
  CHECK(files({.document_type = "reform_plan"}) == S{"004_c3cb6c837472769f.txt"});
  CHECK(files({.document_type = "department_results"}) == S{"000_ffb01740a82d06a7.txt"});
  CHECK(files({.prefecture = "静岡県", .fiscal_year_from = 2024}).empty());
  CHECK(Search(db, {.text = "市", .limit = 3}).size() == 3);
}

TEST_CASE_METHOD(SearchArchiveFixture,
                 "export: CSV parses back with a header, quotes and Japanese; JSONL too") {
  SqlFile sql(db);
  int64_t targets = sql.Int("SELECT COUNT(*) FROM targets");
  REQUIRE(targets > 10);
  std::ostringstream csv;
  REQUIRE(ExportTable(db, ExportWhat::kTargets, ExportFormat::kCsv, csv).ok());
  auto rows = ParseCsv(csv.str(), "export.csv");
  REQUIRE(rows);
  REQUIRE(static_cast<int64_t>(rows->size()) == targets + 1);
  const auto& header = (*rows)[0].fields;
  for (const char* column : {"municipality_code", "fiscal_year", "goal_title", "metric", "value",
                             "unit", "comparison", "due", "baseline_value", "baseline_date"}) {
    CHECK(std::find(header.begin(), header.end(), column) != header.end());
  }
  auto col = [&](const char* name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  bool found_318 = false, found_comma = false;
  for (size_t r = 1; r < rows->size(); ++r) {
    const auto& f = (*rows)[r].fields;
    REQUIRE(f.size() == header.size());
    if (f[col("value")] == "318" && f[col("unit")] == "人") {
      found_318 = true;
      CHECK(f[col("municipality_code")] == "222241");
      CHECK(f[col("fiscal_year")] == "2021");
      CHECK(f[col("goal_title")] == "定員管理計画の推進");
      CHECK(f[col("comparison")] == "eq");
      CHECK(f[col("due")] == "2022-04-01");
    }
    if (f[col("text")].find(',') != std::string::npos) found_comma = true;  // quoted in the file
  }
  CHECK(found_318);
  CHECK(found_comma);

  std::ostringstream jsonl;
  REQUIRE(ExportTable(db, ExportWhat::kGoals, ExportFormat::kJsonl, jsonl).ok());
  std::istringstream lines(jsonl.str());
  int64_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    auto row = nlohmann::json::parse(line);
    CHECK(row.contains("title"));
    CHECK(row.contains("rating_label"));
  }
  CHECK(n == sql.Int("SELECT COUNT(*) FROM goals"));

  std::ostringstream docs;
  REQUIRE(ExportTable(db, ExportWhat::kDocuments, ExportFormat::kCsv, docs).ok());
  CHECK(ParseCsv(docs.str(), "export.csv")->size() == 6);

  auto stats = ComputeStats(db);
  REQUIRE(stats);
  CHECK(stats->documents == 5);
  CHECK(stats->targets == targets);
  CHECK(stats->groups.size() == 5);
  CHECK(!stats->ratings_by_level.empty());
}

TEST_CASE("import: a manifest names municipality, fiscal year and type; bad lines are errors") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  std::string db = tmp / "a.db";
  WriteFile(tmp / "manifest.csv",
            "path,municipality,fiscal_year,document_type\n"
            "docs/000_ffb01740a82d06a7.txt,静岡県菊川市,2019,\n"
            "docs/003_2a7c210278e47f29.txt,,2022,evaluation_sheet\n");
  ImportOptions options;
  options.manifest = tmp / "manifest.csv";
  ImportSummary s = Import(db, {tmp / "docs"}, options);
  CHECK(s.counts.files_total == 5);
  CHECK(s.counts.imported == 5);
  SqlFile sql(db);
  CHECK(sql.Text("SELECT municipality_code || ' ' || municipality_evidence || ' ' || fiscal_year "
                 "FROM documents WHERE source_path LIKE '%000_ffb01740a82d06a7.txt'") ==
        "222241 caller 2019");
  CHECK(sql.Text("SELECT municipality_name || ' ' || fiscal_year || ' ' || document_type "
                 "FROM documents WHERE source_path LIKE '%003_2a7c210278e47f29.txt'") ==
        "横手市 2022 evaluation_sheet");
  CHECK(Files(Search(db, {.text = "働き方改革",
                          .municipality = "222241",
                          .fiscal_year_from = 2019,
                          .fiscal_year_to = 2019})) ==
        std::set<std::string>{"000_ffb01740a82d06a7.txt"});

  // With no inputs the manifest is the list.
  std::string db2 = tmp / "b.db";
  CHECK(Import(db2, {}, options).counts.imported == 2);

  for (auto [line, expected] : std::vector<std::pair<std::string, std::string>>{
           {"docs/x.txt,府中市,,", "bad.csv:2: 府中市 is ambiguous"},
           {"docs/x.txt,どこにもない市,,", "bad.csv:2: どこにもない市: no such municipality"},
           {"docs/x.txt,,21,", "fiscal_year needs a 4-digit year"},
           {"docs/x.txt,,,budget", "unknown document_type 'budget'"}}) {
    WriteFile(tmp / "bad.csv", "path,municipality,fiscal_year,document_type\n" + line + "\n");
    options.manifest = tmp / "bad.csv";
    auto bad = ImportDocuments(tmp / "c.db", {}, RuleFiles::Builtin(), options);
    REQUIRE(!bad);
    CHECK(bad.status().code() == StatusCode::kInvalidArgument);
    CHECK_THAT(bad.status().message(), Catch::Contains(expected));
  }
}

TEST_CASE("import: a document over the time limit is killed, recorded and skipped") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  testing::WriteHugeText(tmp / "docs/huge.txt");  // far more than a few seconds' work
  // 3 s, not 1: under the sanitizers a worker's first document also pays for building the rule
  // patterns it uses (built on first use), and 1 s left the small documents no margin.
  ImportOptions options;
  options.timeout_seconds = 3;
  ImportSummary s = Import(tmp / "a.db", {tmp / "docs"}, options);
  CHECK(s.counts.imported == 5);
  CHECK(s.counts.failed == 1);
  SqlFile sql(tmp / "a.db");
  CHECK(sql.Text("SELECT code FROM failures") == "timeout");
  CHECK_THAT(sql.Text("SELECT message FROM failures"),
             Catch::EndsWith("huge.txt: took longer than 3 s; skipped"));
}

TEST_CASE("import: a symlink loop is reported, not followed forever") {
  TempDir tmp;
  CopyCorpusTexts(tmp / "docs");
  testing::fs::create_directory_symlink("..", tmp / "docs/loop");
  testing::fs::create_directory_symlink(tmp / "docs", tmp / "docs/again");
  ImportSummary s = Import(tmp / "a.db", {tmp / "docs"});
  CHECK(s.counts.files_total == 5);
  CHECK(s.counts.imported == 5);
  // loop -> tmp leads back to docs; again -> docs directly.
  REQUIRE(s.warnings.size() == 2);
  CHECK_THAT(s.warnings[0], Catch::Contains("again: directory already visited (a symlink loop?)"));
  CHECK_THAT(s.warnings[1], Catch::Contains("loop/docs: directory already visited"));
}

TEST_CASE("archive readers: a missing archive is a clear error") {
  TempDir tmp;
  auto hits = SearchArchive(tmp / "none.db", {.text = "市"});
  REQUIRE(!hits);
  CHECK(hits.status().code() == StatusCode::kNotFound);
  CHECK_THAT(hits.status().message(), Catch::Contains("no such archive"));
}

}  // namespace
}  // namespace gyosei
