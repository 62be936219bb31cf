# MESHPROBE_SANITIZE (make test-asan: address,undefined; make test-tsan: thread) builds every
# target with those sanitizers, except the static programs (meshprobe_static_program below):
# no sanitizer runtime links statically.
set(MESHPROBE_SANITIZE "" CACHE STRING "sanitizers to build with, as for -fsanitize= (empty: none)")
if(MESHPROBE_SANITIZE)
  # No recovery: a report fails the test that caused it instead of scrolling past.
  set(MESHPROBE_SANITIZE_FLAGS -fsanitize=${MESHPROBE_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options(${MESHPROBE_SANITIZE_FLAGS})
  add_link_options(${MESHPROBE_SANITIZE_FLAGS})
endif()

# Links `target` with -static, and without the sanitizers. Only for programs that link no
# project library: those are built with the sanitizers.
function(meshprobe_static_program target)
  if(MESHPROBE_SANITIZE)
    foreach(property COMPILE_OPTIONS LINK_OPTIONS)
      get_target_property(options ${target} ${property})
      if(options)
        list(REMOVE_ITEM options ${MESHPROBE_SANITIZE_FLAGS})
        set_target_properties(${target} PROPERTIES ${property} "${options}")
      endif()
    endforeach()
  endif()
  target_link_options(${target} PRIVATE -static)
endfunction()
