// Decode: the JSON object ExtractionToJson writes -> the typed Extraction again. Results cross
// a process boundary (the import's worker pipe, `extract --timeout`) encoded once and are read
// back here once, so a consumer binds typed fields instead of looking up string keys.
//
//   Expected<Extraction> e = gyosei::ExtractionFromJson(line, "corpus/a.pdf");
//   if (!e) { /* e.status().message(): "corpus/a.pdf: goals[2].targets[0].value: ..." */ }
//
// Strict where the encoder is exact: every contract field must be present with its type (null
// where the contract allows it), or the result is an error naming the document and the field,
// never a silent default. Fields the encoder adds only when known ("start"/"end" of a date,
// "part" of a booklet sheet, "rules_version") may be absent. Unknown keys are ignored.
// ExtractionFromJson(ExtractionToJson(e)) == e for every field the contract carries (a
// TextPiece's column in a Loc is not in the JSON: it decodes as 0).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "extract/extraction.h"

namespace gyosei {

// `document` names the input in error messages (its path, as the caller knows it).
Expected<Extraction> ExtractionFromJson(std::string_view json, std::string_view document);

}  // namespace gyosei
