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

    // Opens and initialises libcurl once for the process; throws InfraError when it cannot.
    static const CurlLibrary& get();
};

}  // namespace meshprobe
