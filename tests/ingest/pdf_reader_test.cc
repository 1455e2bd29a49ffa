// ReadPdfDocument on the committed corpus PDFs, the malformed set (tools/make-malformed) and,
// when /work/shared is there, the 19 real municipal sample PDFs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "ingest/ingest.h"

namespace gyosei {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Paths relative to the repo root (the tests' working directory), as a user would type them.
Expected<Document> Read(const std::string& path, const IngestOptions& options = {}) {
  return ReadPdfDocument(Slurp(path), path, options);
}

std::string CellText(const Block& block) {
  std::string text;
  for (const Line& line : block.lines) text += line.text;
  return text;
}

// The first block on `page` (1-based) whose joined text starts with `prefix`.
const Block* FindBlock(const Document& doc, int page, const std::string& prefix) {
  for (const Block& block : doc.pages.at(page - 1).blocks) {
    if (CellText(block).rfind(prefix, 0) == 0) return &block;
  }
  return nullptr;
}

const Line* FindLine(const Document& doc, const std::string& text) {
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        if (line.text == text) return &line;
      }
    }
  }
  return nullptr;
}

int CountLinesContaining(const Document& doc, const std::string& needle) {
  int n = 0;
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) n += line.text.find(needle) != std::string::npos;
    }
  }
  return n;
}

std::vector<int> PagesWarned(const Document& doc, const std::string& code) {
  std::vector<int> pages;
  for (const Warning& w : doc.warnings) {
    if (w.code == code) pages.push_back(w.loc.page);
  }
  return pages;
}

const std::string k000 = "corpus/000_ffb01740a82d06a7.pdf";
const std::string k001 = "corpus/001_c5bbb58d7165dbb1.pdf";
const std::string k001Cid = "corpus/001_c5bbb58d7165dbb1.cid.pdf";
const std::string k004 = "corpus/004_c3cb6c837472769f.pdf";

TEST_CASE("malformed PDFs give the exact error, naming the file") {
  struct Case {
    std::string file;
    std::string password;
    StatusCode code;
    std::string message;  // after "<path>: "
  };
  const std::string kNoTrailer =
      "damaged PDF that poppler cannot open (poppler: error: Couldn't find trailer dictionary)";
  const std::vector<Case> cases = {
      {"empty.pdf", "", StatusCode::kDamaged, "the file is empty (0 bytes)"},
      {"random-bytes.pdf", "", StatusCode::kUnsupported,
       "not a PDF (no %PDF- header in its first KB)"},
      {"xlsx-renamed.pdf", "", StatusCode::kUnsupported,
       "not a PDF (looks like a zip/Office file)"},
      {"ole-renamed.pdf", "", StatusCode::kUnsupported,
       "not a PDF (looks like an OLE/Office 97-2003 file)"},
      {"truncated-header.pdf", "", StatusCode::kDamaged, kNoTrailer},
      {"truncated-half.pdf", "", StatusCode::kDamaged, kNoTrailer},
      {"truncated-tail.pdf", "", StatusCode::kDamaged, kNoTrailer},
      {"encrypted-user-password.pdf", "", StatusCode::kEncrypted,
       "the PDF is encrypted and needs a password (--pdf-password)"},
      {"encrypted-user-password.pdf", "wrong", StatusCode::kEncrypted,
       "the password given does not open this encrypted PDF"},
  };
  for (const Case& c : cases) {
    const std::string path = "tests/malformed/" + c.file;
    INFO(path << " password=" << c.password);
    IngestOptions options;
    options.pdf_password = c.password;
    auto doc = Read(path, options);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.status().code() == c.code);
    CHECK(doc.status().message() == path + ": " + c.message);
  }
}

void CheckFailsCleanly(const Expected<Document>& doc) {
  if (doc.ok()) return;
  CHECK(doc.status().message().rfind("x.pdf: ", 0) == 0);
  CHECK((doc.status().code() == StatusCode::kDamaged ||
         doc.status().code() == StatusCode::kUnsupported));
}

TEST_CASE("any bytes are safe: prefixes and byte flips of a PDF fail cleanly or open") {
  const std::string bytes = Slurp("tests/malformed/名前 に 空白.pdf");
  int opened = 0;
  for (size_t n = 0; n <= bytes.size(); n += 37) {
    auto doc = ReadPdfDocument(std::string_view(bytes).substr(0, n), "x.pdf");
    CheckFailsCleanly(doc);
    opened += doc.ok();
  }
  CHECK(opened == 0);      // the trailer is at the end: no prefix of this one opens
  uint32_t state = 12345;  // a fixed LCG: the same flips every run
  auto next = [&state] { return state = state * 1103515245u + 12345u; };
  for (int round = 0; round < 200; ++round) {
    std::string flipped = bytes;
    for (int k = 0; k < 4; ++k)
      flipped[8 + next() % (flipped.size() - 8)] = static_cast<char>(next() >> 16);
    CheckFailsCleanly(ReadPdfDocument(flipped, "x.pdf"));
  }
}

TEST_CASE("damaged but recoverable and odd-but-valid PDFs open with the right text") {
  struct Case {
    std::string file;
    std::string password;
    int pages;
    std::vector<std::string> first_lines;  // page 1, in order
  };
  const std::vector<Case> cases = {
      {"broken-xref.pdf", "", 3, {"総務企画部の方針書"}},
      {"encrypted-user-password.pdf", "user", 1, {"暗号化された文書", "令和6年度"}},
      {"encrypted-user-password.pdf", "owner", 1, {"暗号化された文書", "令和6年度"}},
      // Non-embedded Adobe-Japan1 font, Shift_JIS codes, no ToUnicode: needs poppler-data.
      {"no-tounicode-cid.pdf",
       "",
       1,
       {"定員管理計画の推進", "令和4年4月1日現在の職員数を318人とします。"}},
      {"名前 に 空白.pdf", "", 1, {"空白と日本語を含むファイル名"}},
      // The hyphen at the line end stays (pdftotext's default mode makes this "No 71-1"),
      // and the half-width space (0.5 em in this font) is not taken for a column gap.
      // Adobe-Japan1 CID 14, the code 0x2D here, maps to U+2011.
      {"hyphen-at-line-end.pdf", "", 1, {"関連の施策・基本事業No 7\u2011", "1\u20111"}},
  };
  for (const Case& c : cases) {
    const std::string path = "tests/malformed/" + c.file;
    INFO(path);
    IngestOptions options;
    options.pdf_password = c.password;
    auto doc = Read(path, options);
    REQUIRE(doc.ok());
    CHECK(doc->page_count == c.pages);
    CHECK(doc->warnings.empty());
    std::vector<std::string> lines;
    for (const Block& block : doc->pages.at(0).blocks) {
      for (const Line& line : block.lines) {
        if (lines.size() < c.first_lines.size()) lines.push_back(line.text);
      }
    }
    CHECK(lines == c.first_lines);
  }
}

TEST_CASE("pages without usable text are reported with file and page") {
  auto image = Read("tests/malformed/image-only.pdf");
  REQUIRE(image.ok());
  CHECK(image->pages.at(0).blocks.empty());
  REQUIRE(image->warnings.size() == 2);
  CHECK(image->warnings[0].code == "page_without_text");
  CHECK(image->warnings[0].loc.page == 1);
  CHECK(image->warnings[0].message ==
        "tests/malformed/image-only.pdf p.1: no text layer (a scanned image?); nothing "
        "extracted from this page");
  CHECK(image->warnings[1].code == "document_without_text");
  CHECK(image->warnings[1].message.rfind("tests/malformed/image-only.pdf: no page has a text layer",
                                         0) == 0);

  // An embedded subset font stripped of its ToUnicode map: raw glyph codes come out.
  auto stripped = Read("tests/malformed/no-tounicode-embedded.pdf");
  REQUIRE(stripped.ok());
  CHECK(PagesWarned(*stripped, "page_garbled_text") == std::vector<int>{1});
  CHECK(stripped->warnings.at(0).message.rfind("tests/malformed/no-tounicode-embedded.pdf p.1: ",
                                               0) == 0);
}

TEST_CASE("poppler's own complaints become warnings naming file and page") {
  auto doc = Read("tests/malformed/unknown-operator.pdf");
  REQUIRE(doc.ok());
  CHECK(FindLine(*doc, "不明な演算子") != nullptr);
  std::vector<std::string> messages;
  for (const Warning& w : doc->warnings) {
    CHECK(w.code == "poppler");
    CHECK(w.loc.page == 1);
    messages.push_back(w.message);
  }
  CHECK(
      messages ==
      std::vector<std::string>{
          "tests/malformed/unknown-operator.pdf p.1: poppler: error (357): Unknown operator 'foo'",
          "tests/malformed/unknown-operator.pdf p.1: poppler: error: Unknown operator 'bar'"});
}

TEST_CASE("without poppler-data the lost Japanese text is reported, not silent") {
  // Poppler reads its data directory when it sets up, which it does again once no document
  // is open; restore the default afterwards so the other tests are unaffected.
  SetPopplerDataDir("/nonexistent-poppler-data");
  auto doc = Read("tests/malformed/no-tounicode-cid.pdf");
  SetPopplerDataDir("");
  REQUIRE(doc.ok());
  CHECK(PagesWarned(*doc, "page_without_text") == std::vector<int>{1});
  CHECK(PagesWarned(*doc, "poppler_data_missing") == std::vector<int>{1});
  CHECK(PagesWarned(*doc, "document_without_text") == std::vector<int>{0});
  auto again = Read("tests/malformed/no-tounicode-cid.pdf");
  REQUIRE(again.ok());
  CHECK(again->warnings.empty());
}

TEST_CASE("concurrent readers each get their own poppler messages") {
  const std::string noisy = Slurp("tests/malformed/unknown-operator.pdf");
  const std::string quiet = Slurp("tests/malformed/名前 に 空白.pdf");
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        bool loud = (i + t) % 2 == 0;
        auto doc = ReadPdfDocument(loud ? noisy : quiet, loud ? "noisy.pdf" : "quiet.pdf");
        size_t expected = loud ? 2 : 0;
        if (!doc.ok() || doc->warnings.size() != expected) ++wrong[t];
        for (const Warning& w : doc->warnings)
          wrong[t] += w.message.rfind("noisy.pdf p.1: ", 0) != 0;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(wrong == std::vector<int>(4, 0));
}

// Everything a reader puts in a Document, one line per item, for whole-document comparisons.
std::string Dump(const Document& doc) {
  std::string out = doc.sha256 + " " + std::to_string(doc.page_count) + "\n";
  for (const Page& page : doc.pages) {
    out += "page " + std::to_string(page.number) + "\n";
    for (const Block& b : page.blocks) {
      out += "block " + std::to_string(static_cast<int>(b.kind)) + " " + std::to_string(b.level) +
             " " + std::to_string(b.table) + "." + std::to_string(b.row) + "." +
             std::to_string(b.column) + "\n";
      for (const Line& l : b.lines)
        out += std::to_string(l.loc.page) + ":" + std::to_string(l.loc.line) + ":" +
               std::to_string(l.loc.column) + " " + l.text + "\n";
    }
  }
  for (const Warning& w : doc.warnings)
    out += w.code + " " + std::to_string(w.loc.page) + " " + w.message + "\n";
  return out;
}

TEST_CASE("pages read on several threads come out exactly as on one") {
  std::vector<std::string> paths = {k004, "corpus/004_c3cb6c837472769f.cid.pdf",
                                    "tests/malformed/unknown-operator-40-pages.pdf"};
  const std::string dir = std::string(GYOSEI_SHARED_DIR) + "/samples/pdf/";
  // Poppler messages on several pages, pages without text, and 612 pages.
  for (const char* sample :
       {"otoineppu_kouhou_2024-06.pdf", "otoineppu_jinko-vision_2015.pdf",
        "kodaira_shigikai-rinjikai-shiryo-scan-ocr_r2.pdf", "fuji_yosansho-ippankaikei_r6.pdf"}) {
    if (std::filesystem::exists(dir + sample)) paths.push_back(dir + sample);
  }
  for (const std::string& path : paths) {
    INFO(path);
    const std::string bytes = Slurp(path);
    auto one = ReadPdfDocument(bytes, path);
    REQUIRE(one.ok());
    const std::string expected = Dump(*one);
    for (int threads : {2, 3, 8}) {
      INFO(threads << " threads");
      IngestOptions options;
      options.pdf_threads = threads;
      auto several = ReadPdfDocument(bytes, path, options);
      REQUIRE(several.ok());
      CHECK(Dump(*several) == expected);
    }
  }
}

TEST_CASE("corpus PDFs: page counts and document fields") {
  const std::map<std::string, int> pages = {
      {k000, 3},
      {k001, 2},
      {k001Cid, 2},
      {"corpus/002_5f1a78a3c3e66711.pdf", 4},
      {"corpus/003_2a7c210278e47f29.pdf", 3},
      {k004, 12},
      {"corpus/004_c3cb6c837472769f.cid.pdf", 12},
  };
  for (const auto& [path, count] : pages) {
    INFO(path);
    auto doc = Read(path);
    REQUIRE(doc.ok());
    CHECK(doc->path == path);
    CHECK(doc->format == SourceFormat::kPdf);
    CHECK(doc->encoding.empty());
    CHECK(doc->page_count == count);
    REQUIRE(doc->pages.size() == static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) CHECK(doc->pages[i].number == i + 1);
    CHECK(doc->warnings.empty());
    CHECK(doc->sha256.size() == 64);
  }
}

TEST_CASE("001 (8-bit TrueType and CID copy): heading, table rows rebuilt into cells") {
  for (const std::string& path : {k001, k001Cid}) {
    INFO(path);
    auto doc = Read(path);
    REQUIRE(doc.ok());
    const Page& p1 = doc->pages.at(0);
    REQUIRE(!p1.blocks.empty());
    CHECK(p1.blocks[0].kind == BlockKind::kHeading);
    CHECK(p1.blocks[0].level == 1);
    CHECK(p1.blocks[0].lines.at(0).text == "令和3年度 総務部の運営方針");
    CHECK(p1.blocks[0].lines.at(0).loc == SourceLoc{1, 1, 0});

    const Block* title = FindBlock(*doc, 1, "1 定員管理計画の推進 (総務課)");
    REQUIRE(title != nullptr);
    CHECK(title->kind == BlockKind::kTableCell);

    const Block* label = FindBlock(*doc, 1, "現状・課題");
    const Block* content =
        FindBlock(*doc, 1, "社会情勢の著しい変化や市民ニーズの多様化により、質の高い");
    const Block* goal = FindBlock(*doc, 1, "①令和4年4月1日現在の職員数を318人とします。");
    REQUIRE(label != nullptr);
    REQUIRE(content != nullptr);
    REQUIRE(goal != nullptr);
    CHECK(CellText(*label) == "現状・課題");
    for (const Block* b : {label, content, goal}) {
      CHECK(b->kind == BlockKind::kTableCell);
      CHECK(b->table == label->table);
      CHECK(b->row == label->row);
    }
    CHECK(label->row == title->row + 1);
    CHECK(label->column == 0);
    CHECK(content->column == 1);
    CHECK(goal->column > content->column);
    CHECK(content->lines.at(0).loc == SourceLoc{1, label->lines.at(0).loc.line + 2, 0});
    CHECK(CellText(*content).find(
              "菊川市の職員数は平成17年度の351人から令和元年度は318人となっています。") !=
          std::string::npos);

    // The small org table: two cells on one row, then a row with one.
    const Block* soumu = FindBlock(*doc, 1, "総務課");
    const Block* hisho = FindBlock(*doc, 1, "秘書広報課");
    REQUIRE(soumu != nullptr);
    REQUIRE(hisho != nullptr);
    CHECK(soumu->kind == BlockKind::kTableCell);
    CHECK(hisho->row == soumu->row);
    CHECK(hisho->column == soumu->column + 1);

    // Running text stays paragraphs, Latin words unsplit, no space between kana and Latin.
    const Line* ojt =
        FindLine(*doc, "また、様々な研修やOJTの実践により、職員の能力や資質の向上に努めます。");
    REQUIRE(ojt != nullptr);
    CHECK(ojt->loc == SourceLoc{1, 12, 0});
  }
}

TEST_CASE("004: running headers and page numbers are dropped, locations count the kept lines") {
  auto doc = Read(k004);
  REQUIRE(doc.ok());
  CHECK(CountLinesContaining(*doc, "第２次会津若松市行政システム改革プラン") == 0);
  for (int n = 1; n <= 12; ++n) CHECK(FindLine(*doc, "- " + std::to_string(n) + " -") == nullptr);

  struct Expect {
    std::string text;
    SourceLoc loc;
  };
  const std::vector<Expect> lines = {
      {"～はじめに～", {1, 1, 0}},
      {"本市においては、行財政改革を不断の課題であると位置付け、これまで積極的", {1, 2, 0}},
      {"＊会津若松市行財政改革大綱（昭和61年 6月）", {1, 4, 0}},
      // A U+3000 gap in running text (poppler drops the character) is not a column gap.
      {"民ニーズに応えていくために、「市役所は変わります 市民起点・成果重視の行", {1, 11, 0}},
      {"行政運営の課題と目標", {2, 1, 0}},
      {"（1）国と地方自治体を巡る状況", {2, 2, 0}},
  };
  for (const Expect& e : lines) {
    INFO(e.text);
    const Line* line = FindLine(*doc, e.text);
    REQUIRE(line != nullptr);
    CHECK(line->loc == e.loc);
  }
  const Block* first = FindBlock(*doc, 1, "～はじめに～");
  REQUIRE(first != nullptr);
  CHECK(first->kind == BlockKind::kHeading);
  int tables = 0;
  for (const Page& page : doc->pages) {
    for (const Block& block : page.blocks) tables += block.kind == BlockKind::kTableCell;
  }
  CHECK(tables == 0);

  IngestOptions keep;
  keep.keep_running_headers = true;
  auto kept = Read(k004, keep);
  REQUIRE(kept.ok());
  CHECK(CountLinesContaining(*kept, "第２次会津若松市行政システム改革プラン") == 12);
  REQUIRE(FindLine(*kept, "- 3 -") != nullptr);
  CHECK(FindLine(*kept, "- 3 -")->loc.page == 3);
}

TEST_CASE("000: header line and 'n / m' page numbers are dropped") {
  auto doc = Read(k000);
  REQUIRE(doc.ok());
  CHECK(CountLinesContaining(*doc, "令和３年度部局運営方針実績（総合政策部）") == 0);
  for (int n = 1; n <= 3; ++n) CHECK(FindLine(*doc, std::to_string(n) + " / 3") == nullptr);
  const Line* first = FindLine(*doc, "総合政策部");
  REQUIRE(first != nullptr);
  CHECK(first->loc == SourceLoc{1, 1, 0});
  CHECK(FindLine(*doc, "【重点施策とめざす方向】 【実績】") != nullptr);
  CHECK(FindLine(*doc, "第５次総合計画などの推進 目標どおり達成") != nullptr);
}

TEST_CASE("the 19 shared sample PDFs load; pages without text are warned about") {
  const std::string dir = std::string(GYOSEI_SHARED_DIR) + "/samples/pdf/";
  if (!std::filesystem::is_directory(dir)) {
    WARN("skipped: " << dir << " is absent");
    return;
  }
  struct Sample {
    std::string file;
    int pages;
    std::vector<int> without_text;
    std::map<std::string, int> other;  // other warning codes and how often
  };
  std::vector<int> all20;
  for (int i = 1; i <= 20; ++i) all20.push_back(i);
  const std::vector<Sample> samples = {
      {"fuji_yosansho-ippankaikei_r6.pdf", 612, {14, 20, 24, 25, 26, 172, 173, 174}, {}},
      {"kodaira_shigikai-rinjikai-shiryo-scan-ocr_r2.pdf",
       83,
       {40, 41, 42, 43, 44, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 68, 69, 70},
       {}},
      {"otoineppu_chiiki-bousai-keikaku-shiryo_2020-03.pdf", 114, {2}, {}},
      {"otoineppu_corona-hinan-ppt_2020.pdf", 1, {}, {{"page_unmapped_chars", 1}}},
      {"otoineppu_hinan-point-outlined-notext_r3.pdf",
       4,
       {1, 2, 3, 4},
       {{"document_without_text", 1}}},
      {"otoineppu_jinko-vision_2015.pdf", 49, {2, 4}, {{"page_kangxi_radicals", 1}}},
      {"otoineppu_kansui-keiei-senryaku_h29.pdf", 7, {}, {}},
      {"otoineppu_kouhou_2024-06.pdf", 12, {}, {{"poppler", 2}}},
      {"otoineppu_koukyoukouji-hacchu-mitoshi_r7.pdf", 1, {}, {}},
      {"otoineppu_kyuyo-teiin-kanri-jisseki_r7.pdf", 11, {}, {}},
      {"otoineppu_nyusatsu-sanka-shikaku-shinsei-tebiki_r7.pdf",
       89,
       {2},
       {{"page_kangxi_radicals", 82}}},
      {"otoineppu_rakuhyousetsu-jiko-boshi-scanned_r4.pdf", 1, {1}, {{"document_without_text", 1}}},
      {"otoineppu_sogo-senryaku-kpi_2015.pdf", 16, {2, 4}, {}},
      {"otoineppu_tokutei-jigyonushi-kodokeikaku_2015.pdf", 10, {}, {}},
      {"takamatsu_shimin-manzokudo-chosa_r4.pdf", 73, {4}, {}},
      {"tokyo-to-senkan_seiji-shikin-shushi-hokokusho-scanned_r5.pdf",
       20,
       all20,
       {{"document_without_text", 1}}},
      {"tokyo-to_covid-kanja-hassei-beshi-wps_2021-01-01.pdf", 13, {}, {}},
      {"tokyo-to_covid-kanja-hassei-beshi_2022-04-01.pdf", 137, {}, {}},
      {"yaizu_smartmap-suiikei-setsumei_2025.pdf", 1, {}, {}},
  };
  for (const Sample& s : samples) {
    INFO(s.file);
    auto doc = ReadPdfDocument(Slurp(dir + s.file), s.file);
    REQUIRE(doc.ok());
    CHECK(doc->page_count == s.pages);
    CHECK(PagesWarned(*doc, "page_without_text") == s.without_text);
    std::map<std::string, int> other;
    for (const Warning& w : doc->warnings) {
      CHECK(w.message.rfind(
                s.file + (w.loc.page > 0 ? " p." + std::to_string(w.loc.page) + ": " : ": "), 0) ==
            0);
      if (w.code != "page_without_text") ++other[w.code];
    }
    CHECK(other == s.other);
    int lines = 0;
    for (const Page& page : doc->pages) {
      for (const Block& block : page.blocks) lines += static_cast<int>(block.lines.size());
    }
    CHECK((lines > 0) == (s.without_text.size() < static_cast<size_t>(s.pages)));
  }
}

}  // namespace
}  // namespace gyosei
