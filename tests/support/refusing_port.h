// Test support: a loopback port that refuses every connection, to test what a client does when
// its server is not there.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace parley::testing {

// Bound but never listening: a connection to it is refused, and no other program can take the
// port while the object lives.
class RefusingPort {
 public:
  RefusingPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port_ = std::to_string(ntohs(address.sin_port));
    }
  }
  ~RefusingPort() { close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  // "" when no port could be bound.
  const std::string& port() const { return port_; }

 private:
  int fd_;
  std::string port_;
};

}  // namespace parley::testing
