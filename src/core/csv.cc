#include "core/csv.h"

namespace gyosei {
namespace {

// Reads every record; returns the line of a quote never closed, or 0.
int Read(std::string_view text, const CsvOptions& options, std::vector<CsvRecord>& records) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  int line = 1;
  size_t line_start = 0;
  CsvRecord record{1, {}, {}};
  std::string field;
  CsvFieldStart start{1, 0};
  bool in_field = false;  // a character of the field was read (a blank or its opening quote)
  bool quoted = false;
  int quote_line = 0;
  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    record.starts.push_back(start);
    field.clear();
    in_field = false;
  };
  auto end_record = [&] {
    end_field();
    // A blank line (or one holding only "") is no record.
    size_t width = record.fields.size();
    if (!(width == 1 && record.fields[0].empty())) records.push_back(std::move(record));
    record = CsvRecord{line, {}, {}};
    record.fields.reserve(width);  // the next record is most likely as wide
    record.starts.reserve(width);
  };
  auto new_line = [&](size_t next) {
    ++line;
    line_start = next;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
        if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
          new_line(i + 1);
      }
      continue;
    }
    if (!in_field) {
      start = CsvFieldStart{line, static_cast<int>(i - line_start)};
      in_field = true;
    }
    if (c == '"' && options.quotes && field.find_first_not_of(" \t\r\f") == std::string::npos) {
      field.clear();  // blanks before the quote are not part of the field
      quoted = true;
      quote_line = line;
    } else if (c == options.delimiter) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      new_line(i + 1);
      record.line = line;
    } else {
      // An ordinary run, copied at once up to the next character that means something.
      size_t stop = i + 1;
      while (stop < text.size() && text[stop] != options.delimiter && text[stop] != '\n' &&
             text[stop] != '\r' && !(options.quotes && text[stop] == '"'))
        ++stop;
      field.append(text.data() + i, stop - i);
      i = stop - 1;
    }
  }
  if (in_field || quoted || !record.fields.empty()) end_record();
  return quoted ? quote_line : 0;
}

}  // namespace

Expected<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& origin,
                                          const CsvOptions& options) {
  std::vector<CsvRecord> records;
  if (int open = Read(text, options, records); open > 0) {
    return Status(StatusCode::kInvalidArgument,
                  origin + ":" + std::to_string(open) + ": a quoted field is never closed");
  }
  return records;
}

std::vector<CsvRecord> ReadCsv(std::string_view text, const CsvOptions& options) {
  std::vector<CsvRecord> records;
  Read(text, options, records);
  return records;
}

}  // namespace gyosei
