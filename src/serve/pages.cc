#include "serve/pages.h"

#include <cstdlib>
#include <map>
#include <set>

#include "serve/html.h"

namespace gyosei::serve {
namespace {

// What search puts around a hit, turned into <mark> after escaping.
constexpr char kMarkOpen = '\x02', kMarkClose = '\x03';

std::string Option(const std::string& value, const std::string& label,
                   const std::string& selected) {
  return "<option value=\"" + Escape(value) + "\"" + (value == selected ? " selected" : "") + ">" +
         Escape(label) + "</option>";
}

std::string Select(const char* name, const char* label, const std::string& selected,
                   const std::vector<std::pair<std::string, std::string>>& options) {
  std::string out = "<label>" + std::string(label) + " <select name=\"" + name + "\">" +
                    Option("", "(all)", selected);
  for (const auto& [value, text] : options) out += Option(value, text, selected);
  return out + "</select></label> ";
}

std::string SourceLink(const std::string& document_id, const std::string& page,
                       const std::string& line, bool pdf) {
  std::string where =
      page.empty() ? "line " + line : "p." + page + (line.empty() ? "" : ":" + line);
  std::string href = "/documents/" + UrlEncode(document_id) + "/source";
  if (pdf && !page.empty()) href += "#page=" + UrlEncode(page);
  return "<a class=\"src\" href=\"" + href + "\" target=\"_blank\">" + Escape(where) + "</a>";
}

// Every column but the ones listed, as a table (the optional tables whose columns this
// build does not know).
std::string GenericTable(const Rows& rows, const std::set<std::string>& skip) {
  std::string out = "<table><tr>";
  for (const auto& c : rows.columns) {
    if (!skip.count(c)) out += "<th>" + Escape(c) + "</th>";
  }
  out += "</tr>";
  for (const auto& row : rows.rows) {
    out += "<tr>";
    for (size_t c = 0; c < rows.columns.size(); ++c) {
      if (!skip.count(rows.columns[c])) out += "<td>" + Escape(row[c].text) + "</td>";
    }
    out += "</tr>";
  }
  return out + "</table>";
}

// "冊子の 2/5 枚目 (pp. 3–4)" for a booklet's sheet, "" for a whole file.
std::string SheetLabel(int part, int part_count, int first_page, int last_page) {
  if (part == 0) return "";
  return "冊子の " + std::to_string(part) + "/" + std::to_string(part_count) + " 枚目 (" +
         (first_page == last_page
              ? "p." + std::to_string(first_page)
              : "pp. " + std::to_string(first_page) + "–" + std::to_string(last_page)) +
         ")";
}

std::string ChartHref(const std::string& metric, const std::string& municipality) {
  return "/chart" + QueryString({{"metric", metric}, {"municipality", municipality}});
}

}  // namespace

std::string SearchPage(const SearchForm& form, const Facets& facets,
                       const std::vector<SearchHit>& hits, const std::string& error) {
  std::vector<std::pair<std::string, std::string>> munis, prefs, years, types;
  for (size_t r = 0; r < facets.municipalities.rows.size(); ++r) {
    const auto& m = facets.municipalities;
    munis.push_back({m.Get(r, "municipality_code"),
                     m.Get(r, "prefecture") + " " + m.Get(r, "municipality_name")});
  }
  for (const auto& p : facets.prefectures) prefs.push_back({p, p});
  for (int y : facets.fiscal_years) years.push_back({std::to_string(y), std::to_string(y)});
  for (const auto& t : facets.document_types) types.push_back({t, t});
  std::string body =
      "<h1>検索 Search</h1><form method=\"get\" action=\"/\" id=\"search\">"
      "<input type=\"search\" name=\"q\" value=\"" +
      Escape(form.q) + "\" placeholder=\"働き方改革\" autofocus> " +
      Select("municipality", "市区町村", form.municipality, munis) +
      Select("prefecture", "都道府県", form.prefecture, prefs) +
      Select("fiscal_year", "年度", form.fiscal_year, years) +
      Select("type", "種別", form.type, types) + "<button>検索</button></form>";
  if (!error.empty()) return Page("検索", body + "<p class=\"error\">" + Escape(error) + "</p>");
  if (form.q.empty()) return Page("検索", body);
  body += "<p class=\"count\">" + std::to_string(hits.size()) + " hits</p><ol class=\"hits\">";
  for (const SearchHit& h : hits) {
    std::string id = std::to_string(h.document_id);
    std::string title = h.document_title.empty() ? h.source_path : h.document_title;
    body +=
        "<li><div class=\"doc\"><a href=\"/documents/" + id + "\">" + Escape(title) +
        "</a> <span class=\"meta\">" + Escape(h.municipality_name) + " " +
        (h.fiscal_year ? std::to_string(h.fiscal_year) + "年度 " : "") + Escape(h.document_type) +
        "</span> " +
        SourceLink(id, h.page ? std::to_string(h.page) : "", std::to_string(h.line), h.page > 0) +
        (h.part
             ? " <span class=\"sheet\">" +
                   Escape(SheetLabel(h.part, h.part_count, h.first_page, h.last_page)) + "</span>"
             : "") +
        "</div>";
    if (h.kind == "indicator") {
      body += "<div class=\"indicator\">指標: " + Escape(h.indicator) +
              (h.indicator_unit.empty() ? "" : " (" + Escape(h.indicator_unit) + ")") + "</div>";
    }
    if (!h.goal_title.empty()) {
      body += "<div class=\"goal\">" + std::string(h.kind == "body" ? "目標の下: " : "目標: ") +
              Escape(h.goal_title) + "</div>";
    }
    body += "<div class=\"snippet\">" + EscapeWithMarks(h.snippet, kMarkOpen, kMarkClose) +
            "</div></li>";
  }
  return Page(form.q + " — 検索", body + "</ol>");
}

std::string DocumentPage(const DocumentView& v) {
  const Rows& d = v.document;
  std::string id = d.Get(0, "id");
  bool pdf = d.Get(0, "format") == "pdf";
  std::string title = d.Get(0, "title").empty() ? d.Get(0, "source_path") : d.Get(0, "title");
  std::string body = "<h1>" + Escape(title) + "</h1><dl class=\"meta\">";
  for (const char* c : {"municipality_name", "prefecture", "municipality_code", "fiscal_year",
                        "department", "document_type", "document_label", "author_title",
                        "author_name", "period_start", "period_end", "pages", "rules_version"}) {
    if (!d.Get(0, c).empty())
      body += "<dt>" + std::string(c) + "</dt><dd>" + Escape(d.Get(0, c)) + "</dd>";
  }
  if (!d.Get(0, "part").empty() && d.Get(0, "part") != "0") {
    auto number = [&](const char* c) { return std::atoi(d.Get(0, c).c_str()); };
    body += "<dt>part</dt><dd>" +
            Escape(SheetLabel(number("part"), number("part_count"), number("first_page"),
                              number("last_page"))) +
            "</dd>";
  }
  std::string first_page = d.Get(0, "first_page");
  body += "</dl><p><a class=\"source\" href=\"/documents/" + UrlEncode(id) + "/source" +
          (pdf && !first_page.empty() ? "#page=" + UrlEncode(first_page) : "") +
          "\" target=\"_blank\">原本を開く Open the source (" + Escape(d.Get(0, "source_path")) +
          ")</a> · <a href=\"/api/documents/" + UrlEncode(id) + "\">JSON</a></p>";

  std::map<std::string, std::vector<size_t>> children;  // parent_key -> goal rows
  std::set<std::string> keys;
  for (size_t r = 0; r < v.goals.rows.size(); ++r) keys.insert(v.goals.Get(r, "goal_key"));
  for (size_t r = 0; r < v.goals.rows.size(); ++r) {
    std::string parent = v.goals.Get(r, "parent_key");
    children[keys.count(parent) ? parent : ""].push_back(r);
  }
  std::map<std::string, std::vector<size_t>> targets_of;
  for (size_t r = 0; r < v.targets.rows.size(); ++r)
    targets_of[v.targets.Get(r, "goal_key")].push_back(r);
  std::map<std::string, size_t> rating_of;
  for (size_t r = 0; r < v.ratings.rows.size(); ++r) rating_of[v.ratings.Get(r, "goal_key")] = r;

  std::set<std::string> shown;  // a parent cycle in a damaged archive must not loop
  std::string municipality = d.Get(0, "municipality_code");
  auto render = [&](auto&& self, const std::string& parent) -> std::string {
    auto it = children.find(parent);
    if (it == children.end()) return "";
    std::string out = "<ul class=\"goals\">";
    for (size_t r : it->second) {
      std::string key = v.goals.Get(r, "goal_key");
      if (!shown.insert(key).second) continue;
      out += "<li><span class=\"goal\">" + Escape(v.goals.Get(r, "number")) + " " +
             Escape(v.goals.Get(r, "title")) + "</span> " +
             SourceLink(id, v.goals.Get(r, "page"), v.goals.Get(r, "line"), pdf);
      if (auto rt = rating_of.find(key); rt != rating_of.end()) {
        out += " <span class=\"rating\">" + Escape(v.ratings.Get(rt->second, "label")) + "</span>";
      }
      if (!v.goals.Get(r, "description").empty()) {
        out += "<div class=\"desc\">" + Escape(v.goals.Get(r, "description")) + "</div>";
      }
      if (auto t = targets_of.find(key); t != targets_of.end()) {
        out +=
            "<table class=\"targets\"><tr><th>metric</th><th>value</th><th>comparison</th>"
            "<th>due</th><th>baseline</th><th>where</th></tr>";
        for (size_t tr : t->second) {
          const std::string& metric = v.targets.Get(tr, "metric");
          std::string metric_cell = metric.empty()
                                        ? Escape(v.targets.Get(tr, "text"))
                                        : "<a href=\"" + ChartHref(metric, municipality) + "\">" +
                                              Escape(metric) + "</a>";
          out += "<tr><td>" + metric_cell + "</td><td>" + Escape(v.targets.Get(tr, "value")) + " " +
                 Escape(v.targets.Get(tr, "unit")) + "</td><td>" +
                 Escape(v.targets.Get(tr, "comparison")) + "</td><td>" +
                 Escape(v.targets.Get(tr, "due")) + "</td><td>" +
                 Escape(v.targets.Get(tr, "baseline_value")) + " " +
                 Escape(v.targets.Get(tr, "baseline_unit")) + "</td><td>" +
                 SourceLink(id, v.targets.Get(tr, "page"), v.targets.Get(tr, "line"), pdf) +
                 "</td></tr>";
        }
        out += "</table>";
      }
      out += self(self, key) + "</li>";
    }
    return out + "</ul>";
  };
  body += "<h2>目標 Goals (" + std::to_string(v.goals.rows.size()) + ")</h2>" + render(render, "");
  const std::set<std::string> kIds = {"id", "document_id", "goal_id"};
  if (!v.indicators.rows.empty()) {
    body += "<h2>指標 Indicators</h2>" + GenericTable(v.indicators, kIds);
  }
  if (!v.actuals.rows.empty()) body += "<h2>実績 Actuals</h2>" + GenericTable(v.actuals, kIds);
  return Page(title, body);
}

std::string IndicatorsPage(const Rows& metrics, const std::string& contains) {
  std::string body =
      "<h1>指標 Indicators</h1><form method=\"get\" action=\"/indicators\"><input "
      "type=\"search\" name=\"q\" value=\"" +
      Escape(contains) +
      "\" placeholder=\"職員\"> <button>絞り込み</button></form><table class=\"metrics\"><tr>"
      "<th>metric</th><th>unit</th><th>municipalities</th><th>targets</th></tr>";
  for (size_t r = 0; r < metrics.rows.size(); ++r) {
    const std::string& m = metrics.Get(r, "metric");
    body += "<tr><td><a href=\"" + ChartHref(m, "") + "\">" + Escape(m) + "</a></td><td>" +
            Escape(metrics.Get(r, "unit")) + "</td><td>" +
            Escape(metrics.Get(r, "municipalities")) + "</td><td>" +
            Escape(metrics.Get(r, "targets")) + "</td></tr>";
  }
  return Page("指標", body + "</table>");
}

std::string ChartPage(const std::string& metric, const std::string& municipality,
                      const Rows& targets, const Rows& actuals) {
  std::string api =
      "/api/indicators" + QueryString({{"metric", metric}, {"municipality", municipality}});
  std::string who = municipality.empty() || targets.rows.empty()
                        ? std::string("比較 Comparison across municipalities")
                        : targets.Get(0, "municipality_name");
  std::string body = "<h1>" + Escape(metric) + "</h1><p class=\"meta\">" + Escape(who) +
                     " · <a href=\"" + api + "\">JSON</a>";
  if (!municipality.empty())
    body += " · <a href=\"" + ChartHref(metric, "") + "\">比較 Compare</a>";
  body += "</p><div class=\"chart\"><canvas id=\"chart\" data-api=\"" + api +
          "\"></canvas></div><p id=\"chart-status\" class=\"meta\"></p>";
  auto table = [&](const char* heading, const Rows& rows) {
    std::string out = "<h2>" + std::string(heading) +
                      "</h2><table class=\"series\"><tr><th>municipality</th><th>fiscal_year</th>"
                      "<th>value</th><th>unit</th><th>document</th></tr>";
    for (size_t r = 0; r < rows.rows.size(); ++r) {
      std::string muni = rows.Get(r, "municipality_code");
      out +=
          "<tr><td><a href=\"" + ChartHref(metric, muni) + "\">" +
          Escape(rows.Get(r, "municipality_name")) + "</a></td><td>" +
          Escape(rows.Get(r, "fiscal_year")) + "</td><td>" + Escape(rows.Get(r, "value")) +
          "</td><td>" + Escape(rows.Get(r, "unit")) + "</td><td><a href=\"/documents/" +
          UrlEncode(rows.Get(r, "document_id")) + "\">#" + Escape(rows.Get(r, "document_id")) +
          "</a> " +
          SourceLink(rows.Get(r, "document_id"), rows.Get(r, "page"), rows.Get(r, "line"), true) +
          "</td></tr>";
    }
    return out + "</table>";
  };
  body += table("目標 Targets", targets);
  if (!actuals.rows.empty()) body += table("実績 Actuals", actuals);
  return Page(metric, body, {"chart.umd.js", "chart-page.js"});
}

std::string MessagePage(const std::string& title, const std::string& message) {
  return Page(title, "<h1>" + Escape(title) + "</h1><p>" + Escape(message) + "</p>");
}

}  // namespace gyosei::serve
