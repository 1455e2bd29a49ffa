// The pipeline: one document's bytes -> ingest -> normalize -> extract -> typed Extractions.
// The one place the stages are put together: `gyosei extract`, the import's worker processes
// and the benchmarks all run documents through Pipeline::Run.
//
//   auto pipeline = Pipeline::Create(RuleFiles::Builtin());        // once: compiles rules/
//   Expected<PipelineResult> r = (*pipeline)->Run({"plan.pdf"}, {});
//   for (const Extraction& e : r->extractions) ...                  // one per booklet sheet
//
// Or, for one document with its own rules: RunPipeline({"plan.pdf"}, options, rules).
// Documents that may hang or crash the reader go through the isolated runner
// (pipeline/worker_pool.h), which runs this same function in a worker process.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "extract/extraction.h"
#include "rules/rule_files.h"

namespace gyosei {

class Normalizer;
class Extractor;

// What to read: a file, or bytes already in memory (standard input) reported under `path`.
struct DocumentSource {
  std::string path;
  std::optional<std::string> bytes;
};

// Every override a caller can give (the CLI's flags, an import manifest's columns).
struct PipelineOptions {
  std::optional<Municipality> municipality;  // --municipality, manifest: overrides detection
  int fiscal_year = 0;           // --fiscal-year: the year when the text names none (0 = none)
  int fiscal_year_override = 0;  // manifest: replaces the detected year (0 = keep it)
  std::string document_type;     // manifest: replaces the detected type ("" = keep it)
  std::string pdf_password;      // --pdf-password
  int pdf_threads = 1;           // --threads: threads reading a PDF's pages (same output)
  int64_t max_file_bytes = 0;    // --max-file-size: larger files are not read (0 = no limit)
  // A booklet of evaluation sheets gives one Extraction per sheet (the CLI); false gives the
  // whole document as one Extraction (the archive stores one document per file).
  bool sheets_per_booklet = true;
  bool body_passages = false;  // also cut the body text into passages (the archive's index)
};

struct PipelineResult {
  std::vector<Extraction> extractions;  // one, or one per sheet of a booklet
  std::vector<Passage> body;            // with options.body_passages
};

class Pipeline {
 public:
  // Compiles the rules (normalizer and extractor). Errors name file:line.
  static Expected<std::shared_ptr<const Pipeline>> Create(const RuleFiles& rules);

  // Thread-safe: a Pipeline is immutable once created. Errors (unreadable, encrypted, not a
  // document) name the file; everything else is in the Extraction's warnings.
  Expected<PipelineResult> Run(const DocumentSource& source, const PipelineOptions& options) const;
  // The stages after ingest, on a document already read (what Run does once it has read the
  // bytes; the benchmarks time it apart from ingest).
  PipelineResult RunIngested(const Document& raw, const PipelineOptions& options) const;
  PipelineResult RunIngested(Document&& raw, const PipelineOptions& options) const;

  const Normalizer& normalizer() const { return *normalizer_; }
  const Extractor& extractor() const { return *extractor_; }

  Pipeline(std::shared_ptr<const Normalizer> normalizer,
           std::shared_ptr<const Extractor> extractor);

 private:
  PipelineResult Finish(Document doc, const PipelineOptions& options) const;  // extract on

  std::shared_ptr<const Normalizer> normalizer_;
  std::shared_ptr<const Extractor> extractor_;
};

// The first stage alone, with the options' password, threads and size limit: what Run starts
// with, and what `gyosei normalize` and `tables` print from.
Expected<Document> IngestSource(const DocumentSource& source, const PipelineOptions& options);

// One document with `rules` compiled for it (tools, tests; a caller reading many documents
// creates the Pipeline once).
Expected<PipelineResult> RunPipeline(const DocumentSource& source, const PipelineOptions& options,
                                     const RuleFiles& rules = RuleFiles::Builtin());

}  // namespace gyosei
