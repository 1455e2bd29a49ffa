#include "extract/extract.h"

#include <algorithm>
#include <map>

#include "core/utf8.h"
#include "dates/dates.h"
#include "extract/municipality.h"
#include "extract/readers/booklet.h"
#include "extract/readers/flat_columns.h"
#include "extract/readers/flat_tables.h"
#include "extract/readers/reader.h"
#include "extract/readers/sheet_reader.h"
#include "extract/readers/table_choice.h"
#include "extract/readers/tables_from_blocks.h"
#include "extract/rules_model.h"
#include "extract/segment.h"
#include "extract/targets.h"
#include "quantities/quantities.h"

namespace gyosei {

struct Extractor::State {
  std::shared_ptr<const extract::CompiledRules> rules;
  MunicipalityTable municipalities;
  dates::DateScanner dates;
  quantities::QuantityScanner quantities;
  // The layout seam: asked in order, the first reader that applies reads the document.
  std::vector<std::unique_ptr<const extract::DocumentReader>> readers;
  std::shared_ptr<const extract::SheetRules> sheet_rules;  // also finds a booklet's sheets
};

namespace {

using extract::CompiledRules;

constexpr int kTitleAreaLines = 12;  // the lines before the body: title, department, author
constexpr size_t kTitleMaxBytes = 120;

// The document's lines in reading order (table cells included).
template <typename Fn>
void ForEachLine(const Document& doc, Fn fn) {
  for (const Page& p : doc.pages)
    for (const Block& b : p.blocks)
      for (const Line& l : b.lines) fn(b, l);
}

bool StartsWithMarker(std::string_view s) {
  for (std::string_view m : {"*", "※", "・", "①", "(", "-", "◇", "◆", "■", "●", "○"})
    if (s.starts_with(m)) return true;
  return false;
}

struct Header {
  std::string document_type = "other", document_label, title, department, author_title, author_name;
  std::string labelled_department;  // after a 主管課 / 担当部局 label in a line of the title area
  Loc title_loc;
};

Header ReadHeader(const Document& doc, const CompiledRules& rules) {
  Header h;
  Match m;
  // Document type: the first type (in rule order) that a heading or short line names — the
  // title, a running header — or failing that any line; its most frequent words are the label.
  auto short_line = [](const Block& b, const Line& l) {
    return b.kind != BlockKind::kTableCell && l.text.size() <= kTitleMaxBytes &&
           !StartsWithMarker(l.text) && !l.text.ends_with("。");
  };
  const extract::DocType* chosen = nullptr;
  for (bool short_only : {true, false}) {
    for (const extract::DocType& type : rules.doctypes) {
      bool named = false;
      ForEachLine(doc, [&](const Block& b, const Line& l) {
        if (named || (short_only && !short_line(b, l))) return;
        for (const Pattern& p : type.patterns) named |= p.Contains(l.text);
      });
      if (named) {
        chosen = &type;
        break;
      }
    }
    if (chosen != nullptr) break;
  }
  if (chosen == nullptr) {
    // No known type: the title is still the first heading, or the first line when it is short.
    ForEachLine(doc, [&](const Block& b, const Line& l) {
      if (!h.title.empty()) return;
      if (b.kind == BlockKind::kHeading || (short_line(b, l) && l.text.size() <= 90))
        h.title = l.text, h.title_loc = l.loc;
      else
        h.title = "-";  // the first line is not a title: stop looking
    });
    if (h.title == "-") h.title.clear();
  }
  if (chosen != nullptr) {
    h.document_type = chosen->type;
    // The most frequent words of the first pattern (in written order) that matches at all.
    for (const Pattern& p : chosen->patterns) {
      std::map<std::string, int> counts;
      ForEachLine(doc, [&](const Block&, const Line& l) {
        for (size_t from = 0; from < l.text.size() && p.Find(l.text, from, m) && m.end > m.begin;
             from = m.end)
          ++counts[l.text.substr(m.begin, m.end - m.begin)];
      });
      int best = 0;
      for (const auto& [label, n] : counts)
        if (n > best) h.document_label = label, best = n;
      if (best > 0) break;
    }
    // Title: the first heading; else the first short line that names the type.
    const Line* title = nullptr;
    ForEachLine(doc, [&](const Block& b, const Line& l) {
      if (title == nullptr && b.kind == BlockKind::kHeading) title = &l;
    });
    ForEachLine(doc, [&](const Block& b, const Line& l) {
      if (title != nullptr || !short_line(b, l)) return;
      for (const Pattern& p : chosen->patterns)
        if (p.Contains(l.text)) title = &l;
    });
    if (title != nullptr) {
      h.title = title->text;
      h.title_loc = title->loc;
      // The title's own word for the document, when it has one, beats the most frequent one.
      for (const Pattern& p : chosen->patterns) {
        if (p.Find(h.title, 0, m)) {
          h.document_label = h.title.substr(m.begin, m.end - m.begin);
          break;
        }
      }
    }
  }
  // Department and author from the first lines: 総務部長 / 大石 芳正, 総合政策部.
  int seen = 0;
  const Line* previous = nullptr;
  const Line* previous_cell_or_line = nullptr;  // a sheet's label cell, then its value cell
  ForEachLine(doc, [&](const Block& b, const Line& l) {
    if (++seen > kTitleAreaLines) return;
    if (h.labelled_department.empty() && previous_cell_or_line != nullptr &&
        extract::AnyContains(rules.metadata.department_label_line, previous_cell_or_line->text)) {
      for (const Pattern& p : rules.metadata.department_value_line)
        if (h.labelled_department.empty() && p.Find(l.text, 0, m))
          h.labelled_department = std::string(m.Group(l.text, p.GroupIndex("department")));
    }
    previous_cell_or_line = &l;
    if (b.kind == BlockKind::kTableCell) return;
    for (const Pattern& p : rules.metadata.department) {
      if (h.department.empty() && p.Find(l.text, 0, m))
        h.department = std::string(m.Group(l.text, p.GroupIndex("department")));
    }
    for (const Pattern& p : rules.metadata.department_label) {
      if (h.labelled_department.empty() && p.Find(l.text, 0, m))
        h.labelled_department = std::string(m.Group(l.text, p.GroupIndex("department")));
    }
    for (const Pattern& p : rules.metadata.author_line) {
      if (h.author_name.empty() && p.Find(l.text, 0, m)) {
        h.author_title = std::string(m.Group(l.text, p.GroupIndex("title")));
        h.author_name = std::string(m.Group(l.text, p.GroupIndex("name")));
      }
    }
    for (const Pattern& p : rules.metadata.author_name) {
      if (!h.author_name.empty() || previous == nullptr || !p.Find(l.text, 0, m)) continue;
      for (const Pattern& t : rules.metadata.author_title) {
        Match tm;
        if (t.Find(previous->text, 0, tm)) {
          h.author_title = std::string(tm.Group(previous->text, t.GroupIndex("title")));
          h.author_name = std::string(m.Group(l.text, p.GroupIndex("name")));
        }
      }
    }
    previous = &l;
  });
  return h;
}

// The 年度 a document names by `patterns` (metadata.rules results_year, report_year): the first
// pattern that matches decides, and the latest year among its matches wins.
int YearNamed(const Document& doc, const std::vector<Pattern>& patterns,
              const dates::DateScanner& dates) {
  Match m;
  for (const Pattern& p : patterns) {
    int latest = 0, group = p.GroupIndex("year");
    ForEachLine(doc, [&](const Block&, const Line& l) {
      for (size_t from = 0; from < l.text.size() && p.Find(l.text, from, m) && m.end > m.begin;
           from = m.end)
        latest = std::max(latest, extract::YearOf(dates, m.Group(l.text, group)));
    });
    if (latest != 0) return latest;
  }
  return 0;
}

// The latest year any goal's measured values were measured in; 0 when none has one.
int LatestActualYear(const std::vector<Goal>& goals) {
  int latest = 0;
  for (const Goal& g : goals)
    for (const Actual& a : g.actuals) latest = std::max(latest, a.fiscal_year);
  return latest;
}

// A report of the results of a year (総合戦略に基づく施策の実施状況及び実績について), by its title
// — or, when no line stands apart as one, by the start of its first line (PDF text run together).
bool IsResultsReport(const Document& doc, std::string_view title, const CompiledRules& rules) {
  std::string_view head = title;
  if (head.empty()) {
    ForEachLine(doc, [&](const Block&, const Line& l) {
      if (head.empty()) head = l.text;
    });
    size_t end = std::min(head.size(), kTitleMaxBytes);
    while (end < head.size() && (static_cast<unsigned char>(head[end]) & 0xC0) == 0x80) ++end;
    head = head.substr(0, end);
  }
  return std::any_of(rules.metadata.results_report.begin(), rules.metadata.results_report.end(),
                     [&](const Pattern& p) { return p.Contains(head); });
}

DateMention ToMention(const dates::DateExpr& e, SourceLoc loc) {
  DateMention d;
  d.text = e.text;
  d.date = e.value;
  d.fiscal_year = e.fiscal_year;
  d.kind = dates::DateKindName(e.kind);
  if (e.kind == dates::DateKind::kRange || e.kind == dates::DateKind::kFiscalYear) {
    d.start = e.range_start;
    d.end = e.range_end;
  }
  d.loc = loc;
  return d;
}

}  // namespace

Extractor::Extractor(std::unique_ptr<const State> state) : state_(std::move(state)) {}
Extractor::~Extractor() = default;

Expected<std::shared_ptr<const Extractor>> Extractor::Create(const RuleFiles& rules) {
  auto compiled = extract::CompileRules(rules);
  if (!compiled) return compiled.status();
  auto table = MunicipalityTable::Load(rules);
  if (!table) return table.status();
  auto scanner = dates::DateScanner::Create();
  if (!scanner) return scanner.status();
  auto sheet_rules = extract::SheetRules::Compile(rules);
  if (!sheet_rules) return sheet_rules.status();
  auto state = std::make_unique<State>(State{std::move(compiled).value(),
                                             std::move(table).value(),
                                             std::move(scanner).value(),
                                             {},
                                             {},
                                             {}});
  state->sheet_rules = std::move(sheet_rules).value();
  state->readers.push_back(std::make_unique<extract::SheetReader>(state->sheet_rules));
  state->readers.push_back(std::make_unique<extract::ProseReader>());
  return std::make_shared<const Extractor>(std::move(state));
}

std::vector<Extraction> Extractor::ExtractSheets(const Document& doc,
                                                 const ExtractOptions& options) const {
  std::vector<std::pair<int, int>> sheets = extract::SheetPages(doc, *state_->sheet_rules);
  std::vector<Extraction> out;
  if (sheets.empty()) {
    out.push_back(Extract(doc, options));  // not {Extract(...)}: that copies the extraction
    return out;
  }
  for (size_t i = 0; i < sheets.size(); ++i) {
    auto [first, last] = sheets[i];
    Extraction e = Extract(extract::PagesOf(doc, first, last), options);
    e.part = BookletPart{static_cast<int>(i) + 1, static_cast<int>(sheets.size()), first, last};
    out.push_back(std::move(e));
  }
  return out;
}

Expected<Municipality> Extractor::FindMunicipality(std::string_view name_or_code) const {
  return state_->municipalities.Lookup(name_or_code);
}

Extraction Extractor::Extract(const Document& doc, const ExtractOptions& options) const {
  const CompiledRules& rules = *state_->rules;
  Extraction e;
  e.path = doc.path;
  e.sha256 = doc.sha256;
  e.format = SourceFormatName(doc.format);
  e.encoding = doc.encoding;
  e.pages = doc.page_count;
  e.rules_version = rules.version;
  e.warnings = doc.warnings;

  Header header = ReadHeader(doc, rules);
  e.document_type = header.document_type;
  e.document_label = header.document_label;
  e.title = header.title;
  e.fiscal_year = header.title.empty() ? 0 : state_->dates.FiscalYearOf(header.title);
  if (e.fiscal_year == 0) {
    // A 年度 written on its own among the first lines (令和5年度 above the title) names the
    // document's year too; one further down may be any year the text talks about.
    int seen = 0;
    ForEachLine(doc, [&](const Block& b, const Line& l) {
      if (e.fiscal_year != 0 || ++seen > kTitleAreaLines || b.kind == BlockKind::kTableCell) return;
      // Only a line that starts with its 年度 (令和5年度, 2024(令和6)年度 …):
      // 新規雇用者数(令和元年度 12人) on line 5 is a baseline's year.
      bool starts_with_year =
          !l.text.empty() &&
          (IsAsciiDigit(static_cast<unsigned char>(l.text[0])) || l.text.starts_with("令和") ||
           l.text.starts_with("平成") || l.text.starts_with("昭和"));
      if (starts_with_year && l.text.size() <= kTitleMaxBytes)
        e.fiscal_year = state_->dates.FiscalYearOf(l.text);
    });
  }

  // An evaluation sheet without a year in its title: the year of the results it reports.
  // An evaluation sheet takes the year of the work it evaluates, when it names it.
  if (e.document_type == "evaluation_sheet") {
    if (int year = YearNamed(doc, rules.metadata.evaluated_year, state_->dates); year != 0)
      e.fiscal_year = year;
  }
  if (e.fiscal_year == 0 &&
      (e.document_type == "evaluation_sheet" || IsResultsReport(doc, header.title, rules)))
    e.fiscal_year = YearNamed(doc, rules.metadata.results_year, state_->dates);
  // A progress report that says which 年度 it is published for.
  if (e.fiscal_year == 0) e.fiscal_year = YearNamed(doc, rules.metadata.report_year, state_->dates);

  // Dates, in reading order, with the document's fiscal year for 今年度 / 同年度.
  dates::DateContext ctx;
  ctx.document_fiscal_year = e.fiscal_year ? e.fiscal_year : options.fiscal_year;
  std::vector<dates::DateExpr> found;
  const dates::DateExpr* period = nullptr;
  std::vector<std::pair<size_t, const Line*>> owners;  // expression index -> its line
  ForEachLine(doc, [&](const Block&, const Line& l) {
    size_t before = found.size();
    state_->dates.Scan(l.text, ctx, found);
    for (size_t i = before; i < found.size(); ++i) owners.emplace_back(i, &l);
  });
  const Line* cue_line = nullptr;
  bool cue = false;
  for (auto [i, line] : owners) {
    const dates::DateExpr& x = found[i];
    SourceLoc loc = line->LocAt(x.begin);
    e.dates.push_back(ToMention(x, loc));
    for (const dates::DateWarning& w : x.warnings) e.warnings.push_back({w.code, w.message, loc});
    // Once per line, not per expression: searching the whole line for every date on it made
    // a long single-line text quadratic (50 MB: hours).
    if (line != cue_line) {
      cue_line = line;
      cue = extract::AnyContains(rules.metadata.period_cue, line->text);
    }
    if (period == nullptr && cue && x.kind == dates::DateKind::kRange && !x.range_start.empty() &&
        !x.range_end.empty() && x.range_start.substr(0, 4) != x.range_end.substr(0, 4)) {
      period = &x;
    }
  }
  if (period != nullptr) {
    e.period = Period{period->range_start, period->range_end};
    if (e.fiscal_year == 0) e.fiscal_year = std::stoi(period->range_start.substr(0, 4));
  }
  if (e.fiscal_year == 0) e.fiscal_year = options.fiscal_year;

  extract::TargetBuilder targets(rules, state_->dates, state_->quantities);
  // A PDF's tables in two readings: the grid rebuilt from the position-based table-cell blocks
  // (which keeps a check-mark choice's words in their own cells) and the ruled grids (which
  // keep an indicator grid's labels and values together); ChooseTables takes, table by table,
  // the one the sheet reader finds more values in. Text inputs keep their own tables.
  bool pdf = doc.format == SourceFormat::kPdf;
  std::vector<Table> rebuilt;
  if (pdf || doc.tables.empty()) rebuilt = extract::TablesFromBlocks(doc);
  int era_year = e.fiscal_year;
  for (const DateMention& d : e.dates)
    if (e.fiscal_year == 0) era_year = std::max(era_year, d.fiscal_year);
  auto context = [&](const std::vector<Table>& tables) {
    return extract::ReadContext{doc,     tables,        e.document_type, rules,
                                targets, state_->dates, e.fiscal_year,   era_year};
  };
  // Only for a document the sheet reader may read in either reading (a budget book's hundreds
  // of tables are not weighed twice).
  std::vector<Table> chosen;
  extract::SheetReader counter(state_->sheet_rules);
  if (pdf && !rebuilt.empty() && !doc.tables.empty() &&
      (counter.Applies(context(rebuilt)) || counter.Applies(context(doc.tables)))) {
    const extract::SheetRules& sheet = *state_->sheet_rules;
    const std::vector<Table> none;
    extract::ReadContext probe = context(none);  // CountValues reads no table of the context
    chosen = extract::ChooseTables(
        doc, std::move(rebuilt), doc.tables,
        [&](const Table& t) { return counter.CountValues(probe, t); },
        [&](std::string_view caption) {
          return caption.starts_with("(") && !sheet.UnitOf(caption).empty();
        });
  }
  extract::ReadContext read = context(!chosen.empty()   ? chosen
                                      : rebuilt.empty() ? doc.tables
                                                        : rebuilt);
  extract::ReadResult segments;
  bool prose = false;
  for (const auto& reader : state_->readers) {
    if (!reader->Applies(read)) continue;
    segments = reader->Read(read);
    // Indicator tables flattened to text (one cell per line, a row on a line) are read beside
    // the prose; a sheet's tables are the sheet reader's.
    prose = reader->Name() == "prose";
    if (prose)
      extract::AddFlatTables(
          extract::ReadFlatTables(doc, *state_->sheet_rules, state_->dates, read.era_year),
          segments.goals, segments.warnings);
    break;
  }
  if (segments.fiscal_year != 0) e.fiscal_year = segments.fiscal_year;
  if (!segments.document_type.empty()) e.document_type = segments.document_type;
  e.goals = std::move(segments.goals);
  // An evaluation sheet or results report that prints no year of its own evaluates the results
  // it reports: the latest year of its measured values (a grid's last 実績 column, the fiscal
  // year of a 目標月 H28.3).
  if (e.fiscal_year == 0 &&
      (e.document_type == "evaluation_sheet" || IsResultsReport(doc, header.title, rules)))
    e.fiscal_year = LatestActualYear(e.goals);
  // A table flattened column by column: its later columns' ratings and amounts, row by row
  // (the amounts are of the year the document reports on).
  if (prose)
    extract::AddColumnValues(doc, *state_->sheet_rules, rules, e.fiscal_year, e.goals, e.warnings);
  e.warnings.insert(e.warnings.end(), segments.warnings.begin(), segments.warnings.end());

  const extract::LabelledMetadata& meta = segments.metadata;
  e.department = !meta.department.empty()     ? meta.department
                 : !header.department.empty() ? header.department
                                              : header.labelled_department;
  std::string author_title = !meta.author_title.empty() ? meta.author_title : header.author_title;
  std::string author_name = !meta.author_name.empty() ? meta.author_name : header.author_name;
  if (!author_name.empty()) e.author = Author{author_title, author_name};

  if (options.municipality) {
    e.municipality = options.municipality;
  } else {
    MunicipalityGuess guess = state_->municipalities.Detect(doc);
    e.municipality = guess.municipality;
    e.warnings.insert(e.warnings.end(), guess.warnings.begin(), guess.warnings.end());
  }
  return e;
}

}  // namespace gyosei
