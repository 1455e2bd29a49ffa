// Internal to serve/: the HTML pages, rendered on the server from the same rows the JSON
// endpoints return (each page works without JavaScript; the charts need it and the chart
// library). Every document string is escaped (html.h).
#pragma once

#include <string>
#include <vector>

#include "archive/archive.h"
#include "serve/browse.h"

namespace gyosei::serve {

struct SearchForm {
  std::string q, municipality, prefecture, fiscal_year, type;
};

// The search page: the form (filters offered from `facets`) and, when a query was given, the
// hits or `error`.
std::string SearchPage(const SearchForm& form, const Facets& facets,
                       const std::vector<SearchHit>& hits, const std::string& error);

struct DocumentView {
  Rows document, goals, targets, ratings;
  Rows indicators, actuals;  // no columns when the archive has no such table
};
std::string DocumentPage(const DocumentView& view);

// Metrics with targets, each linking to its comparison page.
std::string IndicatorsPage(const Rows& metrics, const std::string& contains);

// One metric: a chart of targets (and actuals) by fiscal year, for one municipality (per
// indicator) or every municipality that has it (comparison), with the values as a table.
std::string ChartPage(const std::string& metric, const std::string& municipality,
                      const Rows& targets, const Rows& actuals);

std::string MessagePage(const std::string& title, const std::string& message);

}  // namespace gyosei::serve
