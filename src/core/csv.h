// The one CSV reader (RFC 4180) and TSV reader: the import manifest, the municipality code
// table (rules/lgcode.csv) and .csv / .tsv documents all read through it.
//
//   auto records = ParseCsv(text, "manifest.csv");   // strict: an unclosed quote is an error
//   for (const CsvRecord& r : *records) r.line, r.fields[0] ...
//   std::vector<CsvRecord> cells = ReadCsv(text, {.delimiter = '\t', .quotes = false});
//
// Quoted fields may hold delimiters, doubled quotes ("") and line breaks; a quote opens one
// only at the start of a field (after blanks, which are dropped). Lines end with LF, CRLF or
// a lone CR; a UTF-8 byte order mark at the start is skipped; a blank line is no record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace gyosei {

struct CsvOptions {
  char delimiter = ',';
  bool quotes = true;  // false: '"' is an ordinary character (TSV as spreadsheets write it)
};

// Where a field starts: the 1-based line, and the byte offset in that line of its first
// character (a blank before it, or its opening quote).
struct CsvFieldStart {
  int line = 0;
  int column = 0;
};

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
  std::vector<CsvFieldStart> starts;  // one per field
};

// Strict: a quote never closed is kInvalidArgument "ORIGIN:LINE: a quoted field is never
// closed", LINE being where it opened.
Expected<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& origin,
                                          const CsvOptions& options = {});

// Lenient, for documents: a quote never closed runs to the end of the text.
std::vector<CsvRecord> ReadCsv(std::string_view text, const CsvOptions& options = {});

}  // namespace gyosei
