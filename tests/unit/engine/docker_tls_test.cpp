// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the docker CLI reads them, and a TLS connection
// made with them to a server of the test's own (openssl s_server with a CA the test makes): the
// server is verified against ca.pem and the client shows cert.pem.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.h"
#include "engine/docker_host.h"
#include "engine/engine_client.h"

extern char** environ;

namespace meshprobe {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Sets (or, with nullopt, clears) environment variables for one test and restores them after.
class Environment {
public:
    explicit Environment(const std::map<std::string, std::optional<std::string>>& values) {
        for (const auto& [name, value] : values) {
            const char* old = std::getenv(name.c_str());
            saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
            set(name, value);
        }
    }
    ~Environment() {
        for (const auto& [name, value] : saved_) set(name, value);
    }
    Environment(const Environment&) = delete;
    Environment& operator=(const Environment&) = delete;

private:
    static void set(const std::string& name, const std::optional<std::string>& value) {
        if (value) {
            ::setenv(name.c_str(), value->c_str(), 1);
        } else {
            ::unsetenv(name.c_str());
        }
    }
    std::map<std::string, std::optional<std::string>> saved_;
};

// A folder of the test's own, removed at the end.
class Folder {
public:
    Folder() {
        std::string pattern = (fs::temp_directory_path() / "meshprobe-tls-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~Folder() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    Folder(const Folder&) = delete;
    Folder& operator=(const Folder&) = delete;
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void touch_tls_files(const std::string& folder) {
    fs::create_directories(folder);
    for (const char* name : {"ca.pem", "cert.pem", "key.pem"}) {
        std::FILE* file = std::fopen((folder + "/" + name).c_str(), "w");
        std::fclose(file);
    }
}

TEST(DockerTls, VerifyMakesTcpHttpsWithTheFilesOfDockerCertPath) {
    Folder folder;
    touch_tls_files(folder / "certs");
    Environment env({{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", folder / "certs"}});
    const DockerHost host = DockerHost::parse("tcp://127.0.0.1:2376");
    ASSERT_TRUE(host.tls.has_value());
    EXPECT_EQ(host.tls->ca, folder / "certs/ca.pem");
    EXPECT_EQ(host.tls->cert, folder / "certs/cert.pem");
    EXPECT_EQ(host.tls->key, folder / "certs/key.pem");
    EXPECT_EQ(host.base_url(), "https://127.0.0.1:2376");
    EXPECT_EQ(host.url(), "tcp://127.0.0.1:2376");
}

TEST(DockerTls, VerifyWithoutAPortUsesTheTlsPort) {
    Folder folder;
    touch_tls_files(folder / "certs");
    Environment env({{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", folder / "certs"}});
    EXPECT_EQ(DockerHost::parse("tcp://dockerhost").port, 2376);
}

TEST(DockerTls, AnyValueOfVerifyTurnsItOnAsForTheDockerCli) {
    Folder folder;
    touch_tls_files(folder / "certs");
    Environment env({{"DOCKER_TLS_VERIFY", "0"}, {"DOCKER_CERT_PATH", folder / "certs"}});
    EXPECT_TRUE(DockerHost::parse("tcp://127.0.0.1:2376").tls.has_value());
}

TEST(DockerTls, CertificatesDefaultToDotDockerInHome) {
    Folder folder;
    touch_tls_files(folder / ".docker");
    Environment env({{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", std::nullopt}, {"DOCKER_CONFIG", std::nullopt},
                     {"HOME", folder.path().string()}});
    EXPECT_EQ(DockerHost::parse("tcp://127.0.0.1:2376").tls->ca, folder / ".docker/ca.pem");
}

TEST(DockerTls, AMissingCertificateFileIsAnInputErrorNamingIt) {
    Folder folder;
    touch_tls_files(folder / "certs");
    fs::remove(folder / "certs/key.pem");
    Environment env({{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", folder / "certs"}});
    try {
        DockerHost::parse("tcp://127.0.0.1:2376");
        FAIL() << "a missing key.pem was taken";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr(folder / "certs/key.pem"));
    }
}

TEST(DockerTls, WithoutVerifyTcpIsPlainHttp) {
    Environment env({{"DOCKER_TLS_VERIFY", std::nullopt}});
    const DockerHost host = DockerHost::parse("tcp://127.0.0.1:2375");
    EXPECT_FALSE(host.tls.has_value());
    EXPECT_EQ(host.base_url(), "http://127.0.0.1:2375");
}

TEST(DockerTls, AUnixSocketIgnoresIt) {
    Environment env({{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", "/nonexistent"}});
    EXPECT_FALSE(DockerHost::parse("unix:///var/run/docker.sock").tls.has_value());
}

// --- a real TLS server -------------------------------------------------------------------

int shell(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

// A CA and, signed by it, a server certificate for 127.0.0.1 and a client certificate.
void make_pki(const std::string& dir, const std::string& name) {
    const std::string d = dir + "/" + name;
    fs::create_directories(d);
    ASSERT_EQ(shell("cd '" + d + "' && openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=test-ca-" + name +
                    " -keyout ca-key.pem -out ca.pem"), 0);
    ASSERT_EQ(shell("cd '" + d + "' && openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server-key.pem "
                    "-out server.csr && printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext && openssl x509 -req -in "
                    "server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile san.ext -out server.pem"), 0);
    ASSERT_EQ(shell("cd '" + d + "' && openssl req -newkey rsa:2048 -nodes -subj /CN=client -keyout key.pem -out "
                    "client.csr && printf 'extendedKeyUsage=clientAuth\\n' > client.ext && openssl x509 -req -in "
                    "client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile client.ext -out cert.pem"), 0);
}

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

bool accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

// openssl s_server on 127.0.0.1 with the server certificate of `pki`, requiring a client
// certificate signed by that CA, answering every GET with a status page.
class TlsServer {
public:
    explicit TlsServer(const std::string& pki) : port_(free_port()) {
        std::vector<std::string> args{"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port_),
                                      "-cert", pki + "/server.pem", "-key", pki + "/server-key.pem",
                                      "-CAfile", pki + "/ca.pem", "-Verify", "1", "-verify_return_error", "-www", "-quiet"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawnp(&pid_, "openssl", &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        for (int i = 0; i < 100 && !accepts(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ~TlsServer() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    TlsServer(const TlsServer&) = delete;
    TlsServer& operator=(const TlsServer&) = delete;
    std::string url() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

private:
    int port_;
    pid_t pid_ = -1;
};

// The CA the server's certificate chains to, and a client's certificate and key.
void use_client_files(const std::string& dir, const std::string& ca_of, const std::string& client_of) {
    fs::create_directories(dir);
    fs::copy_file(ca_of + "/ca.pem", dir + "/ca.pem");
    fs::copy_file(client_of + "/cert.pem", dir + "/cert.pem");
    fs::copy_file(client_of + "/key.pem", dir + "/key.pem");
}

TEST(DockerTlsServer, VerifiesTheServerAndShowsTheClientCertificate) {
    Folder folder;
    ASSERT_NO_FATAL_FAILURE(make_pki(folder.path().string(), "good"));
    use_client_files(folder / "client", folder / "good", folder / "good");
    TlsServer server(folder / "good");
    Environment env({{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", folder / "client"}});
    EngineClient client(server.url());
    const Response answer = client.get_unversioned("/_ping");
    EXPECT_EQ(answer.status, 200);
    // s_server's status page: the session it holds with this client, over TLS.
    EXPECT_THAT(answer.body, HasSubstr("Ciphers"));
}

TEST(DockerTlsServer, RefusesAServerItsCaDidNotSign) {
    Folder folder;
    ASSERT_NO_FATAL_FAILURE(make_pki(folder.path().string(), "good"));
    ASSERT_NO_FATAL_FAILURE(make_pki(folder.path().string(), "other"));
    use_client_files(folder / "client", folder / "other", folder / "good");
    TlsServer server(folder / "good");
    Environment env({{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", folder / "client"}});
    EngineClient client(server.url());
    try {
        client.get_unversioned("/_ping");
        FAIL() << "a server signed by another CA was trusted";
    } catch (const InfraError& e) {
        EXPECT_THAT(e.what(), HasSubstr("is not trusted"));
    }
}

TEST(DockerTlsServer, AServerThatWantsAnotherClientCertificateRefusesTheConnection) {
    Folder folder;
    ASSERT_NO_FATAL_FAILURE(make_pki(folder.path().string(), "good"));
    ASSERT_NO_FATAL_FAILURE(make_pki(folder.path().string(), "other"));
    use_client_files(folder / "client", folder / "good", folder / "other");
    TlsServer server(folder / "good");
    Environment env({{"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", folder / "client"}});
    EngineClient client(server.url());
    EXPECT_THROW(client.get_unversioned("/_ping"), InfraError);
}

}  // namespace
}  // namespace meshprobe
