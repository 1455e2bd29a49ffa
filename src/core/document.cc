#include "core/document.h"

#include <algorithm>

namespace gyosei {

SourceLoc Line::LocAt(size_t offset) const {
  if (anchors.empty()) {
    SourceLoc at = loc;
    at.column += static_cast<int>(offset);
    return at;
  }
  auto it = std::upper_bound(anchors.begin(), anchors.end(), offset,
                             [](size_t off, const Anchor& a) { return off < a.offset; });
  if (it == anchors.begin()) return anchors.front().loc;
  --it;
  SourceLoc at = it->loc;
  at.column += static_cast<int>(offset - it->offset);
  return at;
}

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeading:
      return "heading";
    case BlockKind::kParagraph:
      return "paragraph";
    case BlockKind::kListItem:
      return "list_item";
    case BlockKind::kTableCell:
      return "table_cell";
  }
  return "unknown";
}

const char* TableSourceName(TableSource source) {
  switch (source) {
    case TableSource::kRuled:
      return "ruled";
    case TableSource::kAligned:
      return "aligned";
    case TableSource::kMarkdown:
      return "markdown";
    case TableSource::kHtml:
      return "html";
    case TableSource::kDelimited:
      return "delimited";
  }
  return "unknown";
}

const char* SourceFormatName(SourceFormat format) {
  switch (format) {
    case SourceFormat::kText:
      return "text";
    case SourceFormat::kHtml:
      return "html";
    case SourceFormat::kPdf:
      return "pdf";
  }
  return "text";
}

std::vector<Passage> BodyPassages(const Document& doc, size_t passage_bytes) {
  std::vector<Passage> out;
  Passage current;
  auto flush = [&] {
    if (!current.text.empty()) out.push_back(std::move(current));
    current = Passage{};
  };
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        if (line.text.empty()) continue;
        if (current.text.empty()) {
          current.page = line.loc.page;
          current.line = line.loc.line;
        } else {
          current.text += '\n';
        }
        current.text += line.text;
      }
      if (current.text.size() >= passage_bytes) flush();
    }
    flush();
  }
  return out;
}

}  // namespace gyosei
