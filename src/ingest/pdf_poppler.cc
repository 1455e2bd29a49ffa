#include "ingest/pdf_poppler.h"

#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>

namespace gyosei::pdf {
namespace {

// Poppler keeps its parameters (data directory, CMaps, fonts) in one global object. Like
// poppler-cpp it is created when the first document opens and dropped when the last one
// closes, so that a changed data directory takes effect.
std::mutex global_mutex;
int open_documents = 0;
std::string data_dir;

PopplerMessageSink message_sink = nullptr;

void OnPopplerError(ErrorCategory, Goffset pos, const char* msg) {
  if (message_sink == nullptr) return;
  std::string text = pos >= 0 ? "error (" + std::to_string(pos) + "): " : "error: ";
  text += msg;
  message_sink(text);
}

// A rule is a drawn line at most this thick (points): thicker filled rectangles are areas
// (shaded cells, backgrounds) whose edges may still be borders.
constexpr double kMaxRuleWidth = 2.5;
// Slant tolerated in a horizontal or vertical line (points).
constexpr double kStraight = 0.5;

// The one TextOutputDev of a page pass, which also keeps the paths' straight pieces: the
// words come out exactly as poppler-cpp's text_list() made them (same device, same
// settings), and the ruling lines of the same pass cost no second interpretation.
class PageDevice : public TextOutputDev {
 public:
  PageDevice() : TextOutputDev(nullptr, false, 0, false, false) {}

  std::vector<Rule>* rules = nullptr;

  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    AddPath(state, false);
  }
  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    AddPath(state, true);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    AddPath(state, true);
  }

 private:
  void Add(double x0, double y0, double x1, double y1) {
    if (std::abs(y0 - y1) <= kStraight) {
      double y = (y0 + y1) / 2;
      if (std::abs(x1 - x0) > 1) rules->push_back({std::min(x0, x1), y, std::max(x0, x1), y});
    } else if (std::abs(x0 - x1) <= kStraight) {
      double x = (x0 + x1) / 2;
      if (std::abs(y1 - y0) > 1) rules->push_back({x, std::min(y0, y1), x, std::max(y0, y1)});
    }
  }

  void AddPath(const GfxState* state, bool filled) {
    if (rules == nullptr) return;
    const GfxPath* path = state->getPath();
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      const int n = sub->getNumPoints();
      if (n < 2) continue;
      xs_.resize(n);
      ys_.resize(n);
      bool curved = false;
      for (int i = 0; i < n; ++i) {
        state->transform(sub->getX(i), sub->getY(i), &xs_[i], &ys_[i]);
        curved |= sub->getCurve(i);
      }
      if (curved) continue;  // rounded frames and circles are no cell borders
      if (filled && (n == 4 || n == 5) && AddFilledRect(n)) continue;
      for (int i = 1; i < n; ++i) Add(xs_[i - 1], ys_[i - 1], xs_[i], ys_[i]);
      if (sub->isClosed() || filled) Add(xs_[n - 1], ys_[n - 1], xs_[0], ys_[0]);
    }
  }

  // A filled axis-parallel rectangle: a thin one is a line along its length; a larger one
  // gives its four edges. False when the four points are no such rectangle.
  bool AddFilledRect(int n) {
    double x0 = *std::min_element(xs_.begin(), xs_.begin() + n);
    double x1 = *std::max_element(xs_.begin(), xs_.begin() + n);
    double y0 = *std::min_element(ys_.begin(), ys_.begin() + n);
    double y1 = *std::max_element(ys_.begin(), ys_.begin() + n);
    for (int i = 0; i < n; ++i) {
      bool on_x = std::abs(xs_[i] - x0) <= kStraight || std::abs(xs_[i] - x1) <= kStraight;
      bool on_y = std::abs(ys_[i] - y0) <= kStraight || std::abs(ys_[i] - y1) <= kStraight;
      if (!on_x || !on_y) return false;
    }
    if (y1 - y0 <= kMaxRuleWidth) {
      Add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
    } else if (x1 - x0 <= kMaxRuleWidth) {
      Add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
    } else {
      Add(x0, y0, x1, y0);
      Add(x0, y1, x1, y1);
      Add(x0, y0, x0, y1);
      Add(x1, y0, x1, y1);
    }
    return true;
  }

  std::vector<double> xs_, ys_;
};

}  // namespace

void InstallPopplerMessageSink(PopplerMessageSink sink) {
  std::lock_guard<std::mutex> lock(global_mutex);
  if (message_sink != nullptr) return;
  message_sink = sink;
  setErrorCallback(OnPopplerError);
}

void SetPopplerDataDir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(global_mutex);
  data_dir = dir;
}

struct PdfFile::Impl {
  Impl() {
    std::lock_guard<std::mutex> lock(global_mutex);
    if (open_documents++ == 0) {
      globalParams = std::make_unique<GlobalParams>(data_dir.empty() ? nullptr : data_dir.c_str());
    }
  }
  ~Impl() {
    doc.reset();
    std::lock_guard<std::mutex> lock(global_mutex);
    if (--open_documents == 0) globalParams.reset();
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  std::unique_ptr<PDFDoc> doc;
  std::unique_ptr<PageDevice> device;
};

PdfFile::PdfFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfFile::~PdfFile() = default;

std::unique_ptr<PdfFile> PdfFile::Open(std::string_view bytes, const std::string& password,
                                       Opened& opened) {
  auto impl = std::make_unique<Impl>();
  // The PDFDoc owns the stream; the stream only points at `bytes`.
  auto* stream =
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  impl->doc = std::make_unique<PDFDoc>(stream, std::optional<GooString>(password.c_str()),
                                       std::optional<GooString>(password.c_str()));
  if (!impl->doc->isOk()) {
    opened = impl->doc->getErrorCode() == errEncrypted ? Opened::kLocked : Opened::kDamaged;
    return nullptr;
  }
  opened = Opened::kOk;
  impl->device = std::make_unique<PageDevice>();
  return std::unique_ptr<PdfFile>(new PdfFile(std::move(impl)));
}

int PdfFile::pages() const { return impl_->doc->getNumPages(); }

bool PdfFile::ScanPage(int index, PageScan& scan) {
  scan.boxes.clear();
  scan.edges.clear();
  scan.rotated.clear();
  scan.rules.clear();
  scan.stats = {};
  ::Page* page = impl_->doc->getPage(index + 1);
  if (page == nullptr) return false;
  const PDFRectangle* crop = page->getCropBox();
  const bool turned = page->getRotate() == 90 || page->getRotate() == 270;
  scan.width = turned ? crop->y2 - crop->y1 : crop->x2 - crop->x1;
  scan.height = turned ? crop->x2 - crop->x1 : crop->y2 - crop->y1;

  PageDevice& device = *impl_->device;
  device.rules = &scan.rules;
  // As poppler-cpp's text_list(): 72 dpi, no rotation, media box not forced, no crop, but
  // without its per-page copy of the cross-reference table (each reader has its own PDFDoc).
  impl_->doc->displayPageSlice(&device, index + 1, 72, 72, 0, false, false, false, -1, -1, -1, -1,
                               nullptr, nullptr, nullptr, nullptr, false);
  device.rules = nullptr;
  std::unique_ptr<TextWordList> words = device.makeWordList();
  if (!words) return true;
  scan.boxes.reserve(words->getLength());
  std::u16string utf16;
  for (int i = 0; i < words->getLength(); ++i) {
    const TextWord* word = words->get(i);
    if (word->getLength() == 0) continue;
    utf16.clear();
    for (int k = 0; k < word->getLength(); ++k) {
      Unicode u = *word->getChar(k);
      if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = 0xFFFD;
      if (u >= 0x10000) {
        utf16 += static_cast<char16_t>(0xD800 + ((u - 0x10000) >> 10));
        utf16 += static_cast<char16_t>(0xDC00 + ((u - 0x10000) & 0x3FF));
      } else {
        utf16 += static_cast<char16_t>(u);
      }
    }
    Box box;
    AppendUtf16AsUtf8(utf16, box.text, scan.stats);
    word->getBBox(&box.x0, &box.y0, &box.x1, &box.y1);
    box.space_after = word->hasSpaceAfter();
    if (word->getRotation() == 0) {
      box.first_edge = static_cast<uint32_t>(scan.edges.size());
      for (int k = 0; k <= word->getLength(); ++k) scan.edges.push_back(word->getEdge(k));
      scan.boxes.push_back(std::move(box));
    } else {
      scan.rotated.push_back(std::move(box));
    }
  }
  return true;
}

}  // namespace gyosei::pdf
