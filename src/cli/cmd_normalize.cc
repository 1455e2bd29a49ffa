// gyosei normalize FILE|-: prints the normalized text the extractor sees.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--locations", nullptr,
     "prefix each line with where it starts: PAGE:LINE (PDF) or LINE (text)"},
    {"--structure", nullptr,
     "mark headings (#), list items (-) and table cells ([table.row.column]); then print each "
     "table's grid: a '[table N: SOURCE, pages P-Q, R x C]' line, and every cell as "
     "[N.row.column] or, when merged, [N.row.column ROWSxCOLUMNS] before its lines"},
    {"--raw", nullptr, "print the ingested lines before normalization"},
    kRulesFlag,
    kPasswordFlag,
    kThreadsFlag,
    kMaxFileSizeFlag,
};

std::string BlockPrefix(const Block& b) {
  switch (b.kind) {
    case BlockKind::kHeading:
      return std::string(static_cast<size_t>(std::max(1, b.level)), '#') + " ";
    case BlockKind::kListItem:
      return std::string(static_cast<size_t>(b.level) * 2, ' ') + "- ";
    case BlockKind::kTableCell:
      return "[" + std::to_string(b.table) + "." + std::to_string(b.row) + "." +
             std::to_string(b.column) + "] ";
    case BlockKind::kParagraph:
      return "";
  }
  return "";
}

void AppendLocation(const SourceLoc& loc, std::string& out) {
  if (loc.page > 0) out += std::to_string(loc.page) + ":";
  out += std::to_string(loc.line) + "\t";
}

// The tables as grids, after the text: where each cell sits and how far it spans.
void AppendGrids(const Document& doc, bool locations, std::string& out) {
  int number = 0;
  for (const Table& table : doc.tables) {
    const std::string n = std::to_string(++number);
    out += "[table " + n + ": " + TableSourceName(table.source);
    if (table.first_page > 0) {
      out += ", pages " + std::to_string(table.first_page) + "-" + std::to_string(table.last_page);
    }
    out += ", " + std::to_string(table.rows) + " x " + std::to_string(table.columns) + "]\n";
    for (const TableCell& cell : table.cells) {
      std::string mark =
          "[" + n + "." + std::to_string(cell.row) + "." + std::to_string(cell.column);
      if (cell.row_span > 1 || cell.column_span > 1) {
        mark += " " + std::to_string(cell.row_span) + "x" + std::to_string(cell.column_span);
      }
      mark += "]";
      if (cell.lines.empty()) out += mark + "\n";
      for (const Line& line : cell.lines) {
        if (locations) AppendLocation(line.loc, out);
        out += mark + " " + line.text + "\n";
      }
    }
  }
}

int Run(const ParsedArgs& args) {
  if (args.positional.size() != 1) {
    std::cerr << HelpText(kNormalizeCommand);
    return kExitUsage;
  }
  if (PdfThreads(args) == 0 || MaxFileBytes(args) < 0) return kExitUsage;
  auto read = ReadForPrinting(args.positional[0], args);
  if (!read) return Fail(read.status());
  const Document& doc = *read;
  bool locations = args.Has("--locations"), structure = args.Has("--structure");
  std::string out;
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        if (locations) AppendLocation(line.loc, out);
        if (structure) out += BlockPrefix(block);
        out += line.text;
        out += '\n';
      }
    }
  }
  if (structure) AppendGrids(doc, locations, out);
  std::cout << out;
  if (Status s = CheckOutput("the text of " + PrintablePath(args.positional[0]) + " is incomplete");
      !s.ok())
    return Fail(s);
  return kExitOk;
}

}  // namespace

const CommandSpec kNormalizeCommand{
    "normalize", "FILE|-", "print the normalized text of a document, as the extractor sees it",
    kFlags, Run};

}  // namespace gyosei::cli
