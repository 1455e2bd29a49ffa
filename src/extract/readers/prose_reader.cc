#include "extract/readers/reader.h"

namespace gyosei::extract {

ReadResult ProseReader::Read(const ReadContext& ctx) const {
  SegmentResult s = Segment(ctx.doc, ctx.rules, ctx.targets, ctx.fiscal_year);
  return ReadResult{std::move(s.goals), std::move(s.metadata), std::move(s.warnings), 0, ""};
}

}  // namespace gyosei::extract
