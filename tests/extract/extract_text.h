// Shared by the extract tests: a text document through ingest, normalize and extract, as
// `gyosei extract` reads it (built-in rules unless others are given).
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

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

}  // namespace gyosei::testing
