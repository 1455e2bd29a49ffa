// Errors as values. Every library function that can fail returns a Status or an Expected<T>;
// nothing in the library throws across a module boundary, and the CLI alone maps a failed
// Status to an exit code. Messages are written for the user: they name the file (and page or
// line where it applies) and say what is wrong in plain words.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace gyosei {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad usage: unknown option, malformed value
  kNotFound,         // a file or directory that does not exist
  kPermissionDenied,
  kIoError,      // read failure, directory loop, ...
  kUnsupported,  // a format gyosei does not read (xlsx renamed .pdf, binary junk)
  kEncoding,     // text whose encoding cannot be determined or converted
  kEncrypted,    // a PDF that needs a password
  kDamaged,      // a PDF poppler cannot open
  kNoText,       // a document with no usable text at all
  kRuleError,    // a rule file that does not load
  kTimeout,      // the per-document time limit was exceeded
  kInternal,
};

// Stable lower_snake names ("encrypted", "damaged", ...), used in JSON and the archive.
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}         // NOLINT: implicit on purpose
  Expected(Status status) : state_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace gyosei
