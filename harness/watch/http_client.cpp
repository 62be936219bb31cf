#include "watch/http_client.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include <fmt/format.h>

#include "core/errors.h"
#include "engine/curl_library.h"

namespace meshprobe::watch {
namespace {

constexpr int kPollMs = 1000;                // curl shortens it to its own timeouts; wake() ends it early

CURLM* as_multi(void* multi) { return static_cast<CURLM*>(multi); }

struct Kept {
    std::string* text;
    std::size_t limit;
};

size_t keep_start(char* data, size_t size, size_t count, void* user) {
    auto* kept = static_cast<Kept*>(user);
    const size_t bytes = size * count;
    if (kept->text->size() < kept->limit) kept->text->append(data, std::min(bytes, kept->limit - kept->text->size()));
    return bytes;  // the rest is read and dropped, so the transfer completes
}

// Each header line as it arrives; a new status line (after a 100 Continue) starts over.
size_t keep_header(char* data, size_t size, size_t count, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    const size_t bytes = size * count;
    std::string line(data, bytes);
    if (line.rfind("HTTP/", 0) == 0) headers->clear();
    const size_t colon = line.find(':');
    if (colon == std::string::npos) return bytes;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    const size_t first = value.find_first_not_of(" \t");
    const size_t last = value.find_last_not_of(" \t\r\n");
    (*headers)[name] = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    return bytes;
}

struct EasyCleanup {
    void operator()(CURL* easy) const { CurlLibrary::get().easy_cleanup(easy); }
};
struct HeadersCleanup {
    void operator()(curl_slist* list) const { CurlLibrary::get().slist_free_all(list); }
};

}  // namespace

HttpClient::HttpClient() {
    multi_ = CurlLibrary::get().multi_init();
    if (multi_ == nullptr) throw InfraError("cannot create a libcurl multi handle for the webhook");
}

HttpClient::~HttpClient() { CurlLibrary::get().multi_cleanup(as_multi(multi_)); }

void HttpClient::wake() { CurlLibrary::get().multi_wakeup(as_multi(multi_)); }

HttpReply HttpClient::send(const HttpCall& call, std::chrono::milliseconds timeout,
                           const std::function<bool()>& interrupted) {
    const CurlLibrary& curl = CurlLibrary::get();
    HttpReply result;
    std::unique_ptr<CURL, EasyCleanup> easy(curl.easy_init());
    if (!easy) {
        result.error = "cannot create a libcurl handle";
        return result;
    }
    CURL* h = easy.get();
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl.easy_setopt(h, CURLOPT_URL, call.url.c_str());
    // Only the web: a webhook URL naming file:// or another scheme must not reach curl's others.
    curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // signals and threads do not mix
    const bool with_body = !call.body.empty() || call.method == "POST";
    if (with_body) {
        curl.easy_setopt(h, CURLOPT_POSTFIELDS, call.body.data());
        curl.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
    }
    if (call.method == "GET") {
        curl.easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else if (call.method != "POST") {
        curl.easy_setopt(h, CURLOPT_CUSTOMREQUEST, call.method.c_str());
    }
    curl.easy_setopt(h, CURLOPT_USERAGENT, "meshprobe/" MESHPROBE_VERSION);
    curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
    curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_start);
    Kept kept{&result.response, call.kept_response};
    curl.easy_setopt(h, CURLOPT_WRITEDATA, &kept);
    curl.easy_setopt(h, CURLOPT_HEADERFUNCTION, keep_header);
    curl.easy_setopt(h, CURLOPT_HEADERDATA, &result.headers);
    curl.easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
    // An empty "Expect:" stops curl from waiting for "100 Continue" before a larger body.
    curl_slist* list = curl.slist_append(nullptr, "Expect:");
    if (with_body) list = curl.slist_append(list, "Content-Type: application/json");
    for (const std::string& header : call.headers) list = curl.slist_append(list, header.c_str());
    std::unique_ptr<curl_slist, HeadersCleanup> headers(list);
    curl.easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

    CURLM* multi = as_multi(multi_);
    if (curl.multi_add_handle(multi, h) != CURLM_OK) {
        result.error = "cannot start a libcurl transfer";
        return result;
    }
    CURLcode outcome = CURLE_OK;
    bool finished = false;
    while (true) {
        if (interrupted()) {
            result.interrupted = true;
            break;
        }
        int running = 0;
        CURLMcode code = curl.multi_perform(multi, &running);
        if (code == CURLM_OK && running == 0) {
            int left = 0;
            while (CURLMsg* message = curl.multi_info_read(multi, &left)) {
                if (message->msg == CURLMSG_DONE && message->easy_handle == h) outcome = message->data.result;
            }
            finished = true;
            break;
        }
        if (code == CURLM_OK) code = curl.multi_poll(multi, nullptr, 0, kPollMs, nullptr);
        if (code != CURLM_OK) {
            result.error = fmt::format("libcurl multi error {}", static_cast<int>(code));
            break;
        }
    }
    curl.multi_remove_handle(multi, h);
    if (!finished) return result;
    if (outcome != CURLE_OK) {
        result.error = error_buffer[0] != '\0' ? std::string(error_buffer) : curl.easy_strerror(outcome);
        return result;
    }
    curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
    return result;
}

}  // namespace meshprobe::watch
