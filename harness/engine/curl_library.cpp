#include "engine/curl_library.h"

#include <dlfcn.h>

#include <string>

#include "core/errors.h"

namespace meshprobe {
namespace {

constexpr const char* kLibrary = "libcurl.so.4";

template <typename Function>
void bind(void* library, const char* name, Function& out) {
    void* symbol = ::dlsym(library, name);
    if (!symbol) throw InfraError(std::string("cannot find ") + name + " in " + kLibrary);
    out = reinterpret_cast<Function>(symbol);
}

CurlLibrary open_curl() {
    // Never closed: curl keeps global state for the life of the process.
    void* library = ::dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = ::dlerror();
        throw InfraError(std::string("cannot load ") + kLibrary + " to talk to the Docker engine (install libcurl4): " +
                         (why ? why : "unknown error"));
    }
    CurlLibrary curl{};
    decltype(&curl_global_init) global_init = nullptr;
    bind(library, "curl_global_init", global_init);
    bind(library, "curl_easy_init", curl.easy_init);
    bind(library, "curl_easy_setopt", curl.easy_setopt);
    bind(library, "curl_easy_perform", curl.easy_perform);
    bind(library, "curl_easy_getinfo", curl.easy_getinfo);
    bind(library, "curl_easy_strerror", curl.easy_strerror);
    bind(library, "curl_easy_cleanup", curl.easy_cleanup);
    bind(library, "curl_slist_append", curl.slist_append);
    bind(library, "curl_slist_free_all", curl.slist_free_all);
    bind(library, "curl_multi_init", curl.multi_init);
    bind(library, "curl_multi_add_handle", curl.multi_add_handle);
    bind(library, "curl_multi_remove_handle", curl.multi_remove_handle);
    bind(library, "curl_multi_perform", curl.multi_perform);
    bind(library, "curl_multi_poll", curl.multi_poll);
    bind(library, "curl_multi_wakeup", curl.multi_wakeup);
    bind(library, "curl_multi_info_read", curl.multi_info_read);
    bind(library, "curl_multi_cleanup", curl.multi_cleanup);
    if (global_init(CURL_GLOBAL_ALL) != CURLE_OK) throw InfraError("cannot initialise libcurl");
    return curl;
}

}  // namespace

const CurlLibrary& CurlLibrary::get() {
    static const CurlLibrary curl = open_curl();
    return curl;
}

}  // namespace meshprobe
