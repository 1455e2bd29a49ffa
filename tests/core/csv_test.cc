// The one CSV / TSV reader (core/csv.h): each row is an input and every record it gives, fields
// separated by '|' and each record prefixed by the line it starts on.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/csv.h"

namespace gyosei {
namespace {

std::vector<std::string> Render(const std::vector<CsvRecord>& records) {
  std::vector<std::string> out;
  for (const CsvRecord& r : records) {
    std::string s = std::to_string(r.line) + ":";
    for (size_t i = 0; i < r.fields.size(); ++i) s += (i ? "|" : "") + r.fields[i];
    out.push_back(s);
  }
  return out;
}

TEST_CASE("CSV: quoted fields, embedded commas and line breaks, CRLF, BOM, blank lines") {
  struct Case {
    const char* what;
    std::string input;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"plain", "path,municipality\na.pdf,菊川市\n", {"1:path|municipality", "2:a.pdf|菊川市"}},
      {"no line break at the end", "a,b\nc,d", {"1:a|b", "2:c|d"}},
      {"empty fields", "a,,\n,b,\n", {"1:a||", "2:|b|"}},
      {"a comma inside quotes", "\"菊川市, 静岡県\",2021\n", {"1:菊川市, 静岡県|2021"}},
      {"a doubled quote", "\"職員数\"\"定員\"\"\",318人\n", {"1:職員数\"定員\"|318人"}},
      {"a line break inside quotes; the next record's line counts it",
       "\"複数\n行\",x\nnext\n",
       {"1:複数\n行|x", "3:next"}},
      {"CRLF", "a,b\r\nc,d\r\n", {"1:a|b", "2:c|d"}},
      {"CRLF inside quotes is kept", "\"a\r\nb\",c\r\nd\r\n", {"1:a\r\nb|c", "3:d"}},
      {"a lone CR ends a line (old Mac files)", "a,b\rc,d\r", {"1:a|b", "2:c|d"}},
      {"a UTF-8 byte order mark is skipped", "\xEF\xBB\xBFpath,name\n", {"1:path|name"}},
      {"blank lines are no records", "a\n\n\r\n\"\"\nb\n", {"1:a", "5:b"}},
      {"blanks before a quote are dropped, after it kept", "  \"a,b\" ,c\n", {"1:a,b |c"}},
      {"a quote inside a field is a character", "ab\"c,d\n", {"1:ab\"c|d"}},
      {"a line of blanks is a record (callers trim)", "   \n", {"1:   "}},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto records = ParseCsv(c.input, "t.csv");
    REQUIRE(records.ok());
    CHECK(Render(*records) == c.expected);
    CHECK(Render(ReadCsv(c.input)) == c.expected);
  }
}

TEST_CASE("CSV: a quote never closed") {
  auto strict = ParseCsv("a,b\nc,\"open\nmore\n", "m.csv");
  REQUIRE_FALSE(strict.ok());
  CHECK(strict.status().code() == StatusCode::kInvalidArgument);
  CHECK(strict.status().message() == "m.csv:2: a quoted field is never closed");
  // Documents are read leniently: the field runs to the end of the text.
  CHECK(Render(ReadCsv("a,b\nc,\"open\nmore\n")) ==
        std::vector<std::string>{"1:a|b", "2:c|open\nmore\n"});
}

TEST_CASE("TSV: tabs separate, quotes are characters") {
  CsvOptions tsv{'\t', false};
  CHECK(Render(ReadCsv("項目\t目標値\n\"職員数\t318人\n", tsv)) ==
        std::vector<std::string>{"1:項目|目標値", "2:\"職員数|318人"});
  CHECK(Render(ReadCsv("a,b\tc\n", tsv)) == std::vector<std::string>{"1:a,b|c"});
}

TEST_CASE("CSV: where each field starts (line, byte column)") {
  auto records = ReadCsv("ab,  cd,\"e\nf\",g\nh\n");
  REQUIRE(records.size() == 2);
  const CsvRecord& r = records[0];
  REQUIRE(r.starts.size() == 4);
  CHECK((r.starts[0].line == 1 && r.starts[0].column == 0));
  CHECK((r.starts[1].line == 1 && r.starts[1].column == 3));  // its first blank
  CHECK((r.starts[2].line == 1 && r.starts[2].column == 8));  // its opening quote
  CHECK((r.starts[3].line == 2 && r.starts[3].column == 3));  // after the quoted line break
  CHECK((records[1].starts[0].line == 3 && records[1].starts[0].column == 0));
}

}  // namespace
}  // namespace gyosei
