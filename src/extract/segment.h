// Segmentation: the normalized document read as a goal tree (see extract.h for the layouts
// it understands). Internal to extract.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"
#include "extract/extraction.h"
#include "extract/rules_model.h"
#include "extract/targets.h"

namespace gyosei::extract {

// Metadata found in labelled cells while segmenting (部局名 | 総務部, 氏名 | 月井 敦子).
struct LabelledMetadata {
  std::string department, author_title, author_name;
  Loc department_loc;
};

struct SegmentResult {
  std::vector<Goal> goals;
  LabelledMetadata metadata;
  std::vector<Warning> warnings;
};

SegmentResult Segment(const Document& doc, const CompiledRules& rules, const TargetBuilder& targets,
                      int fiscal_year);

// The rating `text` gives on its own (a rating cell, a line that is only a label), or none.
// `labelled`: the text sits in a cell or after a label that says it is a rating, so short
// scales (S/A/B, ◎○△) count too.
std::optional<Rating> RatingOf(const CompiledRules& rules, std::string_view text, bool labelled);

}  // namespace gyosei::extract
