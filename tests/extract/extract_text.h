// Shared by the extract tests: a text document through ingest, normalize and extract, as
// `gyosei extract` reads it (built-in rules unless others are given); a normalized sheet made
// of tables, and the extractor run on a document made by hand.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

namespace gyosei::testing {

// `path` says the format: t.txt (plain or Markdown), t.html.
inline Extraction ExtractText(std::string_view text, const RuleFiles& rules = RuleFiles::Builtin(),
                              const std::string& path = "t.txt") {
  auto normalizer = Normalizer::Create(rules);
  REQUIRE(normalizer.ok());
  auto extractor = Extractor::Create(rules);
  INFO(extractor.status().message());
  REQUIRE(extractor.ok());
  auto raw = ReadTextDocument(text, path);
  REQUIRE(raw.ok());
  return (*extractor)->Extract((*normalizer)->Normalize(*raw), {});
}

// Extracts from a document made by hand (already normalized).
inline Extraction Run(const Document& d, const RuleFiles& rules = RuleFiles::Builtin()) {
  auto extractor = Extractor::Create(rules);
  INFO(extractor.status().message());
  REQUIRE(extractor.ok());
  return (*extractor)->Extract(d, {});
}

// A normalized PDF-like document: a title line on page 1 and the given tables.
inline Document SheetDocument(std::string title, std::vector<Table> tables) {
  Document d;
  d.path = "sheet.pdf";
  d.format = SourceFormat::kPdf;
  d.page_count = 1;
  d.normalized = true;
  Page p;
  p.number = 1;
  Block b;
  b.kind = BlockKind::kHeading;
  b.lines.push_back(Line{std::move(title), SourceLoc{1, 1, 0}, {}, {}});
  p.blocks.push_back(std::move(b));
  d.pages.push_back(std::move(p));
  d.tables = std::move(tables);
  return d;
}

}  // namespace gyosei::testing
