// Emit: Extraction -> the JSON object of output contract v1 (docs/output-v1.md), keys in the
// contract's order so that goldens diff line by line and people reading a file find fields
// where the contract shows them. Added fields (allowed by the contract): "rules_version" at the
// end of the object, and a date mention's "start"/"end" (after "kind") when known.
//
//   std::string text = gyosei::ExtractionToJson(extraction, /*pretty=*/true);
//
// Nulls follow the comments in extract/extraction.h: "" / 0 / nullopt where the contract allows
// null become null; page 0 (text input) is a null page; a warning without a line has loc null.
// Integral numbers print without ".0" (318, not 318.0). Invalid UTF-8 in a string is replaced
// by U+FFFD rather than failing: emit never fails.
#pragma once

#include <string>

#include "extract/extraction.h"

namespace gyosei {

// One JSON object, no trailing newline. pretty: 2-space indentation; otherwise one line (the
// form JSON Lines output wants).
std::string ExtractionToJson(const Extraction& e, bool pretty);

}  // namespace gyosei
