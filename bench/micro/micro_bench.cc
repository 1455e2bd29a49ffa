// Micro-benchmarks of the functions every document goes through, on real corpus text:
// normalize, date scan, quantity scan, rule matching (labels and numbering), JSON emit.
// Throughput is reported in bytes of normalized text per second.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>

#include "dates/dates.h"
#include "emit/json.h"
#include "extract/extract.h"
#include "extract/rules_model.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "pipeline/pipeline.h"
#include "quantities/quantities.h"

namespace {

using namespace gyosei;

struct Fixture {
  std::shared_ptr<const Normalizer> normalizer;
  std::shared_ptr<const Extractor> extractor;
  std::shared_ptr<const Pipeline> pipeline;
  std::shared_ptr<const extract::CompiledRules> rules;
  Document raw, doc;
  std::vector<std::string> lines;
  size_t bytes = 0;
  std::string input;  // the UTF-8 text as read from the files

  Fixture() {
    RuleFiles files = RuleFiles::Builtin();
    normalizer = *Normalizer::Create(files);
    extractor = *Extractor::Create(files);
    pipeline = *Pipeline::Create(files);
    rules = *extract::CompileRules(files);
    // Every seed text, concatenated: the shapes of all the layouts.
    std::string text;
    for (const char* name : {"000_ffb01740a82d06a7", "001_c5bbb58d7165dbb1", "002_5f1a78a3c3e66711",
                             "003_2a7c210278e47f29", "004_c3cb6c837472769f"}) {
      std::ifstream in(std::string(GYOSEI_SOURCE_DIR) + "/corpus/" + name + ".txt",
                       std::ios::binary);
      text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      text += "\n";
    }
    input = text;
    raw = *ReadTextDocument(text, "corpus.txt");
    doc = normalizer->Normalize(raw);
    for (const Page& p : doc.pages)
      for (const Block& b : p.blocks)
        for (const Line& l : b.lines) lines.push_back(l.text), bytes += l.text.size();
  }
};

const Fixture& F() {
  static const Fixture fixture;
  return fixture;
}

void BM_Normalize(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(f.normalizer->Normalize(f.raw));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_Normalize);

void BM_DateScan(benchmark::State& state) {
  const Fixture& f = F();
  static const dates::DateScanner scanner = std::move(dates::DateScanner::Create()).value();
  std::vector<dates::DateExpr> out;
  for (auto _ : state) {
    dates::DateContext ctx;
    out.clear();
    for (const std::string& l : f.lines) scanner.Scan(l, ctx, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_DateScan);

void BM_QuantityScan(benchmark::State& state) {
  const Fixture& f = F();
  static const quantities::QuantityScanner scanner;
  std::vector<quantities::Quantity> out;
  for (auto _ : state) {
    out.clear();
    for (const std::string& l : f.lines) scanner.Scan(l, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_QuantityScan);

void BM_RuleMatching(benchmark::State& state) {
  const Fixture& f = F();
  size_t hits = 0;
  for (auto _ : state) {
    for (const std::string& l : f.lines) {
      hits += !f.rules->labels.Classify(l).empty();
      hits += f.rules->MatchNumber(l).has_value();
    }
  }
  benchmark::DoNotOptimize(hits);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_RuleMatching);

void BM_Extract(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(f.extractor->Extract(f.doc, {}));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_Extract);

void BM_JsonEmit(benchmark::State& state) {
  const Fixture& f = F();
  Extraction e = f.extractor->Extract(f.doc, {});
  size_t out = 0;
  for (auto _ : state) out += ExtractionToJson(e, false).size();
  benchmark::DoNotOptimize(out);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.bytes));
}
BENCHMARK(BM_JsonEmit);

// The "text path": normalize + dates + rules + JSON on an ingested document (the
// pipeline after ingest, as `gyosei extract` runs it), in bytes of input text per second.
// Ingest (charset detection, markup, sha256) is BM_IngestText.
void BM_TextPath(benchmark::State& state) {
  const Fixture& f = F();
  size_t out = 0;
  for (auto _ : state) {
    for (const Extraction& e : f.pipeline->RunIngested(f.raw, {}).extractions)
      out += ExtractionToJson(e, false).size();
  }
  benchmark::DoNotOptimize(out);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.input.size()));
}
BENCHMARK(BM_TextPath);

void BM_IngestText(benchmark::State& state) {
  const Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(ReadTextDocument(f.input, "corpus.txt"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.input.size()));
}
BENCHMARK(BM_IngestText);

}  // namespace

BENCHMARK_MAIN();
