// An HTTP/1.1 keep-alive client for bench/tail.sh: CONNECTIONS connections send GET / for
// SECONDS, and every request is written to a CSV (sent and answered, CLOCK_MONOTONIC seconds, so
// the logs of clients run side by side merge; connection; the backend named in the page).
// Closed loop by default: each connection asks again as soon as its answer is in. With RATE,
// open loop: the connections take turns to send RATE requests/s on a fixed schedule; a request
// whose turn comes while its connection still waits goes when the answer is in, and its latency
// counts from its turn (no coordinated omission), so a stall shows in full.
// wrk gives percentiles only; this says which requests were slow, when, and behind which
// backend, which is what tells a stalled backend from a stalled load balancer.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { kBufferSize = 4096, kMaxRecords = 4000000 };

struct connection {
  int fd;
  int waiting;      // for an answer
  double sent;      // open loop: the request's turn
  double next_turn; // open loop
  char buffer[kBufferSize];
  int length;
};

struct record {
  double sent, answered;
  int connection;
  char backend;
};

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int fail(const char* what) {
  fprintf(stderr, "request_log: %s\n", what);
  return 1;
}

// Length of the first complete answer in `c`, or 0 while it is incomplete.
static int complete_answer(const struct connection* c) {
  const char* end = memmem(c->buffer, (size_t)c->length, "\r\n\r\n", 4);
  if (!end) return 0;
  const char* cl = strcasestr(c->buffer, "\r\ncontent-length:");
  if (!cl || cl > end) return -1;
  int total = (int)(end + 4 - c->buffer) + atoi(cl + 17);
  return c->length >= total ? total : 0;
}

static int send_request(struct connection* c, const char* request, int length, double turn) {
  c->sent = turn;
  c->waiting = 1;
  return write(c->fd, request, (size_t)length) == length ? 0 : -1;
}

int main(int argc, char** argv) {
  if (argc != 6 && argc != 7) {
    fprintf(stderr, "usage: request_log IP PORT CONNECTIONS SECONDS OUT.csv [RATE]"
                    "  (IP in 127.0.0.0/8; RATE: requests/s, open loop)\n");
    return 2;
  }
  const double rate = argc == 7 ? atof(argv[6]) : 0;
  const char* ip = argv[1];
  const int port = atoi(argv[2]), count = atoi(argv[3]);
  const double seconds = atof(argv[4]);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, ip, &address.sin_addr) != 1 || strncmp(ip, "127.", 4) != 0)
    return fail("the address must be an IPv4 address in 127.0.0.0/8");
  if (port <= 0 || port > 65535 || count <= 0 || count > 1000 || seconds <= 0 || seconds > 60)
    return fail("port 1-65535, 1-1000 connections, 0-60 seconds");
  if (argc == 7 && (rate < 1 || rate > 1e6)) return fail("RATE: 1 to 1,000,000 requests/s");
  const double interval = rate > 0 ? count / rate : 0;  // between one connection's turns
  char request[256];
  int request_length =
      snprintf(request, sizeof request, "GET / HTTP/1.1\r\nHost: %s:%d\r\n\r\n", ip, port);
  struct connection* connections = calloc((size_t)count, sizeof *connections);
  struct record* records = malloc(sizeof(struct record) * kMaxRecords);
  int epoll = epoll_create1(0);
  if (!connections || !records || epoll < 0) return fail("out of memory or epoll");
  for (int i = 0; i < count; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    if (fd < 0 || connect(fd, (struct sockaddr*)&address, sizeof address) != 0)
      return fail(strerror(errno));
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    connections[i].fd = fd;
    struct epoll_event event = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
  }
  const double start = now(), end = start + seconds;
  for (int i = 0; i < count; ++i) {
    connections[i].next_turn = start + i * (interval / count);  // turns spread evenly
    if (rate == 0 && send_request(&connections[i], request, request_length, now()) != 0)
      return fail("write failed");
  }
  size_t recorded = 0;
  int open = count;
  struct epoll_event events[256];
  while (open > 0) {
    struct timespec timeout = {1, 0};
    if (rate > 0) {  // idle connections whose turn has come send; the wait ends at the next turn
      double t = now(), next = t + 1;
      for (int i = 0; i < count; ++i) {
        struct connection* c = &connections[i];
        if (c->waiting || c->fd < 0) continue;
        if (c->next_turn >= end) {
          close(c->fd);
          c->fd = -1;
          --open;
        } else if (c->next_turn <= t) {
          if (send_request(c, request, request_length, c->next_turn) != 0)
            return fail("write failed");
          c->next_turn += interval;
        } else if (c->next_turn < next) {
          next = c->next_turn;
        }
      }
      if (open == 0) break;
      double wait = next - now();
      if (wait < 0) wait = 0;
      timeout = (struct timespec){(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
    }
    int ready = epoll_pwait2(epoll, events, 256, &timeout, NULL);
    if (ready == 0 && now() > end + 5) return fail("no answer for 5 s after the end");
    double t = now();
    for (int j = 0; j < ready; ++j) {
      struct connection* c = &connections[events[j].data.u32];
      if (c->length == kBufferSize - 1) return fail("an answer larger than 4 KB");
      ssize_t n = read(c->fd, c->buffer + c->length, kBufferSize - 1 - (size_t)c->length);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;
      if (n <= 0) return fail("a connection closed before its answer");
      c->length += (int)n;
      c->buffer[c->length] = 0;
      int total = complete_answer(c);
      if (total < 0) return fail("an answer without Content-Length");
      if (total == 0) continue;
      const char* named = strstr(c->buffer, "backend ");
      if (recorded < kMaxRecords)
        records[recorded++] = (struct record){c->sent, t, (int)events[j].data.u32,
                                              named && named + 8 < c->buffer + total ? named[8] : '?'};
      memmove(c->buffer, c->buffer + total, (size_t)(c->length - total));
      c->length -= total;
      c->waiting = 0;
      if (rate > 0) continue;  // open loop: its next turn decides
      if (t < end) {
        if (send_request(c, request, request_length, now()) != 0) return fail("write failed");
      } else {
        close(c->fd);
        c->fd = -1;
        --open;
      }
    }
  }
  FILE* out = fopen(argv[5], "w");
  if (!out) return fail(strerror(errno));
  fprintf(out, "sent,answered,connection,backend\n");
  for (size_t i = 0; i < recorded; ++i)
    fprintf(out, "%.6f,%.6f,%d,%c\n", records[i].sent, records[i].answered,
            records[i].connection, records[i].backend);
  fclose(out);
  fprintf(stderr, "%zu requests in %.2f s\n", recorded, now() - start);
  return 0;
}
