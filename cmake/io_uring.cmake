# Asio's io_uring backend for sockets (opt-in): the data plane's reads and writes become ring
# entries, submitted in one batch once an event loop's ready work is done (see
# src/elb/upstream.h). The linker routes Asio's ring creation and submission through
# src/core/event_loop_ring.cpp, which sets up each proxy loop's ring for that loop's thread
# alone. Measured in bench/RESULTS.md (sessions 10 and 11): faster and cheaper per request than
# epoll at 1 and 2 threads, but at 1 thread still a longer tail than HAProxy's; and container
# runtimes often refuse io_uring. So epoll stays the default. Needs liburing (Debian:
# liburing-dev) and a system that lets a process create a ring. faultbox_io_uring(target)
# applies the choice to a target, whose dependants inherit it: every translation unit of a
# binary must see the same Asio.
option(FAULTBOX_IO_URING "Drive sockets through io_uring where the system allows it" OFF)

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
