#include "serve/api.h"

#include <nlohmann/json.hpp>

namespace gyosei::serve {
namespace {

using Json = nlohmann::ordered_json;

Json CellJson(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::kNull:
      return nullptr;
    case Cell::Kind::kInteger:
      return std::stoll(c.text);
    case Cell::Kind::kReal:
      return std::stod(c.text);
    case Cell::Kind::kText:
      return c.text;
  }
  return nullptr;
}

Json RowJson(const Rows& rows, size_t r) {
  Json o = Json::object();
  for (size_t c = 0; c < rows.columns.size(); ++c) o[rows.columns[c]] = CellJson(rows.rows[r][c]);
  return o;
}

Json RowsJson(const Rows& rows) {
  Json a = Json::array();
  for (size_t r = 0; r < rows.rows.size(); ++r) a.push_back(RowJson(rows, r));
  return a;
}

// Invalid UTF-8 in a document string must not make an endpoint fail.
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

std::string SearchJson(const std::vector<SearchHit>& hits) {
  std::string out = "{\"hits\":[";
  for (size_t i = 0; i < hits.size(); ++i) out += (i ? "," : "") + SearchHitJson(hits[i]);
  return out + "]}";
}

std::string DocumentJson(const DocumentView& v) {
  return Dump(Json{{"document", RowJson(v.document, 0)},
                   {"goals", RowsJson(v.goals)},
                   {"targets", RowsJson(v.targets)},
                   {"ratings", RowsJson(v.ratings)},
                   {"indicators", RowsJson(v.indicators)},
                   {"actuals", RowsJson(v.actuals)}});
}

std::string MetricsJson(const Rows& metrics) { return Dump(Json{{"metrics", RowsJson(metrics)}}); }

std::string SeriesJson(const std::string& metric, const std::string& municipality,
                       const Rows& targets, const Rows& actuals) {
  return Dump(Json{{"metric", metric},
                   {"municipality_code", OrNull(municipality)},
                   {"targets", RowsJson(targets)},
                   {"actuals", RowsJson(actuals)}});
}

std::string ErrorJson(const std::string& message) { return Dump(Json{{"error", message}}); }

}  // namespace gyosei::serve
