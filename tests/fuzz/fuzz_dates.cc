// The date and quantity scanners and the baseline reader on arbitrary text (one Scan call per
// line, one DateContext for the input, as the extractor does). What they report must point
// into the text, and the values must be well-formed ISO of the documented lengths.
#include "dates/dates.h"
#include "fuzz_target.h"
#include "quantities/baseline.h"
#include "quantities/quantities.h"

namespace {

using namespace gyosei::dates;
using gyosei::quantities::ParseBaseline;
using gyosei::quantities::Quantity;
using gyosei::quantities::QuantityScanner;

void CheckIso(const std::string& v) {
  GYOSEI_FUZZ_CHECK(v.empty() || v.size() == 4 || v.size() == 7 || v.size() == 10);
}

void Dates(std::string_view data) {
  static const DateScanner dates = DateScanner::Create().value();
  static const QuantityScanner quantities;
  DateContext ctx;
  // The first byte, when it is not text, picks a document fiscal year (or none).
  if (!data.empty() && static_cast<unsigned char>(data[0]) < 0x20 && data[0] != '\n') {
    ctx.document_fiscal_year = data[0] == 0 ? 0 : 1980 + data[0];
    data.remove_prefix(1);
  }
  std::vector<DateExpr> found;
  std::vector<Quantity> q;
  while (true) {
    size_t nl = data.find('\n');
    std::string_view text = data.substr(0, nl);
    found.clear();
    dates.Scan(text, ctx, found);
    for (const DateExpr& e : found) {
      GYOSEI_FUZZ_CHECK(e.begin < e.end && e.end <= text.size());
      CheckIso(e.value);
      CheckIso(DueDate(e));
      CheckIso(FirstDay(e));
    }
    (void)dates.FiscalYearOf(text);
    q.clear();
    quantities.Scan(text, q);
    for (const Quantity& x : q) GYOSEI_FUZZ_CHECK(x.begin < x.end && x.end <= text.size());
    if (auto b = ParseBaseline(dates, quantities, text)) CheckIso(b->date);
    if (nl == std::string_view::npos) break;
    data.remove_prefix(nl + 1);
  }
}

}  // namespace

GYOSEI_FUZZ_TARGET("dates", Dates)
