#pragma once
#include <curl/curl.h>

namespace meshprobe {

// libcurl, opened on first use rather than linked: `meshprobe check` never talks to an engine,
// and loading libcurl with its thirty dependencies cost every start of meshprobe about 6 ms
// (half of a `check` on a small file).
struct CurlLibrary {
    decltype(&curl_easy_init) easy_init;
    decltype(&curl_easy_setopt) easy_setopt;
    decltype(&curl_easy_perform) easy_perform;
    decltype(&curl_easy_getinfo) easy_getinfo;
    decltype(&curl_easy_strerror) easy_strerror;
    decltype(&curl_easy_cleanup) easy_cleanup;
    decltype(&curl_slist_append) slist_append;
    decltype(&curl_slist_free_all) slist_free_all;
    // The multi interface, for transfers another thread must be able to interrupt at once
    // (the watch webhook's stop): curl_multi_wakeup ends a curl_multi_poll from any thread.
    decltype(&curl_multi_init) multi_init;
    decltype(&curl_multi_add_handle) multi_add_handle;
    decltype(&curl_multi_remove_handle) multi_remove_handle;
    decltype(&curl_multi_perform) multi_perform;
    decltype(&curl_multi_poll) multi_poll;
    decltype(&curl_multi_wakeup) multi_wakeup;
    decltype(&curl_multi_info_read) multi_info_read;
    decltype(&curl_multi_cleanup) multi_cleanup;

    // Opens and initialises libcurl once for the process; throws InfraError when it cannot.
    static const CurlLibrary& get();
};

}  // namespace meshprobe
