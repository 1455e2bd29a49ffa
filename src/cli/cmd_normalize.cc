// gyosei normalize FILE|-: prints the normalized text the extractor sees.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "normalize/normalize.h"

namespace gyosei::cli {
namespace {

constexpr FlagSpec kFlags[] = {
    {"--locations", nullptr,
     "prefix each line with where it starts: PAGE:LINE (PDF) or LINE (text)"},
    {"--structure", nullptr,
     "mark headings (#), list items (-) and table cells ([table.row.column])"},
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

int Run(const ParsedArgs& args) {
  if (args.positional.size() != 1) {
    std::cerr << HelpText(kNormalizeCommand);
    return kExitUsage;
  }
  if (PdfThreads(args) == 0 || MaxFileBytes(args) < 0) return kExitUsage;
  auto rules = LoadRules(args);
  if (!rules) return Fail(rules.status());
  auto normalizer = Normalizer::Create(*rules);
  if (!normalizer) return Fail(normalizer.status());
  auto raw = ReadDocument(args.positional[0], args);
  if (!raw) return Fail(raw.status());
  for (const Warning& w : raw->warnings) std::cerr << "gyosei: warning: " << w.message << "\n";

  Document doc = args.Has("--raw") ? std::move(raw).value() : (*normalizer)->Normalize(*raw);
  bool locations = args.Has("--locations"), structure = args.Has("--structure");
  std::string out;
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        if (locations) {
          if (line.loc.page > 0) out += std::to_string(line.loc.page) + ":";
          out += std::to_string(line.loc.line) + "\t";
        }
        if (structure) out += BlockPrefix(block);
        out += line.text;
        out += '\n';
      }
    }
  }
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
