#include "pipeline/pipeline.h"

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

namespace gyosei {

Pipeline::Pipeline(std::shared_ptr<const Normalizer> normalizer,
                   std::shared_ptr<const Extractor> extractor)
    : normalizer_(std::move(normalizer)), extractor_(std::move(extractor)) {}

Expected<std::shared_ptr<const Pipeline>> Pipeline::Create(const RuleFiles& rules) {
  auto normalizer = Normalizer::Create(rules);
  if (!normalizer) return normalizer.status();
  auto extractor = Extractor::Create(rules);
  if (!extractor) return extractor.status();
  return std::make_shared<const Pipeline>(std::move(*normalizer), std::move(*extractor));
}

Expected<Document> IngestSource(const DocumentSource& source, const PipelineOptions& options) {
  IngestOptions ingest;
  ingest.pdf_password = options.pdf_password;
  ingest.pdf_threads = options.pdf_threads;
  ingest.max_file_bytes = options.max_file_bytes;
  return source.bytes ? IngestBytes(*source.bytes, source.path, ingest)
                      : IngestFile(source.path, ingest);
}

Expected<PipelineResult> Pipeline::Run(const DocumentSource& source,
                                       const PipelineOptions& options) const {
  auto raw = IngestSource(source, options);
  if (!raw) return raw.status();
  return RunIngested(std::move(*raw), options);
}

PipelineResult Pipeline::RunIngested(const Document& raw, const PipelineOptions& options) const {
  return Finish(normalizer_->Normalize(raw), options);
}

PipelineResult Pipeline::RunIngested(Document&& raw, const PipelineOptions& options) const {
  // Normalize(Document&&) frees each raw page once folded: a large PDF's peak memory.
  return Finish(normalizer_->Normalize(std::move(raw)), options);
}

PipelineResult Pipeline::Finish(Document doc, const PipelineOptions& options) const {
  ExtractOptions extract;
  extract.municipality = options.municipality;
  extract.fiscal_year = options.fiscal_year;
  PipelineResult result;
  if (options.sheets_per_booklet) {
    result.extractions = extractor_->ExtractSheets(doc, extract);
  } else {
    result.extractions.push_back(extractor_->Extract(doc, extract));
  }
  for (Extraction& e : result.extractions) {
    if (options.fiscal_year_override) e.fiscal_year = options.fiscal_year_override;
    if (!options.document_type.empty()) e.document_type = options.document_type;
  }
  // Body text is indexed in runs of about this many bytes: long enough for bm25 to weigh,
  // short enough for a hit to say where it is.
  constexpr size_t kPassageBytes = 400;
  if (options.body_passages) result.body = BodyPassages(doc, kPassageBytes);
  return result;
}

Expected<PipelineResult> RunPipeline(const DocumentSource& source, const PipelineOptions& options,
                                     const RuleFiles& rules) {
  auto pipeline = Pipeline::Create(rules);
  if (!pipeline) return pipeline.status();
  return (*pipeline)->Run(source, options);
}

}  // namespace gyosei
