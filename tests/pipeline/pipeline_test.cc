// The pipeline (pipeline/pipeline.h) and its isolated runner (pipeline/worker_pool.h): every
// option reaches the result, and a document read in a worker process gives the same typed
// Extraction as one read in process.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "emit/json.h"
#include "pipeline/pipeline.h"
#include "pipeline/worker_pool.h"

namespace gyosei {
namespace {

// A made-up department plan: the municipality and fiscal year it names, a goal with a target.
const char* kPlan =
    "令和3年度 総務部の運営方針\n\n静岡県菊川市 総務部\n\n## 重点的に取り組む施策\n\n"
    "1 定員管理計画の推進\n\n達成目標\n職員数を318人とします。\n";
// The same without a year or a municipality.
const char* kUndated = "総務部の運営方針\n\n## 重点的に取り組む施策\n\n1 定員管理計画の推進\n";

const Pipeline& Shared() {
  static const std::shared_ptr<const Pipeline> pipeline = [] {
    auto p = Pipeline::Create(RuleFiles::Builtin());
    REQUIRE(p.ok());
    return *p;
  }();
  return *pipeline;
}

Extraction RunOne(const char* text, const PipelineOptions& options) {
  auto r = Shared().Run({"plan.txt", std::string(text)}, options);
  INFO(r.status().message());
  REQUIRE(r.ok());
  REQUIRE(r->extractions.size() == 1);
  return r->extractions[0];
}

TEST_CASE("Run: the document as it is, and each override") {
  Extraction plain = RunOne(kPlan, {});
  CHECK(plain.fiscal_year == 2021);
  REQUIRE(plain.municipality);
  CHECK(plain.municipality->code == "222241");
  CHECK(plain.municipality->evidence == "text");

  PipelineOptions fallback;
  fallback.fiscal_year = 2019;  // --fiscal-year: only when the text names none
  CHECK(RunOne(kPlan, fallback).fiscal_year == 2021);
  CHECK(RunOne(kUndated, fallback).fiscal_year == 2019);

  PipelineOptions manifest;  // an import manifest's columns replace what was detected
  manifest.fiscal_year_override = 2020;
  manifest.document_type = "reform_plan";
  manifest.municipality = Municipality{"掛川市", "静岡県", "222135", "caller"};
  Extraction e = RunOne(kPlan, manifest);
  CHECK(e.fiscal_year == 2020);
  CHECK(e.document_type == "reform_plan");
  REQUIRE(e.municipality);
  CHECK(e.municipality->code == "222135");
  CHECK(e.municipality->evidence == "caller");
}

TEST_CASE("Run: body passages only when asked, located by their first line") {
  auto without = Shared().Run({"plan.txt", std::string(kPlan)}, {});
  REQUIRE(without.ok());
  CHECK(without->body.empty());
  PipelineOptions options;
  options.body_passages = true;
  auto with = Shared().Run({"plan.txt", std::string(kPlan)}, options);
  REQUIRE(with.ok());
  REQUIRE_FALSE(with->body.empty());
  CHECK(with->body[0].line == 1);
  CHECK(with->body[0].text.starts_with("令和3年度 総務部の運営方針"));
}

TEST_CASE("Run: errors name the document") {
  auto missing = Shared().Run({"no/such/file.pdf", std::nullopt}, {});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("no/such/file.pdf") != std::string::npos);
  auto empty = RunPipeline({"empty.txt", std::string("\n\n")}, {});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == StatusCode::kNoText);
}

TEST_CASE("WorkerPool: every option crosses to the worker; the result is the in-process one") {
  PipelineOptions options;
  options.fiscal_year = 2019;
  options.fiscal_year_override = 2020;
  options.document_type = "reform_plan";
  options.municipality = Municipality{"掛川市", "静岡県", "222135", "caller"};
  options.body_passages = true;
  options.sheets_per_booklet = false;
  pipeline::WorkerPool pool(1, Shared(), 60);
  REQUIRE(pool.Dispatch({"plan.txt", std::string(kPlan), options}).ok());
  std::vector<pipeline::WorkResult> results;
  while (results.empty()) results = pool.Collect(1000);
  const pipeline::WorkResult& r = results[0];
  INFO(r.status.message());
  REQUIRE(r.status.ok());
  auto local = Shared().Run({"plan.txt", std::string(kPlan)}, options);
  REQUIRE(local.ok());
  REQUIRE(r.extractions.size() == 1);
  REQUIRE(r.json.size() == 1);
  CHECK(ExtractionToJson(r.extractions[0], false) ==
        ExtractionToJson(local->extractions[0], false));
  CHECK(r.json[0] == ExtractionToJson(local->extractions[0], false));
  REQUIRE(r.body.size() == local->body.size());
  CHECK(r.body[0].text == local->body[0].text);
}

TEST_CASE("WorkerPool: a failed document is its status, naming it") {
  pipeline::WorkerPool pool(1, Shared(), 60);
  REQUIRE(pool.Dispatch({"empty.txt", std::string("\n"), {}}).ok());
  std::vector<pipeline::WorkResult> results;
  while (results.empty()) results = pool.Collect(1000);
  CHECK(results[0].status.code() == StatusCode::kNoText);
  CHECK(results[0].status.message().find("empty.txt") != std::string::npos);
  CHECK(results[0].extractions.empty());
}

}  // namespace
}  // namespace gyosei
