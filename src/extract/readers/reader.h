// The layout seam: a DocumentReader turns a normalized Document of one layout into goals (with
// their indicators, targets, actuals and ratings) and labelled metadata. The extractor asks its
// readers in order and the first that applies reads the document; the prose / numbered-plan
// reader (segment.cc) applies to everything and comes last. A new layout is a new reader
// beside the others, its vocabulary in rules/. Internal to extract.
#pragma once

#include <string_view>
#include <vector>

#include "core/document.h"
#include "dates/dates.h"
#include "extract/extraction.h"
#include "extract/rules_model.h"
#include "extract/segment.h"
#include "extract/targets.h"

namespace gyosei::extract {

// Everything a reader may look at; built once per document by the extractor.
struct ReadContext {
  const Document& doc;
  // The document's tables: a text input's doc.tables; a PDF's grid rebuilt from its kTableCell
  // blocks (TablesFromBlocks) with, part by part, its ruled grids where the sheet reader finds
  // more values in them (ChooseTables).
  const std::vector<Table>& tables;
  std::string_view document_type;  // doctypes.rules' verdict ("evaluation_sheet", "other", ...)
  const CompiledRules& rules;
  const TargetBuilder& targets;
  const dates::DateScanner& dates;
  int fiscal_year = 0;  // the document's, as far as the header tells (0 = unknown)
  // A year of the document's era, for era-less years (5年度): its fiscal year, else the latest
  // year its dates name. 0 = unknown.
  int era_year = 0;
};

struct ReadResult {
  std::vector<Goal> goals;
  LabelledMetadata metadata;
  std::vector<Warning> warnings;
  int fiscal_year = 0;        // the year the document evaluates, when its layout says so; 0 = keep
  std::string document_type;  // the type its layout shows, when the words did not; "" = keep
};

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  virtual std::string_view Name() const = 0;
  // Whether this reader understands the document's layout (cheap: looks, does not read).
  virtual bool Applies(const ReadContext& ctx) const = 0;
  virtual ReadResult Read(const ReadContext& ctx) const = 0;
};

// The prose / numbered-plan reader: Segment() as it was before the seam. Applies to everything.
class ProseReader final : public DocumentReader {
 public:
  std::string_view Name() const override { return "prose"; }
  bool Applies(const ReadContext&) const override { return true; }
  ReadResult Read(const ReadContext& ctx) const override;
};

}  // namespace gyosei::extract
