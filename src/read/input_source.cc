#include "input_source.h"

#include <fcntl.h>
#include <libdeflate.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace parley::input {
namespace {

constexpr size_t kChunk = 1 << 16;

class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  Result<size_t> Read(char* out, size_t size) override {
    for (;;) {
      ssize_t n = ::read(fd_, out, size);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno == EINTR) continue;
      return IoError(std::string("read failed: ") + std::strerror(errno));
    }
  }

 private:
  int fd_;
  bool owned_;
};

// Hands out bytes that were already read ahead, then continues with the wrapped source.
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* out, size_t size) override {
    if (offset_ < prefix_.size()) {
      size_t n = std::min(size, prefix_.size() - offset_);
      std::memcpy(out, prefix_.data() + offset_, n);
      offset_ += n;
      return n;
    }
    return rest_->Read(out, size);
  }

 private:
  std::string prefix_;
  size_t offset_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  Result<size_t> Read(char* out, size_t size) override {
    size_t n = std::min(size, bytes_.size());
    std::memcpy(out, bytes_.data(), n);
    bytes_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view bytes_;
};

class GunzipSource : public ByteSource {
 public:
  explicit GunzipSource(std::unique_ptr<ByteSource> compressed)
      : compressed_(std::move(compressed)), input_(kChunk, '\0') {
    std::memset(&stream_, 0, sizeof stream_);
    initialised_ = inflateInit2(&stream_, 15 + 32) == Z_OK;  // 32: accept gzip and zlib headers
  }
  ~GunzipSource() override {
    if (initialised_) inflateEnd(&stream_);
  }

  Result<size_t> Read(char* out, size_t size) override {
    if (!initialised_) return InternalError("zlib could not be initialised");
    if (finished_ || size == 0) return size_t{0};
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(size);
    while (stream_.avail_out == size) {
      if (stream_.avail_in == 0) {
        auto got = compressed_->Read(input_.data(), input_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          finished_ = true;
          if (in_member_) return InvalidInput("truncated gzip stream");
          break;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
        stream_.avail_in = static_cast<uInt>(*got);
      }
      in_member_ = true;
      int rc = inflate(&stream_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Another gzip member may follow (multi-member .warc.gz); start afresh on it.
        in_member_ = false;
        inflateReset(&stream_);
      } else if (rc == Z_BUF_ERROR && stream_.avail_in == 0) {
        continue;  // needs more input
      } else if (rc != Z_OK) {
        finished_ = true;
        return InvalidInput(std::string("corrupt gzip data: ") +
                            (stream_.msg ? stream_.msg : "inflate failed"));
      }
    }
    return size - stream_.avail_out;
  }

 private:
  std::unique_ptr<ByteSource> compressed_;
  std::string input_;
  z_stream stream_;
  bool initialised_ = false;
  bool in_member_ = false;
  bool finished_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  if (path == "-") return std::unique_ptr<ByteSource>(new FdSource(STDIN_FILENO, false));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError(std::string("cannot open: ") + std::strerror(errno));
  return std::unique_ptr<ByteSource>(new FdSource(fd, true));
}

std::unique_ptr<ByteSource> MakeMemorySource(std::string_view bytes) {
  return std::make_unique<MemorySource>(bytes);
}

std::unique_ptr<ByteSource> MakeGunzipSource(std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<GunzipSource>(std::move(compressed));
}

bool HasGzipMagic(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
         static_cast<unsigned char>(head[1]) == 0x8b;
}

namespace {

struct DecompressorDeleter {
  void operator()(libdeflate_decompressor* decompressor) const {
    libdeflate_free_decompressor(decompressor);
  }
};

// One decompressor per thread: it holds about 10 KB of tables and is not thread-safe.
libdeflate_decompressor* ThreadDecompressor() {
  thread_local std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> decompressor(
      libdeflate_alloc_decompressor());
  return decompressor.get();
}

// ISIZE, the last four bytes of a gzip member: its inflated size modulo 2^32 (RFC 1952).
uint32_t LastMemberSize(std::string_view compressed) {
  auto byte = [&](size_t k) {
    return static_cast<uint32_t>(static_cast<unsigned char>(compressed[compressed.size() - 4 + k]));
  };
  return byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24;
}

}  // namespace

std::optional<std::string> GunzipWhole(std::string_view compressed, uint64_t limit) {
  libdeflate_decompressor* decompressor = ThreadDecompressor();
  if (decompressor == nullptr || compressed.size() < 18) return std::nullopt;
  std::string out;
  // For the usual single-member file the trailer gives the exact size; otherwise grow.
  size_t capacity = std::min<uint64_t>(
      std::max<uint64_t>({LastMemberSize(compressed), compressed.size() * 4, kChunk}), limit + 1);
  size_t used = 0;
  while (!compressed.empty()) {
    out.resize(capacity);
    size_t consumed = 0, produced = 0;
    libdeflate_result result =
        libdeflate_gzip_decompress_ex(decompressor, compressed.data(), compressed.size(),
                                      out.data() + used, capacity - used, &consumed, &produced);
    if (result == LIBDEFLATE_INSUFFICIENT_SPACE && capacity <= limit) {
      capacity = std::min<uint64_t>(static_cast<uint64_t>(capacity) * 2, limit + 1);
      continue;  // inflate this member again into the larger buffer
    }
    if (result != LIBDEFLATE_SUCCESS) return std::nullopt;
    used += produced;
    if (used > limit) return std::nullopt;
    compressed.remove_prefix(consumed);
  }
  out.resize(used);
  return out;
}

BufferedReader::BufferedReader(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}

void BufferedReader::WrapInGunzip() {
  std::string unread = buffer_.substr(begin_);
  buffer_.clear();
  begin_ = 0;
  eof_ = false;
  source_ =
      MakeGunzipSource(std::make_unique<PrefixedSource>(std::move(unread), std::move(source_)));
}

Status BufferedReader::Fill(size_t wanted) {
  while (!eof_ && buffer_.size() - begin_ < wanted) {
    if (begin_ > 0 && begin_ >= buffer_.size() / 2) {  // compact so the buffer does not grow
      buffer_.erase(0, begin_);
      begin_ = 0;
    }
    size_t old_size = buffer_.size();
    size_t grow = std::max(kChunk, wanted - (old_size - begin_));
    buffer_.resize(old_size + grow);
    auto got = source_->Read(buffer_.data() + old_size, grow);
    if (!got.ok()) {
      buffer_.resize(old_size);
      eof_ = true;
      return got.status();
    }
    buffer_.resize(old_size + *got);
    if (*got == 0) eof_ = true;
  }
  return Status::Ok();
}

Result<std::string_view> BufferedReader::Peek(size_t size) {
  PARLEY_RETURN_IF_ERROR(Fill(size));
  return std::string_view(buffer_).substr(begin_, size);
}

Result<bool> BufferedReader::ReadLine(std::string* line, size_t max_line, bool* too_long) {
  line->clear();
  *too_long = false;
  for (;;) {
    std::string_view unread = std::string_view(buffer_).substr(begin_);
    size_t newline = unread.find('\n');
    size_t take = newline == std::string_view::npos ? unread.size() : newline;
    size_t room = line->size() < max_line ? max_line - line->size() : 0;
    if (take > room) *too_long = true;
    line->append(unread.substr(0, std::min(take, room)));
    if (newline != std::string_view::npos) {
      begin_ += newline + 1;
      position_ += newline + 1;
      if (!line->empty() && line->back() == '\r') line->pop_back();
      return true;
    }
    begin_ += take;
    position_ += take;
    if (eof_) return !line->empty() || *too_long;
    PARLEY_RETURN_IF_ERROR(Fill(1));
    if (eof_ && begin_ == buffer_.size()) return !line->empty() || *too_long;
  }
}

Result<size_t> BufferedReader::ReadExact(size_t size, std::string* out) {
  size_t done = 0;
  while (done < size) {
    PARLEY_RETURN_IF_ERROR(Fill(std::min(size - done, kChunk)));
    size_t available = std::min(size - done, buffer_.size() - begin_);
    if (available == 0) break;
    out->append(buffer_, begin_, available);
    begin_ += available;
    position_ += available;
    done += available;
  }
  return done;
}

Result<size_t> BufferedReader::Skip(size_t size) {
  size_t done = 0;
  while (done < size) {
    PARLEY_RETURN_IF_ERROR(Fill(std::min(size - done, kChunk)));
    size_t available = std::min(size - done, buffer_.size() - begin_);
    if (available == 0) break;
    begin_ += available;
    position_ += available;
    done += available;
  }
  return done;
}

Result<bool> BufferedReader::ReadAll(std::string* out, uint64_t limit) {
  std::string_view unread = std::string_view(buffer_).substr(begin_);
  out->append(unread);
  position_ += unread.size();
  buffer_.clear();
  begin_ = 0;
  // The source writes straight into `out`, which doubles as it fills: one copy of each byte.
  while (!eof_ && out->size() <= limit) {
    size_t used = out->size();
    size_t room = std::min<uint64_t>(std::max(kChunk, used), limit + 1 - used);
    out->resize(used + room);
    auto got = source_->Read(out->data() + used, room);
    if (!got.ok()) {
      out->resize(used);
      eof_ = true;
      return got.status();
    }
    out->resize(used + *got);
    position_ += *got;
    if (*got == 0) eof_ = true;
  }
  if (out->size() <= limit) return true;
  out->resize(limit);
  return false;
}

}  // namespace parley::input
