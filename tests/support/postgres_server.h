// Test support: a throwaway PostgreSQL server, so the tests of the PostgreSQL store need no
// setup. The first test that asks starts one for its process (initdb into a temporary folder, a
// free loopback port); it stops when the process exits. initdb and postgres refuse to run as
// root, so under root they run as the user nobody.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace parley::testing {

class PostgresServer {
 public:
  // The server of this process, started on first use. nullptr when it cannot run: `why` says
  // why, and `missing` is true when the cause is that the server binaries are not installed
  // (the one reason a test may skip rather than fail).
  static PostgresServer* Shared(std::string* why, bool* missing) {
    static std::string failure;
    static bool binaries_missing = false;
    static std::unique_ptr<PostgresServer> server = [] {
      auto started = std::unique_ptr<PostgresServer>(new PostgresServer());
      failure = started->Start(&binaries_missing);
      if (!failure.empty()) started.reset();
      return started;
    }();
    *why = failure;
    *missing = binaries_missing;
    return server.get();
  }

  ~PostgresServer() {
    if (pid_ > 0) {
      kill(pid_, SIGINT);  // fast shutdown: end the sessions, stop
      waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
  }

  // A new empty database on the server of this process: its URL, or "" with `why` and `missing`
  // set as Shared() sets them.
  static std::string NewSharedDatabase(std::string* why, bool* missing) {
    PostgresServer* server = Shared(why, missing);
    return server ? server->NewDatabase(why) : "";
  }

  // A new empty database; its URL, or "" with `why` set.
  std::string NewDatabase(std::string* why) {
    const std::string name = "parley_test_" + std::to_string(++databases_);
    if (!Run(Url("postgres"), "CREATE DATABASE " + name, why)) return "";
    return Url(name);
  }

  // Ends every session on database `url` but the administrator's: what a server restart or a
  // network failure does to a client.
  bool DropConnections(const std::string& url, std::string* why) {
    const std::string name = url.substr(url.rfind('/') + 1);
    return Run(Url("postgres"),
               "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name +
                   "' AND pid <> pg_backend_pid()",
               why);
  }

  // Runs `sql` on its own connection to `url`; false with `why` set when it fails.
  bool Run(const std::string& url, const std::string& sql, std::string* why) {
    PGconn* conn = PQconnectdb(url.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
      PGresult* result = PQexec(conn, sql.c_str());
      ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
      PQclear(result);
    }
    if (!ok) *why = sql + ": " + PQerrorMessage(conn);
    PQfinish(conn);
    return ok;
  }

 private:
  PostgresServer() = default;

  std::string Url(const std::string& database) const {
    return "postgresql://parley@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }

  // The folder holding initdb and postgres: $PARLEY_POSTGRES_BIN, else the newest Debian
  // /usr/lib/postgresql/N/bin, else the PATH's.
  static std::string FindBinaries() {
    namespace fs = std::filesystem;
    auto holds_server = [](const fs::path& dir) {
      return access((dir / "initdb").c_str(), X_OK) == 0 &&
             access((dir / "postgres").c_str(), X_OK) == 0;
    };
    if (const char* dir = std::getenv("PARLEY_POSTGRES_BIN")) {
      return holds_server(dir) ? dir : "";
    }
    int newest = 0;
    std::string found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
      const int version = std::atoi(entry.path().filename().c_str());
      if (version > newest && holds_server(entry.path() / "bin")) {
        newest = version;
        found = entry.path() / "bin";
      }
    }
    if (!found.empty()) return found;
    std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "");
    for (std::string dir; std::getline(path, dir, ':');) {
      if (!dir.empty() && holds_server(dir)) return dir;
    }
    return "";
  }

  static int FreeLoopbackPort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port = ntohs(address.sin_port);
    }
    close(fd);
    return port;
  }

  // Starts `argv` as the server's user with output to `log`; returns its pid, -1 on failure.
  pid_t Spawn(const std::vector<std::string>& argv, const std::string& log, bool die_with_us) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    if (die_with_us) prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(gid_) != 0 || setuid(uid_) != 0)) {
      _exit(126);
    }
    int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }

  static std::string Tail(const std::string& path) {
    std::ifstream in(path);
    std::string line, last;
    while (std::getline(in, line)) {
      if (!line.empty()) last = line;
    }
    return last;
  }

  // "" once the server answers, else why it does not.
  std::string Start(bool* missing) {
    const std::string bin = FindBinaries();
    *missing = bin.empty();
    if (bin.empty()) {
      return "PostgreSQL server binaries (initdb, postgres) not found: install the Debian "
             "package postgresql, or set PARLEY_POSTGRES_BIN";
    }
    if (geteuid() == 0) {
      const passwd* nobody = getpwnam("nobody");
      if (!nobody) return "running as root and there is no user nobody to run postgres as";
      uid_ = nobody->pw_uid;
      gid_ = nobody->pw_gid;
    }
    char dir[] = "/tmp/parley-pg-XXXXXX";
    if (!mkdtemp(dir)) return "cannot make a temporary folder";
    dir_ = dir;
    if (geteuid() == 0 && chown(dir, uid_, gid_) != 0) return "cannot give " + dir_ + " to nobody";
    const std::string data = dir_ + "/data";
    pid_t initdb = Spawn({bin + "/initdb", "-D", data, "-U", "parley", "-A", "trust", "-E", "UTF8",
                          "--locale=C", "--no-sync"},
                         dir_ + "/initdb.log", false);
    int status = 0;
    if (initdb < 0 || waitpid(initdb, &status, 0) != initdb || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
      return "initdb failed: " + Tail(dir_ + "/initdb.log");
    }
    // Another program may take the free port before postgres binds it: then postgres stops,
    // and another port is tried.
    std::string failure;
    for (int port_attempt = 0; port_attempt < 5; ++port_attempt) {
      failure = Serve(bin, data);
      if (failure.empty()) return "";
    }
    return failure;
  }

  // Starts postgres on a free loopback port; "" once it answers.
  std::string Serve(const std::string& bin, const std::string& data) {
    port_ = FreeLoopbackPort();
    pid_ = Spawn({bin + "/postgres", "-D", data, "-k", dir_, "-p", std::to_string(port_), "-c",
                  "listen_addresses=127.0.0.1", "-c", "fsync=off"},
                 dir_ + "/server.log", true);
    if (pid_ < 0) return "cannot start postgres";
    // Asked through its socket in our folder, so the answer is from our server, never from one
    // on the same port; postgres opens that socket after its TCP port.
    const std::string conninfo =
        "host=" + dir_ + " port=" + std::to_string(port_) + " user=parley dbname=postgres";
    // A readiness wait, not a timing: the deadline only bounds a server that never comes up.
    int status = 0;
    for (int attempt = 0; attempt < 3000; ++attempt) {
      if (PQping(conninfo.c_str()) == PQPING_OK) return "";
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return "postgres stopped: " + Tail(dir_ + "/server.log");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "postgres did not answer within a minute: " + Tail(dir_ + "/server.log");
  }

  std::string dir_;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  int port_ = 0;
  pid_t pid_ = -1;
  int databases_ = 0;
};

}  // namespace parley::testing
