// gyosei tables FILE|-: prints every table of a document as structure (the grid of a ruled
// PDF table, a Markdown or HTML table, tab-separated lines), with its pages.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--format", "csv|json",
     "csv (default): a '# table N page P-Q (SOURCE)' line, then one line per row; a merged "
     "cell's text is in its top-left position, the other positions it covers are empty. json: "
     "every cell with its spans, lines (page, line) and box"},
    {"--raw", nullptr, "the cells' text as ingested, before normalization"},
    kRulesFlag,
    kPasswordFlag,
    kThreadsFlag,
    kMaxFileSizeFlag,
};

std::string CellText(const TableCell& cell) {
  std::string text;
  for (const Line& line : cell.lines) {
    if (!text.empty()) text += '\n';
    text += line.text;
  }
  return text;
}

void AppendCsvField(const std::string& field, std::string& out) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string Csv(const Document& doc) {
  std::string out;
  int number = 0;
  for (const Table& table : doc.tables) {
    if (number > 0) out += '\n';
    out += "# table " + std::to_string(++number);
    if (table.first_page > 0) {
      out += " page " + std::to_string(table.first_page) + "-" + std::to_string(table.last_page);
    }
    out += std::string(" (") + TableSourceName(table.source) + ")\n";
    std::vector<std::string> grid(static_cast<size_t>(table.rows) * table.columns);
    for (const TableCell& cell : table.cells) {
      if (cell.row < table.rows && cell.column < table.columns) {
        grid[static_cast<size_t>(cell.row) * table.columns + cell.column] = CellText(cell);
      }
    }
    for (int r = 0; r < table.rows; ++r) {
      for (int c = 0; c < table.columns; ++c) {
        if (c > 0) out += ',';
        AppendCsvField(grid[static_cast<size_t>(r) * table.columns + c], out);
      }
      out += '\n';
    }
  }
  return out;
}

std::string Json(const Document& doc) {
  nlohmann::ordered_json tables = nlohmann::ordered_json::array();
  int number = 0;
  for (const Table& table : doc.tables) {
    nlohmann::ordered_json t;
    t["table"] = ++number;
    t["source"] = TableSourceName(table.source);
    if (table.first_page > 0) {
      t["pages"] = {table.first_page, table.last_page};
    } else {
      t["pages"] = nullptr;
    }
    t["rows"] = table.rows;
    t["columns"] = table.columns;
    nlohmann::ordered_json cells = nlohmann::ordered_json::array();
    for (const TableCell& cell : table.cells) {
      nlohmann::ordered_json c;
      c["row"] = cell.row;
      c["column"] = cell.column;
      c["row_span"] = cell.row_span;
      c["column_span"] = cell.column_span;
      c["text"] = CellText(cell);
      nlohmann::ordered_json lines = nlohmann::ordered_json::array();
      for (const Line& line : cell.lines) {
        lines.push_back({{"text", line.text},
                         {"page", line.loc.page > 0 ? nlohmann::ordered_json(line.loc.page)
                                                    : nlohmann::ordered_json()},
                         {"line", line.loc.line}});
      }
      c["lines"] = std::move(lines);
      if (table.first_page > 0) {
        c["box"] = {cell.box.x0, cell.box.y0, cell.box.x1, cell.box.y1};
      }
      cells.push_back(std::move(c));
    }
    t["cells"] = std::move(cells);
    tables.push_back(std::move(t));
  }
  return tables.dump(2) + "\n";
}

int Run(const ParsedArgs& args) {
  const std::string format = args.Get("--format", "csv");
  if (args.positional.size() != 1 || (format != "csv" && format != "json")) {
    std::cerr << HelpText(kTablesCommand);
    return kExitUsage;
  }
  if (PdfThreads(args) == 0 || MaxFileBytes(args) < 0) return kExitUsage;
  auto read = ReadForPrinting(args.positional[0], args);
  if (!read) return Fail(read.status());
  const Document& doc = *read;
  std::cout << (format == "json" ? Json(doc) : Csv(doc));
  if (Status s =
          CheckOutput("the tables of " + PrintablePath(args.positional[0]) + " are incomplete");
      !s.ok())
    return Fail(s);
  return kExitOk;
}

}  // namespace

const CommandSpec kTablesCommand{
    "tables", "FILE|-",
    "print every table of a document (ruled PDF grids, Markdown, HTML, tab-separated) with "
    "its pages",
    kFlags, Run};

}  // namespace gyosei::cli
