// What two public peers test, read from ../shared/peer-tests (see its README): the date cases
// of ja-timex and the quantity cases of normalizeNumexp. Every in_scope case must agree and
// every no-* case must stay empty; convention cases (where gyosei reads the input differently
// on purpose) are not checked here, their choice is written where the code makes it.
// Skipped, with a message CTest reads as a skip, when the shared directory is absent.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "dates/dates.h"
#include "quantities/quantities.h"
#include "quantities/render.h"
#include "render.h"

namespace gyosei::dates {
namespace {

namespace fs = std::filesystem;
using Row = std::map<std::string, std::string>;

// The peer-tests directory beside the source tree (GYOSEI_SHARED_DIR is ../shared from it),
// else the machine-wide one; "" when there is none.
std::string PeerTestsDir() {
  for (const std::string& shared : {std::string(GYOSEI_SHARED_DIR), std::string("/work/shared")}) {
    fs::path dir = fs::path(shared) / "peer-tests";
    if (fs::exists(dir / "README.md")) return dir.string();
  }
  return "";
}

// A tab-separated file with a header line: one map per row, keyed by column name.
std::vector<Row> ReadTsv(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell);
    return cells;
  };
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells = split(line);
    Row row;
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = i < cells.size() ? cells[i] : "";
    rows.push_back(std::move(row));
  }
  REQUIRE(!rows.empty());
  return rows;
}

// The in_scope rows of one peer-tests file; none, with the message CTest reads as a skip,
// when the directory is absent.
std::vector<Row> InScopeCases(const char* file) {
  const std::string dir = PeerTestsDir();
  if (dir.empty()) {
    std::cout << "SKIPPED: peer-tests absent (no ../shared/peer-tests beside the source tree)\n";
    return {};
  }
  std::vector<Row> rows = ReadTsv(dir + "/" + file);
  std::erase_if(rows, [](const Row& row) { return row.at("scope") != "in_scope"; });
  return rows;
}

// The days an ISO date, month or year covers: "2021-07" -> 2021-07-01 .. 2021-07-31.
std::pair<std::string, std::string> Span(const std::string& iso) {
  DateExpr e;
  e.value = iso;
  return {FirstDay(e), DueDate(e)};
}

// Whether `e` says what the peer's `expected` says: FY2021 is a fiscal year, A..B a range over
// A's first day to B's last, else the ISO value itself. Where the peer marks a modifier (mod
// START / MID / END: 2021年7月末, 2021年7月中旬), an expression inside the expected span agrees.
bool Agrees(const DateExpr& e, const std::string& expected, bool modified) {
  if (expected.starts_with("FY"))
    return e.kind == DateKind::kFiscalYear && std::to_string(e.fiscal_year) == expected.substr(2);
  if (size_t dots = expected.find(".."); dots != std::string::npos) {
    return e.kind == DateKind::kRange && e.range_start == Span(expected.substr(0, dots)).first &&
           e.range_end == Span(expected.substr(dots + 2)).second;
  }
  if (e.value == expected) return true;
  auto [first, last] = Span(expected);
  return modified && !FirstDay(e).empty() && FirstDay(e) >= first && DueDate(e) <= last;
}

std::vector<DateExpr> ScanDates(const std::string& input) {
  DateContext ctx;
  std::vector<DateExpr> found;
  testing::SharedDateScanner().Scan(input, ctx, found);
  return found;
}

std::vector<quantities::Quantity> ScanQuantities(const std::string& input) {
  static const quantities::QuantityScanner scanner;
  std::vector<quantities::Quantity> found;
  scanner.Scan(input, found);
  return found;
}

TEST_CASE("peer-tests: ja-timex date cases in scope agree") {
  const std::vector<Row> rows = InScopeCases("ja-timex-dates.tsv");
  if (rows.empty()) return;
  CHECK(rows.size() >= 60);
  for (const Row& row : rows) {
    const std::string& expected = row.at("expected");
    std::vector<DateExpr> found = ScanDates(row.at("input"));
    INFO(row.at("id") << " " << row.at("input") << " -> " << expected << "; got "
                      << ::Catch::Detail::stringify(testing::RenderAll(found)));
    if (expected.starts_with("not ")) {  // 2021回目の7月18日: anything but 2021-07-18
      for (const DateExpr& e : found) CHECK(e.value != expected.substr(4));
      continue;
    }
    REQUIRE(found.size() == 1);
    CHECK(Agrees(found[0], expected, row.at("peer_expected").find("mod ") != std::string::npos));
  }
}

TEST_CASE("peer-tests: ja-timex non-dates give nothing") {
  for (const Row& row : InScopeCases("ja-timex-no-dates.tsv")) {
    std::vector<DateExpr> found = ScanDates(row.at("input"));
    INFO(row.at("id") << " " << row.at("input") << "; got "
                      << ::Catch::Detail::stringify(testing::RenderAll(found)));
    CHECK(found.empty());
  }
}

// "value=5 range_max=8 unit=人 (ge)": the fields a peer's expected quantity states.
struct ExpectedQuantity {
  double value = 0;
  std::optional<double> range_max;
  std::string unit;
  std::string comparison;
};

ExpectedQuantity ParseExpected(const std::string& text) {
  ExpectedQuantity q;
  std::stringstream ss(text);
  for (std::string word; ss >> word;) {
    if (word.starts_with("value=")) q.value = std::stod(word.substr(6));
    if (word.starts_with("range_max=")) q.range_max = std::stod(word.substr(10));
    if (word.starts_with("unit=") && q.unit.empty()) q.unit = word.substr(5);
    if (word == "(ge)" || word == "ge") q.comparison = "ge";
    if (word == "(le)" || word == "le") q.comparison = "le";
  }
  return q;
}

bool Agrees(const quantities::Quantity& q, const ExpectedQuantity& want) {
  auto same = [](double a, double b) {
    return std::fabs(a - b) < 1e-9 * std::max(1.0, std::fabs(b));
  };
  return same(q.value, want.value) && q.unit == want.unit &&
         q.range_max.has_value() == want.range_max.has_value() &&
         (!want.range_max || same(*q.range_max, *want.range_max)) &&
         (want.comparison.empty() || q.comparison == want.comparison);
}

TEST_CASE("peer-tests: normalizeNumexp quantity cases in scope agree") {
  const std::vector<Row> rows = InScopeCases("normalizeNumexp-quantities.tsv");
  if (rows.empty()) return;
  CHECK(rows.size() >= 25);
  for (const Row& row : rows) {
    std::vector<quantities::Quantity> found = ScanQuantities(row.at("input"));
    const ExpectedQuantity want = ParseExpected(row.at("expected"));
    INFO(row.at("id") << " " << row.at("input") << " -> " << row.at("expected") << "; got "
                      << ::Catch::Detail::stringify(quantities::testing::RenderAll(found)));
    bool any = false;
    for (const quantities::Quantity& q : found) any = any || Agrees(q, want);
    CHECK(any);
  }
}

TEST_CASE("peer-tests: normalizeNumexp non-quantities give nothing") {
  for (const Row& row : InScopeCases("normalizeNumexp-no-quantities.tsv")) {
    std::vector<quantities::Quantity> found = ScanQuantities(row.at("input"));
    INFO(row.at("id") << " " << row.at("input") << "; got "
                      << ::Catch::Detail::stringify(quantities::testing::RenderAll(found)));
    CHECK(found.empty());
  }
}

}  // namespace
}  // namespace gyosei::dates
