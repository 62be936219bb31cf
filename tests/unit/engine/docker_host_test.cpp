#include "engine/docker_host.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "core/errors.h"

namespace meshprobe {
namespace {

// Sets or clears DOCKER_HOST for one test and restores it afterwards.
class DockerHostVariable {
public:
    explicit DockerHostVariable(const char* value) {
        if (const char* old = std::getenv("DOCKER_HOST")) {
            saved_ = old;
            had_ = true;
        }
        set(value);
    }
    ~DockerHostVariable() { set(had_ ? saved_.c_str() : nullptr); }

private:
    static void set(const char* value) {
        if (value != nullptr) {
            ::setenv("DOCKER_HOST", value, 1);
        } else {
            ::unsetenv("DOCKER_HOST");
        }
    }

    std::string saved_;
    bool had_ = false;
};

TEST(DockerHost, ParsesUnixSocketUrl) {
    DockerHost host = DockerHost::parse("unix:///run/user/1000/docker.sock");
    EXPECT_EQ(host.kind, DockerHost::Kind::unix_socket);
    EXPECT_EQ(host.socket_path, "/run/user/1000/docker.sock");
    EXPECT_EQ(host.describe(), "/run/user/1000/docker.sock");
}

TEST(DockerHost, ParsesTcpUrlWithPort) {
    DockerHost host = DockerHost::parse("tcp://10.0.0.5:2377");
    EXPECT_EQ(host.kind, DockerHost::Kind::tcp);
    EXPECT_EQ(host.host, "10.0.0.5");
    EXPECT_EQ(host.port, 2377);
    EXPECT_EQ(host.describe(), "tcp://10.0.0.5:2377");
}

TEST(DockerHost, TcpUrlWithoutPortUsesPlainDockerPort) {
    EXPECT_EQ(DockerHost::parse("tcp://dockerhost").port, 2375);
}

TEST(DockerHost, TcpUrlKeepsBracketedIpv6Host) {
    DockerHost host = DockerHost::parse("tcp://[::1]:2375");
    EXPECT_EQ(host.host, "[::1]");
    EXPECT_EQ(host.port, 2375);
}

TEST(DockerHost, EmptyTextUsesDockerHostVariable) {
    DockerHostVariable variable("tcp://127.0.0.1:2999");
    DockerHost host = DockerHost::parse("");
    EXPECT_EQ(host.kind, DockerHost::Kind::tcp);
    EXPECT_EQ(host.port, 2999);
}

TEST(DockerHost, EmptyTextWithoutVariableUsesLocalSocket) {
    DockerHostVariable variable(nullptr);
    DockerHost host = DockerHost::parse("");
    EXPECT_EQ(host.kind, DockerHost::Kind::unix_socket);
    EXPECT_EQ(host.socket_path, "/var/run/docker.sock");
}

TEST(DockerHost, UnknownSchemeIsInputError) {
    EXPECT_THROW(DockerHost::parse("http://localhost:2375"), InputError);
    EXPECT_THROW(DockerHost::parse("/var/run/docker.sock"), InputError);
}

TEST(DockerHost, SshSchemeIsInputError) {
    EXPECT_THROW(DockerHost::parse("ssh://me@build-host"), InputError);
}

TEST(DockerHost, BadPortIsInputError) {
    EXPECT_THROW(DockerHost::parse("tcp://localhost:http"), InputError);
    EXPECT_THROW(DockerHost::parse("tcp://localhost:70000"), InputError);
}

TEST(DockerHost, RelativeSocketPathIsInputError) {
    EXPECT_THROW(DockerHost::parse("unix://docker.sock"), InputError);
}

TEST(DockerHost, ErrorMessageNamesTheTextAndTheAcceptedForms) {
    try {
        DockerHost::parse("foo://bar");
        FAIL() << "expected InputError";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("foo://bar"), std::string::npos);
        EXPECT_NE(std::string(error.what()).find("unix:///"), std::string::npos);
    }
}

}  // namespace
}  // namespace meshprobe
