// The normalizer on a Document built straight from the bytes, so the fuzzer reaches reflow and
// folding without going through ingest's charset detection first (invalid UTF-8 included:
// a PDF's text comes from poppler, not from ICU's converter). Layout of the input:
//   each line is a Line; an empty line ends the block; a line starting with '\f' starts a page;
//   a block's first byte 0x01..0x04 sets its kind (heading, paragraph, list item, table cell)
//   and, for a table cell, the next byte its row and column.
// NormalizeLine runs on every line too.
#include <memory>

#include "doc_check.h"
#include "fuzz_target.h"
#include "normalize/normalize.h"
#include "rules/rule_files.h"

namespace {

gyosei::Document BuildDocument(std::string_view data) {
  using namespace gyosei;
  Document doc;
  doc.path = "fuzz.pdf";
  doc.format = SourceFormat::kPdf;
  Page* page = &doc.pages.emplace_back();
  page->number = 1;
  Block* block = nullptr;
  int line_number = 0;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view text = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    if (text.starts_with('\f')) {
      text.remove_prefix(1);
      page = &doc.pages.emplace_back();
      page->number = static_cast<int>(doc.pages.size());
      block = nullptr;
      line_number = 0;
    }
    ++line_number;
    if (text.empty()) {
      block = nullptr;
      continue;
    }
    if (block == nullptr) {
      block = &page->blocks.emplace_back();
      unsigned char kind = static_cast<unsigned char>(text[0]);
      if (kind >= 1 && kind <= 4) {
        text.remove_prefix(1);
        block->kind = static_cast<BlockKind>(kind - 1);
        block->level = kind == 1 ? 1 : 0;
        if (block->kind == BlockKind::kTableCell) {
          unsigned char cell = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
          if (!text.empty()) text.remove_prefix(1);
          block->table = 0;
          block->row = cell >> 4;
          block->column = cell & 15;
        }
      }
    }
    Line& line = block->lines.emplace_back();
    line.text = std::string(text);
    line.loc = {page->number, line_number, 0};
  }
  doc.page_count = static_cast<int>(doc.pages.size());
  return doc;
}

void Normalize(std::string_view data) {
  static const std::shared_ptr<const gyosei::Normalizer> normalizer =
      gyosei::Normalizer::Create(gyosei::RuleFiles::Builtin()).value();
  gyosei::Document raw = BuildDocument(data);
  gyosei::Document clean = normalizer->Normalize(raw);
  bool valid_input = gyosei::fuzz::IsValidUtf8(data);
  for (const gyosei::Page& page : clean.pages) {
    for (const gyosei::Block& block : page.blocks) {
      for (const gyosei::Line& line : block.lines) {
        // Invalid bytes become U+FFFD; valid text stays valid.
        if (valid_input) GYOSEI_FUZZ_CHECK(gyosei::fuzz::IsValidUtf8(line.text));
        uint32_t previous = 0;
        for (const gyosei::Anchor& a : line.anchors) {
          GYOSEI_FUZZ_CHECK(a.offset <= line.text.size() && a.offset >= previous);
          previous = a.offset;
          GYOSEI_FUZZ_CHECK(a.loc.page >= 1 && a.loc.page <= raw.page_count);
        }
        (void)line.LocAt(line.text.size());
      }
    }
  }
  for (const gyosei::Page& page : raw.pages)
    for (const gyosei::Block& block : page.blocks)
      for (const gyosei::Line& line : block.lines) {
        std::string folded = normalizer->NormalizeLine(line.text);
        if (valid_input) GYOSEI_FUZZ_CHECK(gyosei::fuzz::IsValidUtf8(folded));
      }
}

}  // namespace

GYOSEI_FUZZ_TARGET("normalize", Normalize)
