// Internal to serve/: the JSON endpoints' bodies. Field names are the archive's column names
// (docs/archive.md); search hits carry the fields of `gyosei search --json`.
#pragma once

#include <string>
#include <vector>

#include "archive/archive.h"
#include "serve/browse.h"
#include "serve/pages.h"

namespace gyosei::serve {

// {"hits": [...]}
std::string SearchJson(const std::vector<SearchHit>& hits);
// {"document": {...}, "goals": [...], "targets": [...], "ratings": [...], "indicators": [...],
//  "actuals": [...]} (the last two [] when the archive has no such table)
std::string DocumentJson(const DocumentView& view);
// {"metrics": [...]}
std::string MetricsJson(const Rows& metrics);
// {"metric": M, "municipality_code": C|null, "targets": [...], "actuals": [...]}
std::string SeriesJson(const std::string& metric, const std::string& municipality,
                       const Rows& targets, const Rows& actuals);
// {"error": message}
std::string ErrorJson(const std::string& message);

}  // namespace gyosei::serve
