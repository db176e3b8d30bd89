// The floor a proxy can reach on this machine: a bare epoll loop that relays wrk's GET requests
// to backends round-robin over keep-alive connections, and nothing else (no header rewriting,
// limits, timeouts, retries or health checks). speed.sh runs it as the target `minimal`, to
// tell what part of a gap to HAProxy a proxy's design can close and what part the machine sets.
//   minimal_proxy [-t PROCESSES] [-s SPIN_NS] [-o 0|1] LISTEN_IP PORT BACKEND_IP:PORT...
// -s adds SPIN_NS of busy work per request: a relay as costly as another proxy but with this
// loop's design. -o 1 sends a batch's messages after all its reads, as HAProxy orders its work.
// Handles only requests without a body and answers with Content-Length: enough for the bench.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { kMaxBackends = 16, kBufSize = 16384, kMaxEvents = 256 };
// CLOSED: freed after the current batch of events, which may still name it.
enum Kind { LISTENER, CLIENT, UPSTREAM, CLOSED };

struct Upstream;
struct Node {  // first in every object epoll names
  enum Kind kind;
  struct Node *next_closed;
};
struct Client {
  struct Node node;
  int fd;
  size_t len;
  struct Upstream *up;  // while a request is out
  char buf[kBufSize];
};
struct Upstream {
  struct Node node;
  int fd;
  int backend;
  size_t len;
  struct Client *owner;  // NULL while idle in its backend's pool
  struct Upstream *next_idle;
  char buf[kBufSize];
};

static struct sockaddr_in backends[kMaxBackends];
static struct Upstream *idle[kMaxBackends];
static struct Node *closed;
static int backend_count, epfd;
static unsigned next_backend;
static long spin_ns;  // -s: extra CPU per request, to tell CPU cost from event-loop design

static void spin(void) {
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  do {
    clock_gettime(CLOCK_MONOTONIC, &now);
  } while ((now.tv_sec - start.tv_sec) * 1000000000L + (now.tv_nsec - start.tv_nsec) < spin_ns);
}

static void die(const char *what) {
  perror(what);
  exit(1);
}

static void watch(int fd, void *owner) {
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = owner};
  if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
}

static void nodelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Closes the socket at once (which takes it out of epoll) and frees its owner after the batch.
static void retire(struct Node *node, int fd) {
  close(fd);
  node->kind = CLOSED;
  node->next_closed = closed;
  closed = node;
}

static void free_closed(void) {
  while (closed) {
    struct Node *next = closed->next_closed;
    free(closed);
    closed = next;
  }
}

static void close_upstream(struct Upstream *u) { retire(&u->node, u->fd); }

static void close_client(struct Client *c) {
  if (c->up) close_upstream(c->up);  // its answer can no longer go anywhere
  retire(&c->node, c->fd);
}

static struct Upstream *take_upstream(void) {
  int b = (int)(next_backend++ % (unsigned)backend_count);
  struct Upstream *u = idle[b];
  if (u) {
    idle[b] = u->next_idle;
    return u;
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);  // blocking connect: loopback answers at once
  if (fd < 0 || connect(fd, (struct sockaddr *)&backends[b], sizeof backends[b]) < 0) {
    if (fd >= 0) close(fd);
    return NULL;
  }
  nodelay(fd);
  u = calloc(1, sizeof *u);
  u->node.kind = UPSTREAM;
  u->fd = fd;
  u->backend = b;
  watch(fd, u);
  return u;
}

// -o: HAProxy's order. Sends wait until every event of the batch has been read, then go out
// together (copied aside; a message too large for a slot is sent at once).
enum { kSlots = 512, kSlotSize = 2048 };
struct PendingSend {
  struct Node *owner;  // skipped if it closed meanwhile
  int fd;
  size_t len;
  char data[kSlotSize];
};
static int batch_sends;
static struct PendingSend pending[kSlots];
static int pending_count;

static int send_all(int fd, const char *data, size_t n);

static int send_message(struct Node *owner, int fd, const char *data, size_t n) {
  if (!batch_sends || n > kSlotSize || pending_count == kSlots) return send_all(fd, data, n);
  struct PendingSend *slot = &pending[pending_count++];
  slot->owner = owner;
  slot->fd = fd;
  slot->len = n;
  memcpy(slot->data, data, n);
  return 0;
}

static void flush_sends(void) {
  for (int i = 0; i < pending_count; ++i) {
    if (pending[i].owner->kind != CLOSED) send_all(pending[i].fd, pending[i].data, pending[i].len);
  }
  pending_count = 0;  // a failed send shows as a closed socket on its next read
}

static int send_all(int fd, const char *data, size_t n) {
  while (n > 0) {
    ssize_t sent = send(fd, data, n, MSG_NOSIGNAL);
    if (sent <= 0) return -1;  // a blocking-size message on loopback: no partial sends to await
    data += sent;
    n -= (size_t)sent;
  }
  return 0;
}

// Sends the client's next complete request, if it has one and none is out.
static void forward_request(struct Client *c) {
  if (c->up) return;
  char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
  if (!end) {
    if (c->len == kBufSize) close_client(c);
    return;
  }
  size_t request_len = (size_t)(end + 4 - c->buf);
  if (spin_ns > 0) spin();
  struct Upstream *u = take_upstream();
  if (!u || send_message(&u->node, u->fd, c->buf, request_len) < 0) {
    if (u) close_upstream(u);
    close_client(c);
    return;
  }
  memmove(c->buf, c->buf + request_len, c->len - request_len);
  c->len -= request_len;
  c->up = u;
  u->owner = c;
}

static void on_client(struct Client *c) {
  ssize_t n = recv(c->fd, c->buf + c->len, kBufSize - c->len, 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
  if (n <= 0) {
    close_client(c);
    return;
  }
  c->len += (size_t)n;
  forward_request(c);
}

// Length of the complete answer in u->buf, or 0 while it is still arriving.
static size_t answer_length(const struct Upstream *u) {
  const char *end = memmem(u->buf, u->len, "\r\n\r\n", 4);
  if (!end) return 0;
  size_t head = (size_t)(end + 4 - u->buf);
  size_t body = 0;
  for (const char *line = u->buf; line < end;) {
    if (strncasecmp(line, "content-length:", 15) == 0) body = strtoul(line + 15, NULL, 10);
    const char *newline = memchr(line, '\n', (size_t)(end - line));
    if (!newline) break;
    line = newline + 1;
  }
  return u->len >= head + body ? head + body : 0;
}

static void on_upstream(struct Upstream *u) {
  ssize_t n = recv(u->fd, u->buf + u->len, kBufSize - u->len, 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
  struct Client *c = u->owner;
  if (n <= 0 || !c) {  // closed, or bytes nobody asked for: this connection is done
    if (c) {
      c->up = NULL;
      close_client(c);
    } else {
      for (struct Upstream **p = &idle[u->backend]; *p; p = &(*p)->next_idle) {
        if (*p == u) {
          *p = u->next_idle;
          break;
        }
      }
    }
    close_upstream(u);
    return;
  }
  u->len += (size_t)n;
  size_t total = answer_length(u);
  if (total == 0) {
    if (u->len == kBufSize) {
      c->up = NULL;
      close_upstream(u);
      close_client(c);
    }
    return;
  }
  int failed = send_message(&c->node, c->fd, u->buf, total);
  u->len = 0;
  u->owner = NULL;
  u->next_idle = idle[u->backend];
  idle[u->backend] = u;
  c->up = NULL;
  if (failed) {
    close_client(c);
    return;
  }
  forward_request(c);  // a pipelined request
}

static void on_listener(int listener) {
  for (;;) {
    int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
    if (fd < 0) return;
    nodelay(fd);
    struct Client *c = calloc(1, sizeof *c);
    c->node.kind = CLIENT;
    c->fd = fd;
    watch(fd, c);
  }
}

static int listen_on(const char *ip, int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, ip, &a.sin_addr) != 1) die("listen address");
  if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 1024) < 0) die("listen");
  return fd;
}

static void serve(int listener) {
  static struct Node listener_node = {.kind = LISTENER};
  epfd = epoll_create1(0);
  if (epfd < 0) die("epoll_create1");
  watch(listener, &listener_node);
  struct epoll_event events[kMaxEvents];
  for (;;) {
    int n = epoll_wait(epfd, events, kMaxEvents, -1);
    for (int i = 0; i < n; ++i) {
      enum Kind kind = ((struct Node *)events[i].data.ptr)->kind;
      if (kind == LISTENER) on_listener(listener);
      else if (kind == CLIENT) on_client(events[i].data.ptr);
      else if (kind == UPSTREAM) on_upstream(events[i].data.ptr);
    }
    flush_sends();
    free_closed();
  }
}

int main(int argc, char **argv) {
  int processes = 1, arg = 1;
  for (; arg + 1 < argc && argv[arg][0] == '-'; arg += 2) {
    if (strcmp(argv[arg], "-t") == 0) processes = atoi(argv[arg + 1]);
    else if (strcmp(argv[arg], "-s") == 0) spin_ns = atol(argv[arg + 1]);
    else if (strcmp(argv[arg], "-o") == 0) batch_sends = atoi(argv[arg + 1]);
    else break;
  }
  if (argc - arg < 3 || processes < 1) {
    fprintf(stderr, "usage: %s [-t PROCESSES] [-s SPIN_NS] [-o 0|1] LISTEN_IP PORT BACKEND_IP:PORT...\n", argv[0]);
    return 2;
  }
  const char *ip = argv[arg];
  int port = atoi(argv[arg + 1]);
  for (int i = arg + 2; i < argc && backend_count < kMaxBackends; ++i) {
    char host[64];
    int backend_port;
    if (sscanf(argv[i], "%63[^:]:%d", host, &backend_port) != 2) die("backend address");
    backends[backend_count] = (struct sockaddr_in){.sin_family = AF_INET,
                                                   .sin_port = htons((uint16_t)backend_port)};
    if (inet_pton(AF_INET, host, &backends[backend_count].sin_addr) != 1) die("backend address");
    ++backend_count;
  }
  signal(SIGPIPE, SIG_IGN);
  int listening[2];  // each process says here that it listens
  if (pipe(listening) < 0) die("pipe");
  for (int p = 1; p < processes; ++p) {
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // stopped with its parent, by the parent's PID
      int listener = listen_on(ip, port);
      if (write(listening[1], "", 1) != 1) die("write");
      serve(listener);
    }
  }
  int listener = listen_on(ip, port);
  for (int p = 1; p < processes; ++p) {
    char byte;
    if (read(listening[0], &byte, 1) != 1) die("a process did not start");
  }
  printf("ready\n");
  fflush(stdout);
  serve(listener);
}
