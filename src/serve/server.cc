// The HTTP side of gyosei serve: cpp-httplib routes over the browse/pages/api pieces.
// httplib.h is included here only.
#include <httplib.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "archive/archive.h"
#include "normalize/normalize.h"
#include "serve/api.h"
#include "serve/browse.h"
#include "serve/html.h"
#include "serve/pages.h"
#include "serve/serve.h"
#include "serve/web_assets.h"

namespace gyosei::serve {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";
constexpr const char* kJson = "application/json; charset=utf-8";
constexpr int kPageHits = 50, kMaxHits = 500, kMaxMetrics = 300;

// Everything a request handler needs; read-only after start.
struct App {
  std::string archive;
  std::shared_ptr<const Normalizer> normalizer;
  std::string chart_js_path;
};

// One read-only connection per server thread, opened on its first request.
Expected<Browser*> ThreadBrowser(const App& app) {
  thread_local std::optional<Browser> browser;
  if (!browser) {
    auto b = Browser::Open(app.archive);
    if (!b) return b.status();
    browser.emplace(std::move(*b));
  }
  return &*browser;
}

void Reply(httplib::Response& res, int status, const std::string& body, const char* type) {
  res.status = status;
  res.set_content(body, type);
}

void Fail(httplib::Response& res, bool json, int status, const std::string& message) {
  if (json)
    Reply(res, status, ErrorJson(message), kJson);
  else
    Reply(res, status, MessagePage(status == 404 ? "Not found" : "Error", message), kHtml);
}

// A positive whole number of at most 9 digits, or nullopt.
std::optional<int64_t> ParseId(const std::string& s) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(s);
}

SearchForm FormOf(const httplib::Request& req) {
  return {req.get_param_value("q"), req.get_param_value("municipality"),
          req.get_param_value("prefecture"), req.get_param_value("fiscal_year"),
          req.get_param_value("type")};
}

// The hits for a form, or the message to show (a bad year, a query of punctuation only).
Expected<std::vector<SearchHit>> RunSearch(const App& app, const SearchForm& form, int limit,
                                           bool marks_for_html) {
  SearchQuery q;
  q.text = app.normalizer->NormalizeLine(form.q);
  q.municipality = form.municipality;
  q.prefecture = form.prefecture;
  q.document_type = form.type;
  q.limit = limit;
  if (!form.fiscal_year.empty()) {
    auto year = ParseId(form.fiscal_year);
    if (!year || form.fiscal_year.size() != 4) {
      return Status(StatusCode::kInvalidArgument, "fiscal_year is a 4-digit year");
    }
    q.fiscal_year_from = q.fiscal_year_to = static_cast<int>(*year);
  }
  if (marks_for_html) {
    q.mark_open = "\x02";
    q.mark_close = "\x03";
  }
  return SearchArchive(app.archive, q);
}

Expected<DocumentView> LoadDocument(Browser& b, int64_t id) {
  DocumentView v;
  struct {
    Rows* rows;
    Expected<Rows> (Browser::*load)(int64_t);
  } parts[] = {{&v.document, &Browser::Document},
               {&v.goals, &Browser::Goals},
               {&v.targets, &Browser::Targets},
               {&v.ratings, &Browser::Ratings}};
  for (auto& [rows, load] : parts) {
    auto r = (b.*load)(id);
    if (!r) return r.status();
    *rows = std::move(*r);
    if (v.document.rows.empty()) return Status(StatusCode::kNotFound, "no such document");
  }
  for (auto [rows, table] : {std::pair{&v.indicators, "indicators"}, {&v.actuals, "actuals"}}) {
    auto r = b.OptionalTable(table, id);
    if (!r) return r.status();
    *rows = std::move(*r);
  }
  return v;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void AddRoutes(httplib::Server& server, const App& app) {
  // Search page and /api/search.
  auto search = [&app](bool json) {
    return [&app, json](const httplib::Request& req, httplib::Response& res) {
      auto browser = ThreadBrowser(app);
      if (!browser) return Fail(res, json, 500, browser.status().message());
      SearchForm form = FormOf(req);
      int limit = kPageHits;
      if (auto l = ParseId(req.get_param_value("limit")); l && *l > 0) {
        limit = static_cast<int>(std::min<int64_t>(*l, kMaxHits));
      }
      Expected<std::vector<SearchHit>> hits = std::vector<SearchHit>{};
      if (!form.q.empty()) hits = RunSearch(app, form, limit, !json);
      if (!hits && hits.status().code() != StatusCode::kInvalidArgument) {
        return Fail(res, json, 500, hits.status().message());
      }
      if (json) {
        if (!hits) return Fail(res, true, 400, hits.status().message());
        return Reply(res, 200, SearchJson(*hits), kJson);
      }
      auto facets = (*browser)->LoadFacets();
      if (!facets) return Fail(res, false, 500, facets.status().message());
      Reply(res, 200,
            SearchPage(form, *facets, hits ? *hits : std::vector<SearchHit>{},
                       hits ? "" : hits.status().message()),
            kHtml);
    };
  };
  server.Get("/", search(false));
  server.Get("/api/search", search(true));

  // Document page and /api/documents/ID.
  auto document = [&app](bool json) {
    return [&app, json](const httplib::Request& req, httplib::Response& res) {
      auto browser = ThreadBrowser(app);
      if (!browser) return Fail(res, json, 500, browser.status().message());
      auto id = ParseId(req.matches[1]);
      if (!id) return Fail(res, json, 404, "no such document");
      auto view = LoadDocument(**browser, *id);
      if (!view) {
        return Fail(res, json, view.status().code() == StatusCode::kNotFound ? 404 : 500,
                    view.status().message());
      }
      Reply(res, 200, json ? DocumentJson(*view) : DocumentPage(*view), json ? kJson : kHtml);
    };
  };
  server.Get(R"(/documents/(\d+))", document(false));
  server.Get(R"(/api/documents/(\d+))", document(true));

  // The source file: only the path the archive records for that document, never one from the
  // request. PDFs open in the browser's viewer (#page=N in the link); any other format is
  // plain text, so an HTML source cannot run in the app's origin.
  server.Get(R"(/documents/(\d+)/source)",
             [&app](const httplib::Request& req, httplib::Response& res) {
               auto browser = ThreadBrowser(app);
               if (!browser) return Fail(res, false, 500, browser.status().message());
               auto id = ParseId(req.matches[1]);
               auto doc = id ? (*browser)->Document(*id) : Expected<Rows>(Rows{});
               if (!doc) return Fail(res, false, 500, doc.status().message());
               if (doc->rows.empty()) return Fail(res, false, 404, "no such document");
               const std::string& path = doc->Get(0, "source_path");
               std::string bytes = ReadWholeFile(path);
               if (bytes.empty()) {
                 return Fail(res, false, 404, path + ": the source file is not there any more");
               }
               bool pdf = doc->Get(0, "format") == "pdf";
               Reply(res, 200, bytes, pdf ? "application/pdf" : "text/plain");
             });

  // Indicators: the list, one metric's chart (one municipality or all), their JSON.
  auto indicators = [&app](bool json) {
    return [&app, json](const httplib::Request& req, httplib::Response& res) {
      auto browser = ThreadBrowser(app);
      if (!browser) return Fail(res, json, 500, browser.status().message());
      std::string metric = req.get_param_value("metric");
      std::string municipality = req.get_param_value("municipality");
      if (metric.empty()) {
        std::string contains = req.get_param_value("q");
        auto metrics = (*browser)->Metrics(contains, kMaxMetrics);
        if (!metrics) return Fail(res, json, 500, metrics.status().message());
        return Reply(res, 200, json ? MetricsJson(*metrics) : IndicatorsPage(*metrics, contains),
                     json ? kJson : kHtml);
      }
      auto targets = (*browser)->TargetSeries(metric, municipality);
      if (!targets) return Fail(res, json, 500, targets.status().message());
      auto actuals = (*browser)->ActualSeries(metric, municipality);
      if (!actuals) return Fail(res, json, 500, actuals.status().message());
      Reply(res, 200,
            json ? SeriesJson(metric, municipality, *targets, *actuals)
                 : ChartPage(metric, municipality, *targets, *actuals),
            json ? kJson : kHtml);
    };
  };
  server.Get("/indicators", indicators(false));
  server.Get("/chart", indicators(false));
  server.Get("/api/indicators", indicators(true));

  server.Get("/static/style.css", [](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, kStyleCss, "text/css; charset=utf-8");
  });
  server.Get("/static/chart-page.js", [](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, kChartPageJs, "text/javascript; charset=utf-8");
  });
  server.Get("/static/chart.umd.js", [&app](const httplib::Request&, httplib::Response& res) {
    // Read once: the library does not change while serving.
    static const std::string library = ReadWholeFile(app.chart_js_path);
    if (library.empty()) return Fail(res, false, 404, "Chart.js is not installed: run tools/setup");
    Reply(res, 200, library, "text/javascript; charset=utf-8");
  });
}

}  // namespace

Status Serve(const ServeOptions& options, const RuleFiles& rules,
             const std::function<void(int port)>& on_listening) {
  // Fail before listening when the archive cannot be read.
  if (auto b = Browser::Open(options.archive); !b) return b.status();
  auto normalizer = Normalizer::Create(rules);
  if (!normalizer) return normalizer.status();
  App app{options.archive, *normalizer,
          options.chart_js.empty() ? std::string(GYOSEI_CHART_JS) : options.chart_js};

  httplib::Server server;
  // Small responses on keep-alive connections: without it Nagle's algorithm and delayed ACKs
  // add about 40 ms to every request.
  server.set_tcp_nodelay(true);
  server.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
  });
  AddRoutes(server, app);
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) res.set_content(MessagePage("Not found", "no such page"), kHtml);
  });
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port < 0) port = 0;
  } else if (!server.bind_to_port(options.host, port)) {
    port = 0;
  }
  if (port == 0) {
    return Status(StatusCode::kIoError, "cannot listen on " + options.host + ":" +
                                            std::to_string(options.port) +
                                            " (in use, or not an address of this machine)");
  }
  on_listening(port);
  if (!server.listen_after_bind()) return Status(StatusCode::kIoError, "the server stopped");
  return Status::Ok();
}

}  // namespace gyosei::serve
