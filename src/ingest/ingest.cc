#include "ingest/ingest.h"

#include <fcntl.h>
#include <nettle/sha2.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>

#include "ingest/encoding.h"
#include "ingest/markup.h"

namespace gyosei {
namespace {

std::string LowerExtension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// What the first bytes say the file is, whatever its name.
enum class Sniffed { kPdf, kZip, kOle, kBinary, kText };

bool IsTextExtension(const std::string& ext) {
  return ext == "txt" || ext == "md" || ext == "html" || ext == "htm" || ext == "csv" ||
         ext == "tsv";
}

Sniffed Sniff(std::string_view bytes, const std::string& ext) {
  std::string_view head = bytes.substr(0, 1024);
  // A PDF may carry some bytes before its header, but a text file that merely mentions
  // "%PDF-" (a README about PDFs) is text.
  size_t pdf = head.find("%PDF-");
  if (pdf == 0 || (pdf != std::string_view::npos && !IsTextExtension(ext))) return Sniffed::kPdf;
  if (bytes.starts_with("PK\x03\x04")) return Sniffed::kZip;
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return Sniffed::kOle;
  // UTF-16 text has NULs (fewer than one in four bytes when it is mostly Japanese); anything
  // else with NULs in its first KB is binary.
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return Sniffed::kText;
  if (ingest::Utf16WithoutBom(bytes)) return Sniffed::kText;
  size_t nuls = std::count(head.begin(), head.end(), '\0');
  if (nuls > 0 && nuls * 4 < head.size()) return Sniffed::kBinary;  // UTF-16 without BOM has ~50%
  if (nuls > 0 && nuls * 3 > head.size()) return Sniffed::kText;
  size_t controls = std::count_if(head.begin(), head.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\x1B';
  });
  return controls * 10 > head.size() ? Sniffed::kBinary : Sniffed::kText;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
}

}  // namespace

namespace {

// Finishes `ctx` and spells its digest in lower-case hex.
std::string HexDigest(sha256_ctx& ctx) {
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * SHA256_DIGEST_SIZE);
  for (uint8_t byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  return hex;
}

}  // namespace

// SHA-256 from GNU Nettle (with the CPU's SHA instructions where it has them), not OpenSSL:
// loading libcrypto and running its initialisers cost every gyosei run ~3 ms, more than
// hashing a large PDF takes.
std::string Sha256Hex(std::string_view bytes) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  return HexDigest(ctx);
}

Expected<std::string> Sha256OfFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kIoError,
                  PrintablePath(path) + ": cannot read the file: " + std::strerror(errno));
  }
  sha256_ctx ctx;
  sha256_init(&ctx);
  std::string block(1 << 16, '\0');
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    sha256_update(&ctx, static_cast<size_t>(in.gcount()),
                  reinterpret_cast<const uint8_t*>(block.data()));
  }
  if (in.bad()) return Status(StatusCode::kIoError, PrintablePath(path) + ": read error");
  return HexDigest(ctx);
}

Expected<Document> ReadTextDocument(std::string_view bytes, const std::string& path) {
  auto decoded = ingest::DecodeToUtf8(bytes, path);
  if (!decoded) return decoded.status();
  if (IsBlank(decoded->utf8)) {
    return Status(StatusCode::kNoText, path + ": the file is empty (no text to read)");
  }
  Document doc;
  doc.path = path;
  doc.sha256 = Sha256Hex(bytes);
  doc.encoding = decoded->encoding;
  if (decoded->invalid_bytes > 0) {
    doc.warnings.push_back({"invalid_bytes",
                            path + ": " + std::to_string(decoded->invalid_bytes) +
                                " byte sequence(s) are not valid " + decoded->encoding +
                                " and were replaced by U+FFFD",
                            {}});
  }
  std::string ext = LowerExtension(path);
  std::string_view text = decoded->utf8;
  std::string_view head = text.substr(0, 512);
  bool html = ext == "html" || ext == "htm" ||
              head.find("<!DOCTYPE html") != std::string_view::npos ||
              head.find("<html") != std::string_view::npos;
  Page& page = doc.pages.emplace_back();
  if (html) {
    doc.format = SourceFormat::kHtml;
    ingest::ParseHtmlStructure(text, page, doc.tables);
  } else if (ext == "csv" || ext == "tsv") {
    ingest::ParseDelimitedStructure(text, ext == "csv" ? ',' : '\t', page, doc.tables);
  } else {
    ingest::ParseTextStructure(text, page, doc.tables);
  }
  if (page.blocks.empty()) {
    return Status(StatusCode::kNoText, path + ": no text left after removing markup");
  }
  return doc;
}

Expected<Document> IngestBytes(std::string_view bytes, const std::string& path,
                               const IngestOptions& options) {
  if (bytes.empty()) return Status(StatusCode::kNoText, path + ": the file is empty (0 bytes)");
  switch (Sniff(bytes, LowerExtension(path))) {
    case Sniffed::kPdf:
      return ReadPdfDocument(bytes, path, options);
    case Sniffed::kZip:
      return Status(StatusCode::kUnsupported,
                    path +
                        ": not a PDF or text file: it is a zip archive (an Excel/Word .xlsx/.docx "
                        "file, perhaps renamed); export it to PDF or text first");
    case Sniffed::kOle:
      return Status(StatusCode::kUnsupported,
                    path +
                        ": not a PDF or text file: it is an old Office file (.xls/.doc); export "
                        "it to PDF or text first");
    case Sniffed::kBinary:
      if (LowerExtension(path) == "pdf") {
        return Status(
            StatusCode::kDamaged,
            path + ": not a PDF: the file has no %PDF header (damaged or not a PDF at all)");
      }
      return Status(StatusCode::kUnsupported, path + ": binary data, not a text document");
    case Sniffed::kText:
      if (LowerExtension(path) == "pdf") {
        return Status(
            StatusCode::kDamaged,
            path + ": not a PDF: the file has no %PDF header (damaged or not a PDF at all)");
      }
      return ReadTextDocument(bytes, path);
  }
  return Status(StatusCode::kInternal, path + ": unreachable");
}

namespace {

const char* FileKind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

}  // namespace

Status CheckDocumentFile(const std::string& raw_path, const IngestOptions& options) {
  std::string path = PrintablePath(raw_path);
  struct stat st;
  if (stat(raw_path.c_str(), &st) != 0) {
    int err = errno;
    return Status(err == EACCES ? StatusCode::kPermissionDenied : StatusCode::kNotFound,
                  path + ": cannot open (" + std::strerror(err) + ")");
  }
  if (S_ISDIR(st.st_mode)) return Status(StatusCode::kInvalidArgument, path + ": is a directory");
  if (!S_ISREG(st.st_mode)) {
    return Status(StatusCode::kUnsupported,
                  path + ": " + FileKind(st.st_mode) + ", not a document file; not read");
  }
  if (options.max_file_bytes > 0 && st.st_size > options.max_file_bytes) {
    return Status(StatusCode::kUnsupported, path + ": " + std::to_string(st.st_size >> 20) +
                                                " MB, larger than the limit of " +
                                                std::to_string(options.max_file_bytes >> 20) +
                                                " MB (--max-file-size); not read");
  }
  return Status::Ok();
}

namespace {

// A file's bytes mapped read-only. Reading a file into memory of our own costs a page fault per
// 4 kB page, and on the virtual machines gyosei runs on a fault on fresh memory costs ~10 us:
// 7 ms to read a 1.6 MB PDF, a few percent of extracting it. Mapping the file reuses the
// kernel's cached pages. As with any mapped file (ripgrep maps too), a file truncated while it
// is read ends the process with SIGBUS; import's workers are processes of their own, so there
// it takes only that document with it.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (data_ != nullptr) munmap(data_, size_);
  }
  // errno is left set when it fails.
  bool Map(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0;
    if (ok && st.st_size > 0) {
      size_ = static_cast<size_t>(st.st_size);
      void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      ok = p != MAP_FAILED;
      data_ = ok ? p : nullptr;
    }
    int err = errno;
    close(fd);
    errno = err;
    return ok;
  }
  std::string_view bytes() const {
    return data_ == nullptr ? std::string_view()
                            : std::string_view(static_cast<const char*>(data_), size_);
  }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace

Expected<Document> IngestFile(const std::string& raw_path, const IngestOptions& options) {
  if (Status s = CheckDocumentFile(raw_path, options); !s.ok()) return s;
  std::string path = PrintablePath(raw_path);
  MappedFile file;
  if (!file.Map(raw_path)) {
    int err = errno;
    return Status(err == EACCES ? StatusCode::kPermissionDenied : StatusCode::kIoError,
                  path + ": cannot read (" + std::strerror(err) + ")");
  }
  return IngestBytes(file.bytes(), path, options);
}

}  // namespace gyosei
