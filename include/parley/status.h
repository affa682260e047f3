// Status and Result<T>: the one error style of parley.
//
// Library code never throws for bad input and never prints. A function that can fail returns
// [[nodiscard]] Status or Result<T>. Messages name the input, e.g.
//   "data/dict/people.tsv:41: expected 4 columns, got 3".
// A broken invariant is our own bug: PARLEY_CHECK aborts with file and line.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace parley {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the input is malformed; the caller may skip it and go on
  kNotFound,      // a file, scenario, actor or record does not exist
  kIo,            // reading or writing failed
  kDatabase,      // the store refused an operation
  kInternal,      // a bug in parley
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prepends context, e.g. a file name: "path: " + message.
  Status WithPrefix(const std::string& prefix) const {
    return ok() ? *this : Status(code_, prefix + message_);
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidInput(std::string message) {
  return Status(StatusCode::kInvalidInput, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status IoError(std::string message) { return Status(StatusCode::kIo, std::move(message)); }
inline Status DatabaseError(std::string message) {
  return Status(StatusCode::kDatabase, std::move(message));
}
inline Status InternalError(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}

// Shaped like std::expected<T, Status>: holds a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {
    if (status_.ok()) status_ = InternalError("Result constructed from an ok Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

[[noreturn]] inline void CheckFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "parley: internal error: check failed: %s at %s:%d\n", condition, file,
               line);
  std::abort();
}

}  // namespace parley

#define PARLEY_CHECK(condition) \
  ((condition) ? (void)0 : ::parley::CheckFailed(#condition, __FILE__, __LINE__))

// Returns early from the enclosing function when `expr` yields a non-ok Status.
#define PARLEY_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::parley::Status parley_status_ = (expr);        \
    if (!parley_status_.ok()) return parley_status_; \
  } while (false)
