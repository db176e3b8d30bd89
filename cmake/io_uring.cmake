# Asio's io_uring backend for sockets (the default where the system allows it): the data plane's
# reads and writes become ring entries, submitted in one batch once an event loop's ready work is
# done (see src/elb/upstream.h). The linker routes Asio's ring creation and submission through
# src/core/event_loop_ring.cpp, which sets up each proxy loop's ring for that loop's thread
# alone and mends two Asio 1.81 faults. Measured in bench/RESULTS.md (sessions 10-13): faster,
# cheaper per request and a shorter tail than epoll at 1 and 2 threads. Needs liburing (Debian:
# liburing-dev) and a system that lets a process create a ring; where either is missing, or with
# -DFAULTBOX_IO_URING=OFF, sockets go through epoll. Container runtimes often refuse io_uring: a
# binary built outside one and run inside stops with a hint (src/cli/main.cpp).
# faultbox_io_uring(target) applies the choice to a target, whose dependants inherit it: every
# translation unit of a binary must see the same Asio.
option(FAULTBOX_IO_URING "Drive sockets through io_uring where the system allows it" ON)

set(FAULTBOX_SOCKETS epoll)
if(FAULTBOX_IO_URING)
  find_library(FAULTBOX_LIBURING uring)
  find_path(FAULTBOX_LIBURING_INCLUDE liburing.h)
  if(FAULTBOX_LIBURING AND FAULTBOX_LIBURING_INCLUDE)
    try_run(FAULTBOX_RING_RUNS FAULTBOX_RING_COMPILES
            SOURCES ${PROJECT_SOURCE_DIR}/cmake/io_uring_probe.cpp
            LINK_LIBRARIES ${FAULTBOX_LIBURING})
    if(FAULTBOX_RING_COMPILES AND FAULTBOX_RING_RUNS EQUAL 0)
      set(FAULTBOX_SOCKETS io_uring)
    else()
      message(STATUS "faultbox: this system refuses io_uring rings")
    endif()
  else()
    message(STATUS "faultbox: liburing not found (Debian: liburing-dev)")
  endif()
endif()
message(STATUS "faultbox: sockets through ${FAULTBOX_SOCKETS}")

function(faultbox_io_uring target)
  if(FAULTBOX_SOCKETS STREQUAL "io_uring")
    target_compile_definitions(${target} PUBLIC BOOST_ASIO_HAS_IO_URING BOOST_ASIO_DISABLE_EPOLL)
    target_link_libraries(${target} PUBLIC ${FAULTBOX_LIBURING})
    # src/core/event_loop_ring.cpp sets up the rings Asio makes and guards their submissions.
    target_link_options(${target} PUBLIC -Wl,--wrap=io_uring_queue_init -Wl,--wrap=io_uring_submit)
  endif()
endfunction()
